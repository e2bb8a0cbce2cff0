"""The report as text for a terminal, JSON and HTML: every part shown with
its counts, nothing naming a conversation, and hostile text from the
database or the knowledge files escaped."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from html.parser import HTMLParser

import pytest

from bot.reports.grouping import Group, Grouping
from bot.reports.ratings import NO_REASON, Ratings, SectionRatings
from bot.reports.render import render, render_html, render_html_body, render_json, render_text
from bot.reports.report import Report
from bot.reports.reviews import Review, Reviews
from bot.reports.unanswered import ELSEWHERE, LOW, NOT_SURE

HOSTILE = '<script>alert("x")</script>'
TODAY = dt.date(2026, 11, 23)


def made(**changes) -> Report:
    report = Report(
        council="Northbrook Borough Council", generated_at=dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC),
        days=30, first_day=dt.date(2026, 10, 24), last_day=TODAY, retention_days=30,
        special_category_days=7, knowledge_dir="knowledge", knowledge_found=True, unreadable_files=0,
        unanswered=Grouping([
            Group("where are the nearest public toilets", 5,
                  ["are the toilets in the park open", "public toilets in the town centre"],
                  {NOT_SURE: 4, LOW: 1}, "fly-tipping", "Report fly-tipping"),
            Group("is the swimming pool open on sunday", 2, ["swimming times"], {ELSEWHERE: 2},
                  "elsewhere:leisure-and-parks", "leisure centres, parks and events"),
            Group(HOSTILE, 1, [HOSTILE + " again"], {NOT_SURE: 1}),
        ], questions=8),
        ratings=Ratings(4, 3, [
            SectionRatings("missed-bin", "missed-bin#how-to-report-it", 1, 2,
                           {"did_not_answer": 1, NO_REASON: 1}, "Report a missed bin collection",
                           "How to report it"),
            SectionRatings("old-page", None, 0, 1, {"hard_to_understand": 1}),
        ]),
        reviews=Reviews(
            overdue=[Review("pay-council-tax", "Pay your council tax", "pay-council-tax.md",
                            dt.date(2025, 6, 1), dt.date(2026, 6, 1), 175)],
            due_soon=[Review("libraries", "Libraries", "libraries.md", dt.date(2025, 12, 10),
                             dt.date(2026, 12, 10), 17)]),
    )
    return dataclasses.replace(report, **changes)


def test_text_is_plain_columns_for_a_terminal():
    text = render_text(made())
    assert all(len(line) <= 78 for line in text.splitlines())
    assert "Covers 24 October 2026 to 23 November 2026 (the last 30 days)." in text
    assert "deleted 30 days after its last message (7 days if it held special category" in " ".join(
        text.split())
    assert "8 questions in 3 groups, most asked first." in text
    assert re.search(r"^ +5  where are the nearest public toilets$", text, re.M)
    assert re.search(r"^ +Also asked: are the toilets in the park open$", text, re.M)
    assert re.search(r"^ +public toilets in the town centre$", text, re.M)
    assert "Why: not sure 4, answered on a weak match 1" in text
    assert "Likeliest page: Report fly-tipping (fly-tipping)" in text
    assert "Signposted to: leisure centres, parks and events" in text
    assert "7 ratings: 4 helpful, 3 not helpful." in text
    assert re.search(r"^ +2 +1  Report a missed bin collection: How to report it$", text, re.M)
    assert re.search(r"^ +Reasons: did not answer the question 1,\n +no reason given 1$", text, re.M)
    assert "old-page (page no longer in the knowledge files)" in text
    assert re.search(r"^ +175  2025-06-01 +pay-council-tax.md +Pay your council tax$", text, re.M)
    assert re.search(r"^ +17  2026-12-10 +libraries.md +Libraries$", text, re.M)


@pytest.mark.parametrize(("changes", "said"), [
    ({"unanswered": Grouping()}, "No questions in this period that the assistant could not answer."),
    ({"ratings": Ratings()}, "No answers were rated in this period."),
    ({"ratings": Ratings(3, 0, [])}, "3 ratings: 3 helpful, 0 not helpful. No answer was rated not helpful."),
    ({"reviews": Reviews()}, "No file is overdue for review."),
    ({"reviews": Reviews()}, "No file is due within 30 days."),
    ({"knowledge_found": False}, "No knowledge files were found in knowledge."),
    ({"unreadable_files": 2}, "2 file(s) could not be read"),
    ({"days": 90}, "So the questions cover at most the last 30 days, not all 90."),
    ({"unanswered": Grouping([], 2500, 500)}, "500 rarely asked questions were left out"),
])
def test_every_part_says_when_there_is_nothing_or_less(changes, said):
    report = made(**changes)
    assert said in " ".join(render_text(report).split())
    assert said in " ".join(render_html_body(report).split())


def test_json_has_every_part_and_no_conversation():
    data = json.loads(render_json(made()))
    assert data["days"] == 30 and data["first_day"] == "2026-10-24"
    assert data["unanswered"]["groups"][0] == {
        "question": "where are the nearest public toilets", "count": 5,
        "examples": ["are the toilets in the park open", "public toilets in the town centre"],
        "reasons": {"not_sure": 4, "low": 1}, "guess": "fly-tipping", "guess_title": "Report fly-tipping"}
    assert data["ratings"]["sections"][0]["reasons"] == {"did_not_answer": 1, "no_reason": 1}
    assert data["reviews"]["overdue"][0]["days"] == 175
    assert "session" not in json.dumps(data)


class Page(HTMLParser):
    """What a screen reader would meet: headings, table captions, header
    cells' scopes, and the text of every script element."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.captions = 0
        self.scopes: list[str | None] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(tag)
        self.captions += tag == "caption"
        if tag == "th":
            self.scopes.append(dict(attrs).get("scope"))
        self.scripts += tag == "script"


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    return page


def test_html_has_headings_in_order_captions_and_scoped_headers():
    page = parse(render_html(made()))
    levels = [int(h[1]) for h in page.headings]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    assert page.captions == 4  # questions, ratings, overdue, due soon
    assert page.scopes and all(scope in ("col", "row") for scope in page.scopes)
    full = render_html(made())
    assert '<html lang="en-GB">' in full and 'href="#main-content"' in full and 'id="main-content"' in full


@pytest.mark.parametrize("where", ["question", "example", "heading", "title", "council"])
def test_hostile_text_is_escaped_wherever_it_comes_from(where):
    report = made()
    if where == "question":
        report = made(unanswered=Grouping([Group(HOSTILE, 1, [], {NOT_SURE: 1})], 1))
    elif where == "example":
        report = made(unanswered=Grouping([Group("toilets", 2, [HOSTILE], {NOT_SURE: 2}, HOSTILE)], 2))
    elif where == "heading":
        report = made(ratings=Ratings(0, 1, [SectionRatings("a", "a#b", 0, 1, {}, HOSTILE, HOSTILE)]))
    elif where == "title":
        report = made(reviews=Reviews([Review("x", HOSTILE, HOSTILE + ".md", TODAY, TODAY, 1)], []))
    else:
        report = made(council=HOSTILE)
    for html in (render_html(report), render_html_body(report)):
        assert HOSTILE not in html and "<script" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
        assert parse(html).scripts == 0


def test_minimised_placeholders_show_as_text():
    report = made(unanswered=Grouping([Group("toilets near <ADDRESS>", 1, [], {NOT_SURE: 1})], 1))
    assert "toilets near &lt;ADDRESS&gt;" in render_html_body(report)
    assert "toilets near <ADDRESS>" in render_text(report)


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="text, html, json"):
        render(made(), "pdf")
