"""The reports page in Debian's headless Chromium: reached from the
console's navigation by a supervisor, usable from the keyboard, and clean
under axe-core."""

from __future__ import annotations

from tests.browser.conftest import expect_text, serious_accessibility_problems
from tests.support.people import AGENT_PASSWORD, Resident


def sign_in(page, stack, username: str) -> None:
    page.goto(f"{stack.url}/console")
    page.get_by_role("textbox", name="Username").fill(username)
    page.get_by_role("textbox", name="Password").fill(AGENT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect_text(page.locator("#signed-in-as"), "Signed in as")


def test_a_supervisor_reaches_the_report_from_the_console(stack, client, new_page):
    Resident(client).say("is there a public toilet in the market square")
    page = new_page("supervisor")
    sign_in(page, stack, "pat")
    page.get_by_role("navigation", name="Console sections").get_by_role("link", name="Reports").click()
    page.wait_for_url(f"{stack.url}/console/reports")
    assert page.locator("h1").inner_text() == "Report for content editors"
    expect_text(page.get_by_role("table", name="Questions the assistant could not answer, grouped by "
                                              "similarity, most asked first"), "toilet")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main-content"
    levels = page.evaluate("[...document.querySelectorAll('h1,h2,h3,h4')].map(h => +h.tagName[1])")
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    assert serious_accessibility_problems(page) == []


def test_an_agent_has_no_link_and_is_told_why_not(stack, new_page):
    page = new_page("agent")
    sign_in(page, stack, "sam")
    assert page.get_by_role("link", name="Reports").count() == 0
    page.goto(f"{stack.url}/console/reports")
    assert page.locator("h1").inner_text() == "You cannot see reports"
    assert serious_accessibility_problems(page) == []
