"""A resident who writes in Polish, then in Urdu, in Debian's headless
Chromium: the translation sits in an element of its own with the language's
lang and direction, so a screen reader reads it in that voice, and axe finds
no accessibility violation on the page."""

from __future__ import annotations

from tests.browser.conftest import expect_text


def send(page, text: str) -> None:
    page.locator("#message").fill(text)
    page.locator("#message").press("Enter")


def test_the_translation_is_marked_with_its_language_and_direction(stack, page):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(stack.url)
    expect_text(page.locator("#log li.msg.bot").first, "not a person")

    send(page, "Dzień dobry, kiedy jest odbiór śmieci na mojej ulicy?")
    polish = page.locator("#log li.msg.system .translation[lang='pl']")
    expect_text(polish, "Ten asystent odpowiada tylko po angielsku.")
    assert polish.get_attribute("dir") == "ltr"
    reply = page.locator("#log li.msg.system").last
    # The English comes first, in the page's own language.
    assert reply.locator("p").first.inner_text().startswith("This assistant can only answer in English.")
    assert reply.locator("p").first.get_attribute("lang") is None
    assert reply.get_by_role("button", name="Talk to a person").count() == 1

    send(page, "میرے گھر میں نمی اور پھپھوندی ہے، مالک مکان مرمت نہیں کر رہا")
    urdu = page.locator("#log li.msg.system .translation[lang='ur']")
    expect_text(urdu, "یہ اسسٹنٹ صرف انگریزی میں جواب دیتا ہے۔")
    assert urdu.get_attribute("dir") == "rtl"

    violations = Axe().run(page).response["violations"]
    assert [f"{v['id']} ({v['impact']}): {v['help']}" for v in violations] == []
