"""The transparency page in Debian's headless Chromium: reached from the
disclosure, usable by keyboard alone, and clean under axe-core."""

from __future__ import annotations

from tests.browser.conftest import expect_text


def focused(page) -> dict:
    return page.evaluate("({tag: document.activeElement.tagName, "
                         "href: document.activeElement.getAttribute('href') || '', "
                         "text: document.activeElement.innerText || ''})")


def test_the_disclosure_link_leads_to_the_page(stack, page):
    page.goto(stack.url)
    first = page.locator("#log li.msg.bot").first
    expect_text(first, "What this assistant does and doesn't do")
    link = first.locator('a[href="/transparency"]')
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{stack.url}/transparency")
    assert page.locator("h1").inner_text() == "How the AI assistant works"


def test_the_widget_footer_links_the_page(stack, page):
    page.goto(stack.url)
    page.locator("footer").get_by_role("link", name="What this assistant does and doesn't do").click()
    page.wait_for_url(f"{stack.url}/transparency")


def test_a_keyboard_user_reaches_every_part(stack, page):
    page.goto(f"{stack.url}/transparency")
    page.keyboard.press("Tab")
    assert focused(page)["href"] == "#main-content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"

    reached = []
    for _ in range(120):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["tag"] == "BODY" or (reached and now == reached[0]):
            break
        reached.append(now)
    hrefs = [r["href"] for r in reached]
    for anchor in ("#summary", "#owner", "#decisions", "#tool", "#risks", "#contact"):
        assert anchor in hrefs
    assert "/transparency.json" in hrefs and "/" in hrefs
    assert "https://ico.org.uk/make-a-complaint/" in hrefs

    # The list of topics opens from the keyboard.
    summary = page.locator("summary.govuk-details__summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect_text(page.locator(".govuk-details__text"), "Libraries")

    # A contents link moves to its section.
    page.get_by_role("link", name="Risks and how we reduce them").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#risks"


def test_screen_readers_get_landmarks_and_ordered_headings(stack, page):
    page.goto(f"{stack.url}/transparency")
    assert page.locator("html").get_attribute("lang").startswith("en")
    assert page.get_by_role("main").count() == 1
    assert page.get_by_role("navigation", name="Contents").count() == 1
    levels = page.evaluate("[...document.querySelectorAll('h1,h2,h3,h4')].map(h => +h.tagName[1])")
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    # Styled by GOV.UK Frontend, not left as browser defaults.
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).fontWeight") == "700"
    assert page.evaluate("getComputedStyle(document.querySelector('.govuk-summary-list')).display") != "block"


def test_axe_finds_no_violations_on_the_page(stack, page):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{stack.url}/transparency")
    page.locator("summary.govuk-details__summary").click()
    violations = Axe().run(page).response["violations"]
    assert [f"{v['id']} ({v['impact']}): {v['help']}" for v in violations] == []
