"""The chat widget in Debian's headless Chromium, driven by keyboard as a
resident who does not use a mouse would."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.support.stack import free_port

pytestmark = [pytest.mark.integration, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is needed: run scripts/setup-browser.sh (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, tmp_path):
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    yield page
    page.screenshot(path=str(tmp_path / "widget.png"), full_page=True)
    context.close()


def bot_messages(page):
    return page.locator("#log li.msg.bot")


def test_a_keyboard_user_has_the_whole_conversation(stack, page, council):
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
    person = page.get_by_role("button", name="Talk to a person").last
    person.focus()
    page.keyboard.press(" ")
    expect_text(bot_messages(page).nth(3), council.phone)


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
    port = free_port()
    env = {**stack.env(), "COUNCILBOT_GATEWAY_PORT": str(port),
           "COUNCILBOT_RASA_URL": f"http://127.0.0.1:{free_port()}",
           "COUNCILBOT_VAR_DIR": str(tmp_path / "var")}
    log = (stack.log_dir / "gateway-without-rasa.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve"], env=env,
                               stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code in (200, 503):
                break
        except httpx.HTTPError:
            time.sleep(0.5)
    yield url
    process.terminate()
    process.wait(timeout=20)


def test_when_the_assistant_is_down_the_page_gives_the_contact_route(gateway_without_rasa, page,
                                                                     council):
    page.goto(gateway_without_rasa)
    message = page.locator("#log li.msg.error").first
    expect_text(message, "isn't available right now")
    expect_text(message, council.phone)
    expect_text(page.locator("footer"), council.phone)


def expect_text(locator, text: str, timeout: float = 30_000) -> None:
    from playwright.sync_api import expect

    expect(locator).to_contain_text(text, timeout=timeout)

