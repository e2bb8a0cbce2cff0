"""The chat widget in Debian's headless Chromium, driven by keyboard as a
resident who does not use a mouse would."""

from __future__ import annotations

import pytest

from tests.browser.conftest import expect_text, serious_accessibility_problems
from tests.support.stack import free_port


def bot_messages(page):
    return page.locator("#log li.msg.bot")


def test_a_keyboard_user_has_the_whole_conversation(stack, page):
    page.goto(stack.url)
    expect_text(bot_messages(page).first, "I'm an AI, not a person")

    # Skip link first, then straight to the message box.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.locator("#message").focus()
    page.keyboard.type("my bin wasn't emptied yesterday what do i do")
    page.keyboard.press("Enter")

    answer = bot_messages(page).nth(1)
    expect_text(answer, "bin")
    source = answer.locator(".sources a")
    assert source.get_attribute("href") == "https://www.northbrook.example.gov.uk/bins/missed-collection"
    assert source.inner_text() == "Report a missed bin collection"
    assert page.locator("#log li.msg.you").first.inner_text().endswith(
        "my bin wasn't emptied yesterday what do i do")

    # A follow-up choice, pressed with the keyboard.
    choice = answer.get_by_role("button", name="How to report a missed bin")
    choice.focus()
    page.keyboard.press("Enter")
    expect_text(bot_messages(page).nth(2), "report")

    # "Talk to a person" is always there and works with the space bar.
    person = page.locator("#talk-to-person")
    person.focus()
    page.keyboard.press(" ")
    expect_text(page.locator("#log li.msg.system").last, "You're in the queue")


def test_the_page_is_labelled_for_screen_readers(stack, page):
    page.goto(stack.url)
    expect_text(bot_messages(page).first, "not a person")
    log = page.locator("#log")
    assert log.get_attribute("role") == "log"
    assert log.get_attribute("aria-live") == "polite"
    assert page.get_by_label("Your question").count() == 1
    assert page.locator("html").get_attribute("lang") == "en-GB"
    unnamed = page.evaluate(
        "[...document.querySelectorAll('button, a, textarea')]"
        ".filter(e => !(e.innerText || e.getAttribute('aria-label') || e.labels?.length)).length")
    assert unnamed == 0
    assert page.locator("h1").inner_text() == "Ask the AI assistant"


def test_an_empty_message_is_not_sent(stack, page):
    page.goto(stack.url)
    expect_text(bot_messages(page).first, "not a person")
    page.locator("#message").focus()
    page.keyboard.press("Enter")
    expect_text(page.locator("#status"), "Please type a question first.")
    assert page.locator("#log li.msg.you").count() == 0


@pytest.fixture()
def gateway_without_rasa(stack, tmp_path):
    """A real gateway whose Rasa is not running."""
    with stack.spare_gateway(tmp_path / "no-rasa",
                             {"COUNCILBOT_RASA_URL": f"http://127.0.0.1:{free_port()}"}) as url:
        yield url


def test_when_the_assistant_is_down_the_page_gives_the_contact_route(gateway_without_rasa, page,
                                                                     council):
    page.goto(gateway_without_rasa)
    message = page.locator("#log li.msg.error").first
    expect_text(message, "isn't available right now")
    expect_text(message, council.phone)
    expect_text(page.locator("footer"), council.phone)


def test_a_message_that_could_not_be_sent_goes_back_in_the_box_and_is_sent_once(stack, page):
    page.goto(stack.url)
    expect_text(bot_messages(page).first, "not a person")
    question = "how do I pay my council tax"
    sent: list[dict] = []

    def drop_once(route):
        sent.append(route.request.post_data_json)
        if len(sent) == 1:
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route("**/api/sessions/*/messages", drop_once)
    page.locator("#message").fill(question)
    page.keyboard.press("Enter")
    expect_text(page.locator("#log li.msg.error").last, "press Send to try again")
    assert page.locator("#message").input_value() == question

    page.keyboard.press("Enter")
    expect_text(bot_messages(page).last, "Direct Debit")
    # One line for the question, sent twice under one id.
    assert page.locator("#log li.msg.you").all_inner_texts()[-1].endswith(question)
    assert page.locator("#log li.msg.you").count() == 1
    assert len(sent) == 2 and sent[0]["client_id"] == sent[1]["client_id"]
    assert page.locator("#message").input_value() == ""


def test_axe_finds_no_serious_problem_on_the_widget(stack, page):
    page.goto(stack.url)
    expect_text(bot_messages(page).first, "not a person")
    page.locator("#message").fill("how do I pay my council tax")
    page.keyboard.press("Enter")
    expect_text(bot_messages(page).nth(1), "council tax")
    assert serious_accessibility_problems(page) == []
