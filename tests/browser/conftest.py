"""Debian's headless Chromium, driven by Playwright, shared by the browser
tests; each test gets fresh browser contexts (a resident's, an agent's)."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is needed: run scripts/setup-browser.sh (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def new_page(browser, tmp_path):
    """Pages in separate contexts: separate cookies, as two people would have."""
    contexts = []

    def make(name: str = "page"):
        context = browser.new_context(viewport={"width": 1100, "height": 900})
        contexts.append((name, context))
        return context.new_page()

    yield make
    for name, context in contexts:
        for i, page in enumerate(context.pages):
            page.screenshot(path=str(tmp_path / f"{name}-{i}.png"), full_page=True)
        context.close()


@pytest.fixture()
def page(new_page):
    return new_page("widget")


def expect_text(locator, text: str, timeout: float = 30_000) -> None:
    from playwright.sync_api import expect

    expect(locator).to_contain_text(text, timeout=timeout)


def serious_accessibility_problems(page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} elements)"
            for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
