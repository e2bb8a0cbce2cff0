"""The handoff as people see it: a resident in one browser context and
agents in others, in Debian's headless Chromium, against the real stack."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.browser.conftest import expect_text, serious_accessibility_problems
from tests.support.people import AGENT_PASSWORD


def open_widget(page, stack) -> str:
    """Opens the chat page; returns the resident's session id."""
    with page.expect_response(re.compile(r".*/api/sessions$")) as opened:
        page.goto(stack.url)
    expect_text(page.locator("#log li.msg.bot").first, "not a person")
    return opened.value.json()["session_id"]


def handoff_of(stack, session_id: str) -> dict:
    return httpx.get(f"{stack.url}/api/sessions/{session_id}/handoff", timeout=30).json()["handoff"]


def sign_in(page, stack, username: str = "sam", password: str = AGENT_PASSWORD) -> None:
    page.goto(f"{stack.url}/console")
    page.get_by_role("textbox", name="Username").fill(username)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def open_conversation(console, handoff_id: str) -> None:
    console.locator(f'#queue-body button[data-handoff="{handoff_id}"]').click()
    expect_text(console.locator("#transcript"), "")


def resident_types(page, text: str) -> None:
    page.locator("#message").fill(text)
    page.keyboard.press("Enter")


def test_a_resident_and_an_agent_talk_live_and_the_assistant_comes_back(stack, new_page):
    widget, console = new_page("resident"), new_page("agent")
    session_id = open_widget(widget, stack)
    sign_in(console, stack)
    expect_text(console.locator("#queue-heading"), "Queue")

    widget.get_by_role("button", name="Talk to a person").click()
    expect_text(widget.locator("#log li.msg.system").last, "You're in the queue")
    expect_text(widget.locator("#handoff-status, [role=status]").first, "in the queue")
    handoff = handoff_of(stack, session_id)

    # The new conversation appears on the console without a reload.
    open_conversation(console, handoff["id"])
    console.locator("#claim").click()
    expect_text(widget.locator("#log li.msg.system").last,
                "You are now talking to Sam from the contact team (a person, not the AI)")

    console.locator("#reply").fill("Hello, I'm Sam. How can I help?")
    console.keyboard.press("Enter")
    agent_said = widget.locator("#log li.msg.agent").last
    expect_text(agent_said, "How can I help?")
    expect_text(agent_said, "Sam")

    resident_types(widget, "my garden waste bin has been missed twice")
    expect_text(console.locator("#transcript"), "garden waste bin has been missed twice")

    console.locator('input[name="outcome"][value="answered"]').check()
    console.locator("#resolve").click()
    expect_text(widget.locator("#log li.msg.bot").last, "You're back with the automated assistant")

    resident_types(widget, "how do I pay my council tax")
    answer = widget.locator("#log li.msg.assistant").last
    expect_text(answer, "council tax")
    expect_text(answer.locator(".sources"), "Pay your council tax")
    assert handoff_of(stack, session_id) is None


def test_a_crisis_shows_help_lines_first_and_reaches_the_console_as_urgent(stack, new_page):
    widget, console = new_page("resident"), new_page("agent")
    sign_in(console, stack, "alex")
    expect_text(console.locator("#queue-heading"), "Queue")
    session_id = open_widget(widget, stack)
    resident_types(widget, "i dont want to be here anymore, i want to end it all tonight")
    first_reply = widget.locator("#log li.msg.signposting").first
    expect_text(first_reply, "999")
    expect_text(first_reply, "116 123")
    # The help lines come before anything else said after the message.
    replies = widget.locator("#log li.msg.bot")
    assert "signposting" in (replies.nth(1).get_attribute("class") or "")
    handoff = handoff_of(stack, session_id)
    assert handoff["priority"] == "urgent"

    row = console.locator("#queue-body tr", has=console.locator(f'button[data-handoff="{handoff["id"]}"]'))
    expect_text(row, "Urgent")
    assert "app-row--urgent" in (row.get_attribute("class") or "")
    expect_text(console.locator("#alert-banner"), "")
    assert console.locator("#alert-banner").is_visible()
    open_conversation(console, handoff["id"])
    console.locator("#claim").click()
    console.locator('input[name="outcome"][value="safeguarding_referral"]').check()
    console.locator("#resolve").click()
    expect_text(widget.locator("#log li.msg.bot").last, "back with the automated assistant")


def test_two_agents_racing_for_one_claim_the_loser_is_told(stack, new_page):
    widget, first, second = new_page("resident"), new_page("sam"), new_page("alex")
    session_id = open_widget(widget, stack)
    widget.get_by_role("button", name="Talk to a person").click()
    expect_text(widget.locator("#log li.msg.system").last, "You're in the queue")
    handoff = handoff_of(stack, session_id)
    sign_in(first, stack, "sam")
    sign_in(second, stack, "alex")
    open_conversation(first, handoff["id"])
    open_conversation(second, handoff["id"])
    for page in (first, second):
        expect_text(page.locator("#claim"), "Claim")
    # Both press Claim at the same moment (no waiting between the presses).
    first.locator("#claim").dispatch_event("click")
    second.locator("#claim").dispatch_event("click")
    expect_text(widget.locator("#log li.msg.system").last, "You are now talking to")
    winner_name = handoff_of(stack, session_id)["agent"]
    winner, loser = (first, second) if winner_name == "Sam" else (second, first)
    expect_text(loser.locator("#conversation-problem"),
                f"{winner_name} is already handling this conversation")
    winner.locator("#hand-back").click()
    expect_text(widget.locator("#log li.msg.bot").last, "back with the automated assistant")


def test_a_gateway_restart_mid_handoff_both_sides_reconnect(stack, new_page):
    widget, console = new_page("resident"), new_page("agent")
    session_id = open_widget(widget, stack)
    widget.get_by_role("button", name="Talk to a person").click()
    expect_text(widget.locator("#log li.msg.system").last, "You're in the queue")
    handoff = handoff_of(stack, session_id)
    sign_in(console, stack, "sam")
    open_conversation(console, handoff["id"])
    console.locator("#claim").click()
    expect_text(widget.locator("#log li.msg.system").last, "You are now talking to Sam")

    stack.restart_gateway()

    console.locator("#reply").fill("Sorry, we had a blip. Still here.")
    console.keyboard.press("Enter")
    expect_text(widget.locator("#log li.msg.agent").last, "Still here", timeout=60_000)
    resident_types(widget, "ok no problem")
    expect_text(console.locator("#transcript"), "ok no problem", timeout=60_000)
    # Nothing doubled on either side after the reconnects.
    assert widget.locator("#log li.msg.agent", has_text="Still here").count() == 1
    assert widget.locator("#log li.msg.system", has_text="You are now talking to Sam").count() == 1
    console.locator("#hand-back").click()
    expect_text(widget.locator("#log li.msg.bot").last, "back with the automated assistant")


def test_repeated_wrong_passwords_lock_the_account_for_a_time(stack, new_page):
    page = new_page("locked")
    for _ in range(4):
        sign_in(page, stack, "locked2", "not the right password")
        expect_text(page.locator(".govuk-error-summary"), "username or password is not right")
    sign_in(page, stack, "locked2", "not the right password")
    expect_text(page.locator(".govuk-error-summary"), "locked")
    sign_in(page, stack, "locked2", AGENT_PASSWORD)
    expect_text(page.locator(".govuk-error-summary"), "locked")


@pytest.mark.parametrize("where", ["sign-in", "console", "widget in a handoff"])
def test_axe_finds_no_serious_problem(stack, new_page, where):
    page = new_page(where)
    if where == "sign-in":
        page.goto(f"{stack.url}/console")
        expect_text(page.locator("h1"), "Sign in")
    elif where == "console":
        widget = new_page("resident")
        session_id = open_widget(widget, stack)
        widget.get_by_role("button", name="Talk to a person").click()
        expect_text(widget.locator("#log li.msg.system").last, "You're in the queue")
        sign_in(page, stack, "pat")
        open_conversation(page, handoff_of(stack, session_id)["id"])
        expect_text(page.locator("#transcript"), "Talk to a person")
    else:
        open_widget(page, stack)
        page.get_by_role("button", name="Talk to a person").click()
        expect_text(page.locator("#log li.msg.system").last, "You're in the queue")
    assert serious_accessibility_problems(page) == []
