"""A resident's rights in the widget, by keyboard, in Debian's headless
Chromium against the real stack: "delete my conversation" and its confirm
button end the chat and offer a new one; "download my conversation" gives a
download link to the minimised copy; and both states pass axe."""

from __future__ import annotations

from pathlib import Path

import httpx
from playwright.sync_api import expect

from tests.browser.conftest import expect_text, serious_accessibility_problems
from tests.browser.test_handoff import open_widget, resident_types
from tests.integration.test_records import marker

EMAIL = "ottoline.marchbanks@example.com"


def bot_messages(page):
    return page.locator("#log li.msg.bot")


def session_gone(stack, session_id: str) -> bool:
    response = httpx.get(f"{stack.url}/api/sessions/{session_id}/transcript", timeout=30)
    return response.status_code == 404


def test_a_keyboard_user_deletes_the_conversation_after_confirming(stack, page):
    session_id = open_widget(page, stack)
    word = marker()
    resident_types(page, f"my {word} bin was missed")
    expect_text(bot_messages(page).nth(1), "bin")
    resident_types(page, "delete my conversation")
    offer = bot_messages(page).nth(2)
    expect_text(offer, "can't be undone")
    assert offer.get_by_role("button", name="No, keep it").count() == 1

    offer.get_by_role("button", name="Yes, delete this conversation").focus()
    page.keyboard.press("Enter")

    ended = page.locator("#log li.msg")
    expect_text(ended.first, "Your conversation has been deleted")
    # Nothing of it stays on the screen either, and the next step has the focus.
    expect(ended).to_have_count(1)
    assert word not in page.locator("#log").inner_text()
    again = page.get_by_role("button", name="Start a new chat")
    expect(again).to_be_focused()
    expect(page.locator("#download-conversation")).to_be_hidden()
    assert session_gone(stack, session_id)
    assert serious_accessibility_problems(page) == []

    page.keyboard.press("Enter")
    expect_text(bot_messages(page).last, "not a person")
    expect(page.locator("#download-conversation")).to_be_visible()


def test_typing_the_confirm_buttons_words_does_not_delete(stack, page):
    session_id = open_widget(page, stack)
    resident_types(page, "delete my conversation")
    expect_text(bot_messages(page).nth(1), "can't be undone")
    resident_types(page, "/erase_conversation")
    expect_text(bot_messages(page).nth(2), "can't be undone")
    assert not session_gone(stack, session_id)


def test_the_download_link_gives_the_minimised_copy(stack, page):
    session_id = open_widget(page, stack)
    resident_types(page, f"my email is {EMAIL} when is my bin day")
    expect_text(bot_messages(page).nth(1), "bin")
    resident_types(page, "download my conversation")
    reply = bot_messages(page).nth(2)
    link = reply.get_by_role("link", name="Download this conversation (text file)")
    expect(link).to_be_visible()
    assert link.get_attribute("href") == f"/api/sessions/{session_id}/transcript"
    assert link.get_attribute("download") is not None
    assert serious_accessibility_problems(page) == []

    link.focus()
    with page.expect_download() as downloading:
        page.keyboard.press("Enter")
    download = downloading.value
    assert download.suggested_filename.endswith(f"{session_id[:8]}.txt")
    text = Path(download.path()).read_text(encoding="utf-8")
    assert "You: my email is <EMAIL> when is my bin day" in text
    assert "You: download my conversation" in text
    assert EMAIL not in text

    # The widget's own link is always there too, pointing at the same copy.
    always = page.locator("#download-conversation")
    expect(always).to_be_visible()
    assert always.get_attribute("href") == f"/api/sessions/{session_id}/transcript"


def test_a_deletion_made_elsewhere_ends_the_chat_on_the_page(stack, page):
    session_id = open_widget(page, stack)
    resident_types(page, "how do I pay my council tax")
    expect_text(bot_messages(page).nth(1), "council tax")
    response = httpx.request("DELETE", f"{stack.url}/api/sessions/{session_id}", json={"confirm": True},
                             timeout=30)
    assert response.status_code == 200, response.text
    expect_text(page.locator("#log li.msg").first, "Your conversation has been deleted")
    expect(page.get_by_role("button", name="Start a new chat")).to_be_visible()
