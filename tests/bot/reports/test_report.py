"""The whole report from a real database and a temporary knowledge folder:
the period, what is still kept, and titles looked up for what the
assistant pointed to and for the sections rated."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.reports import build_report
from bot.reports.unanswered import LOW, NOT_SURE
from tests.support.reports import LOW as WEAK_ANSWER
from tests.support.reports import NOT_SURE as UNSURE
from tests.support.reports import TODAY


@pytest.fixture()
def report(engine, council, knowledge, embedder, clock):
    def build(days: int = 30):
        return build_report(engine, council, knowledge, embedder, clock(), days)
    return build


def test_the_report_covers_the_period_and_says_what_is_kept(report, council):
    made = report(30)
    assert (made.first_day, made.last_day) == (TODAY - dt.timedelta(days=30), TODAY)
    assert made.council == council.name
    assert made.retention_days == council.transcript_retention_days
    assert made.special_category_days == council.special_category_retention_days
    assert not made.questions_cover_less
    assert report(council.transcript_retention_days + 1).questions_cover_less


def test_questions_ratings_and_reviews_come_together_with_their_titles(report, chats, rate):
    chats.asked("where are the nearest public toilets", UNSURE)
    chats.asked("are the toilets in the park open", WEAK_ANSWER)
    chats.asked("how do i renew my passport", {"confident": False, "declined": "elsewhere",
                                               "guess": "passports"})
    rate("missed-bin", "missed-bin#how-to-report-it", False, "did_not_answer")
    made = report()
    toilets, passports = made.unanswered.groups
    assert toilets.count == 2 and toilets.reasons == {NOT_SURE: 1, LOW: 1}
    assert toilets.guess in ("missed-bin", "pay-council-tax")
    assert toilets.guess_title in ("Report a missed bin collection", "Pay your council tax")
    assert (passports.guess, passports.guess_title) == ("elsewhere:passports", "passports")
    (section,) = made.ratings.sections
    assert (section.title, section.heading) == ("Report a missed bin collection", "How to report it")
    assert [r.id for r in made.reviews.overdue] == ["pay-council-tax", "bulky-waste"]
    assert made.knowledge_found and made.unreadable_files == 1


def test_old_questions_fall_outside_a_short_period(report, chats, clock):
    chats.asked("where are the nearest public toilets")
    clock.advance(days=8)
    chats.asked("who is my local councillor")
    assert [g.question for g in report(7).unanswered.groups] == ["who is my local councillor"]
    assert report(30).unanswered.questions == 2


@pytest.mark.parametrize("days", [0, -1, 367])
def test_a_period_out_of_range_is_refused(report, days):
    with pytest.raises(ValueError, match="between 1 and 366 days"):
        report(days)
