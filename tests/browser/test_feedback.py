""""Was this helpful?" in the widget, by keyboard alone, in Debian's headless
Chromium against the real stack: Yes and No are real buttons, a "No" offers
the reasons as radio buttons in a fieldset, the thanks is announced in the
status region, and axe finds nothing wrong at any step."""

from __future__ import annotations

import sqlite3

from playwright.sync_api import expect

from tests.browser.conftest import expect_text
from tests.browser.test_handoff import open_widget


def bot_messages(page):
    return page.locator("#log li.msg.bot")


def focused(page) -> dict:
    return page.evaluate("({tag: document.activeElement.tagName, id: document.activeElement.id, "
                         "text: (document.activeElement.innerText || '').trim(), "
                         "label: document.activeElement.labels && document.activeElement.labels[0] "
                         "? document.activeElement.labels[0].innerText : ''})")


def ask_by_keyboard(page, text: str) -> None:
    page.locator("#message").focus()
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def last_feedback(stack) -> tuple:
    with sqlite3.connect(stack.var_dir / "councilbot.db") as db:
        return db.execute("SELECT topic_id, helpful, reason FROM feedback "
                          "ORDER BY id DESC LIMIT 1").fetchone()


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    return [f"{v['id']} ({v['impact']}): {v['help']}" for v in Axe().run(page).response["violations"]]


def test_a_keyboard_user_rates_an_answer_no_with_a_reason(stack, page):
    open_widget(page, stack)
    ask_by_keyboard(page, "how do I pay my council tax")
    answer = bot_messages(page).nth(1)
    expect_text(answer, "council tax")
    group = answer.get_by_role("group", name="Was this helpful?")
    expect(group).to_be_visible()
    assert group.get_by_role("button").all_inner_texts() == ["Yes", "No"]
    # The disclosure is not an answer: it is never rated.
    assert bot_messages(page).first.get_by_role("group").count() == 0
    assert axe_violations(page) == []

    # From the message box, one step back is the latest answer's "No".
    expect(page.locator("#message")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    assert focused(page) == {"tag": "BUTTON", "id": "", "text": "No", "label": ""}
    page.keyboard.press("Enter")

    reasons = answer.locator("fieldset")
    expect(reasons).to_be_visible()
    expect_text(reasons.locator("legend"), "Why did it not help? (optional)")
    assert reasons.get_by_role("radio").count() == 4
    expect_text(page.locator("#status"), "tell us why")
    now = focused(page)
    assert now["tag"] == "INPUT" and now["label"] == "It did not answer my question"
    assert axe_violations(page) == []

    page.keyboard.press("ArrowDown")
    expect(reasons.get_by_role("radio", name="It was hard to understand")).to_be_checked()
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Send"
    page.keyboard.press("Enter")

    expect_text(answer.locator(".feedback-thanks"), "Thank you for your feedback.")
    expect_text(page.locator("#status"), "Thank you for your feedback.")
    expect(page.locator("#message")).to_be_focused()
    assert answer.get_by_role("button", name="Yes").count() == 0
    assert last_feedback(stack) == ("pay-council-tax", 0, "hard_to_understand")
    assert axe_violations(page) == []


def test_a_keyboard_user_says_yes_and_sending_no_reason_asks_for_one(stack, page):
    open_widget(page, stack)
    ask_by_keyboard(page, "how do I pay my council tax")
    first = bot_messages(page).nth(1)
    expect_text(first, "council tax")
    ask_by_keyboard(page, "how do i apply for a blue badge")
    second = bot_messages(page).nth(2)
    expect(second.locator(".sources")).to_be_visible(timeout=30_000)

    # Shift+Tab twice: the latest answer's "Yes", pressed with the space bar.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert focused(page)["text"] == "Yes"
    page.keyboard.press(" ")
    expect_text(second.locator(".feedback-thanks"), "Thank you for your feedback.")
    assert last_feedback(stack)[1:] == (1, None)
    # The earlier answer can still be rated.
    expect(first.get_by_role("group", name="Was this helpful?")).to_be_visible()

    first.get_by_role("button", name="No").focus()
    page.keyboard.press("Enter")
    send = first.get_by_role("button", name="Send")
    expect(send).to_be_visible()
    send.focus()
    page.keyboard.press("Enter")
    expect_text(page.locator("#status"), "Choose a reason, or choose Skip.")
    assert focused(page)["label"] == "It did not answer my question"
    first.get_by_role("button", name="Skip").focus()
    page.keyboard.press("Enter")
    expect_text(first.locator(".feedback-thanks"), "Thank you for your feedback.")
    assert last_feedback(stack)[1:] == (0, None)


def test_handovers_are_never_rated(stack, page):
    open_widget(page, stack)
    page.locator("#talk-to-person").focus()
    page.keyboard.press("Enter")
    queued = page.locator("#log li.msg.system").last
    expect_text(queued, "You're in the queue")
    assert page.locator("#log").get_by_role("group", name="Was this helpful?").count() == 0
