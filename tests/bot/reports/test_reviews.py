"""Pages due for review: past their date oldest first with the days
overdue, and those due within 30 days; read from a temporary knowledge
folder on a fixed day."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.reports.pages import load_pages
from bot.reports.reviews import Review, reviews_due
from tests.support.reports import TODAY


def test_overdue_oldest_first_and_due_soon(knowledge):
    pages = load_pages(knowledge, TODAY)
    reviews = reviews_due(pages.documents, TODAY)
    assert reviews.overdue == [
        Review("pay-council-tax", "Pay your council tax", "pay-council-tax.md", dt.date(2025, 6, 1),
               dt.date(2026, 6, 1), 175),
        Review("bulky-waste", "Bulky waste collections", "bulky-waste.md", dt.date(2025, 11, 2),
               dt.date(2026, 11, 2), 21),
    ]
    assert reviews.due_soon == [
        Review("street-lights", "Report a broken street light", "street-lights.md", dt.date(2025, 11, 23),
               dt.date(2026, 11, 23), 0),
        Review("libraries", "Libraries", "libraries.md", dt.date(2025, 12, 10), dt.date(2026, 12, 10), 17),
    ]


@pytest.mark.parametrize(("today", "overdue", "due_soon"), [
    # A day later, the page due today is one day overdue.
    (TODAY + dt.timedelta(days=1), ["pay-council-tax", "bulky-waste", "street-lights"], ["libraries"]),
    # Due in exactly 30 days: due soon; in 31, not yet.
    (dt.date(2026, 5, 2), [], ["pay-council-tax"]),
    (dt.date(2026, 5, 1), [], []),
    (dt.date(2027, 2, 1), ["pay-council-tax", "bulky-waste", "street-lights", "libraries", "missed-bin"], []),
])
def test_what_is_due_moves_with_the_day(knowledge, today, overdue, due_soon):
    reviews = reviews_due(load_pages(knowledge, today).documents, today)
    assert [r.id for r in reviews.overdue] == overdue
    assert [r.id for r in reviews.due_soon] == due_soon


def test_titles_headings_and_directory_names_are_looked_up(knowledge):
    pages = load_pages(knowledge, TODAY)
    assert pages.found and pages.unreadable == 1  # broken.md
    assert pages.title("missed-bin") == "Report a missed bin collection"
    assert pages.heading("missed-bin#how-to-report-it") == "How to report it"
    assert pages.title("elsewhere:passports") == "passports"
    assert pages.title("removed-page") is None and pages.heading("missed-bin#removed") is None


def test_a_missing_folder_has_nothing_due(tmp_path):
    pages = load_pages(tmp_path / "nowhere", TODAY)
    assert not pages.found and pages.documents == []
    assert reviews_due(pages.documents, TODAY).overdue == []
