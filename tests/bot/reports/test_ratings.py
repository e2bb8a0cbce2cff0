"""Answers rated not helpful, by page and section: yes and no counted, the
reasons given after a "no", most "no" first, over the period only."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.feedback.ratings import REASONS
from bot.reports.ratings import NO_REASON, REASON_LABELS, Ratings, SectionRatings, ratings_since
from tests.support.reports import TODAY

BINS = ("missed-bin", "missed-bin#how-to-report-it")
TAX = ("pay-council-tax", "pay-council-tax#ways-to-pay")
LIBRARIES = ("libraries", None)
WEEK_AGO = TODAY - dt.timedelta(days=7)


@pytest.mark.parametrize(("ratings", "expected"), [
    ([], Ratings(0, 0, [])),
    # Only "yes": counted, but no section is listed.
    ([(BINS, True, None, 3)], Ratings(3, 0, [])),
    ([(BINS, True, None, 1), (BINS, False, "did_not_answer", 2), (BINS, False, None, 1)],
     Ratings(1, 3, [SectionRatings(*BINS, 1, 3, {"did_not_answer": 2, NO_REASON: 1})])),
    # Most "no" first; on a tie, fewer "yes" first.
    ([(BINS, False, None, 1), (BINS, True, None, 5), (TAX, False, "wrong_or_out_of_date", 2),
      (LIBRARIES, False, "wanted_a_person", 1)],
     Ratings(5, 4, [SectionRatings(*TAX, 0, 2, {"wrong_or_out_of_date": 2}),
                    SectionRatings(*LIBRARIES, 0, 1, {"wanted_a_person": 1}),
                    SectionRatings(*BINS, 5, 1, {NO_REASON: 1})])),
    # Reasons in the order residents see them; an unknown code is no reason.
    ([(TAX, False, "wanted_a_person", 1), (TAX, False, "did_not_answer", 1), (TAX, False, "made_up", 1)],
     Ratings(0, 3, [SectionRatings(*TAX, 0, 3, {"did_not_answer": 1, "wanted_a_person": 1,
                                                 NO_REASON: 1})])),
])
def test_the_unhelpful_table(engine, rate, ratings, expected):
    for (topic, section), helpful, reason, times in ratings:
        rate(topic, section, helpful, reason, times=times)
    assert ratings_since(engine, WEEK_AGO) == expected


def test_only_ratings_in_the_period_count(engine, rate):
    rate(*TAX, False, "did_not_answer", on=WEEK_AGO - dt.timedelta(days=1))
    rate(*TAX, False, "hard_to_understand", on=WEEK_AGO)
    rate(*BINS, True, on=WEEK_AGO - dt.timedelta(days=30))
    assert ratings_since(engine, WEEK_AGO) == Ratings(0, 1, [
        SectionRatings(*TAX, 0, 1, {"hard_to_understand": 1})])


def test_every_reason_a_resident_can_give_has_a_label():
    assert set(REASON_LABELS) == set(REASONS) | {NO_REASON}
