"""The open performance figures: the suppression rule, the months shown, the
latest evaluation read safely, and the page's tables."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.performance import METRICS, MonthlyCounters
from bot.transparency.performance import (
    NOT_MEASURED,
    build_performance,
    month_figures,
    read_evaluation,
    recent_months,
    share,
    withheld,
)
from bot.transparency.performance_page import render_performance_page
from tests.bot.transparency.test_page import outline

EVALUATION = Path(__file__).resolve().parents[2] / "support" / "knowledge_evaluation.json"


@pytest.mark.parametrize("count, expected", [
    (0, {"count": None, "suppressed": True}),
    (1, {"count": None, "suppressed": True}),
    (9, {"count": None, "suppressed": True}),
    (10, {"count": 10, "suppressed": False}),
    (11, {"count": 11, "suppressed": False}),
    (12345, {"count": 12345, "suppressed": False}),
])
def test_counts_under_ten_are_withheld(count, expected):
    assert withheld(count) == expected


@pytest.mark.parametrize("part, whole, expected", [
    (0, 0, None),
    (5, 9, None),
    (9, 9, None),
    (3, 10, 0.3),
    (10, 10, 1.0),
    (2, 3000, 0.001),
    (1, 3, None),
    (7, 12, 0.583),
    (15, 12, 1.0),  # never more than all of them
])
def test_a_share_needs_at_least_ten_to_be_a_share_of(part, whole, expected):
    assert share(part, whole) == expected


@pytest.mark.parametrize("current, first, expected", [
    ("2026-11", None, ["2026-11"]),
    ("2026-11", "2026-11", ["2026-11"]),
    ("2026-11", "2026-09", ["2026-11", "2026-10", "2026-09"]),
    ("2026-02", "2025-12", ["2026-02", "2026-01", "2025-12"]),
    ("2026-11", "2020-01", ["2026-11", "2026-10", "2026-09", "2026-08", "2026-07", "2026-06",
                            "2026-05", "2026-04", "2026-03", "2026-02", "2026-01", "2025-12"]),
])
def test_the_last_twelve_months_newest_first(current, first, expected):
    assert recent_months(current, first) == expected


def test_a_months_figures():
    counts = dict.fromkeys(METRICS, 0) | {"questions": 120, "answered": 90, "rated_helpful": 8,
                                          "rated_not_helpful": 3, "handoff_request": 14,
                                          "handoff_failed_turns": 2, "handoff_sensitive": 0}
    assert month_figures("2026-11", counts, complete=False) == {
        "month": "2026-11", "complete": False,
        "questions": {"count": 120, "suppressed": False},
        "answered": {"count": 90, "suppressed": False, "share": 0.75},
        "ratings": {"count": 11, "suppressed": False},
        "rated_helpful": {"count": None, "suppressed": True, "share": 0.727},
        "handoffs": {"request": {"count": 14, "suppressed": False},
                     "failed_turns": {"count": None, "suppressed": True},
                     "sensitive": {"count": None, "suppressed": True}},
    }


def test_the_evaluation_in_the_shape_make_evaluate_writes():
    evaluation = read_evaluation(EVALUATION)
    assert evaluation["measured"] is True
    assert evaluation["measured_at"] == "2026-11-20T03:15:00+00:00"
    assert evaluation["questions"] == 400
    assert [s["style"] for s in evaluation["styles"]] == ["plain", "misspelt", "terse", "rambling",
                                                          "non-native"]
    assert evaluation["styles"][0] == {"style": "plain", "label": "Plainly worded", "questions": 80,
                                       "hit_at_1": 0.95, "hit_at_3": 0.99, "mrr": 0.97}
    assert (evaluation["out_of_scope_declined"], evaluation["style_gap"]) == (0.93, 0.05)


@pytest.mark.parametrize("content", [
    None, "", "not json", "[]", '{"styles": []}', '{"styles": {}}', '{"styles": {"plain": 3}}',
    b"\xff\xfe\x00binary",
])
def test_a_missing_or_unreadable_evaluation_is_not_measured_yet(tmp_path, content):
    path = tmp_path / "knowledge.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    assert read_evaluation(path) == {"measured": False, "message": NOT_MEASURED}


def test_odd_values_in_the_evaluation_are_not_shown(tmp_path):
    path = tmp_path / "knowledge.json"
    path.write_text(json.dumps({"measured_at": "yesterday", "questions": -4, "styles": {
        "plain": {"questions": True, "hit_at_1": 1.5, "hit_at_3": "0.9", "mrr": float("nan")},
        "shouting": {"questions": 10, "hit_at_1": 0.5, "hit_at_3": 0.7, "mrr": 0.6}}}))
    evaluation = read_evaluation(path)
    assert evaluation["measured_at"] is None and evaluation["questions"] is None
    assert evaluation["styles"][0] == {"style": "plain", "label": "Plainly worded", "questions": None,
                                       "hit_at_1": None, "hit_at_3": None, "mrr": None}
    assert evaluation["styles"][1]["label"] == "Shouting"


@pytest.fixture()
def counters(engine, clock):
    counters = MonthlyCounters(engine, clock)
    for metric, by in {"questions": 240, "answered": 200, "rated_helpful": 30, "rated_not_helpful": 6,
                       "handoff_request": 12, "handoff_sensitive": 3}.items():
        counters.add(metric, by)
    clock.advance(days=-30)  # October
    counters.add("questions", 7)
    clock.advance(days=30)
    return counters


def test_the_figures_from_the_counters(counters, clock):
    figures = build_performance(counters, EVALUATION, clock)
    assert figures["suppressed_below"] == 10
    november, october = figures["months"]
    assert (november["month"], november["complete"]) == ("2026-11", False)
    assert november["answered"] == {"count": 200, "suppressed": False, "share": 0.833}
    assert november["rated_helpful"] == {"count": 30, "suppressed": False, "share": 0.833}
    assert november["handoffs"]["sensitive"] == {"count": None, "suppressed": True}
    assert (october["month"], october["complete"]) == ("2026-10", True)
    assert october["questions"] == {"count": None, "suppressed": True}
    assert october["answered"]["share"] is None
    assert figures["evaluation"]["measured"] is True


def test_the_page(counters, clock, council, tmp_path):
    page = render_performance_page(build_performance(counters, EVALUATION, clock), council)
    parsed = outline(page)
    assert parsed.headings[0] == 1 and all(b <= a + 1 for a, b in zip(parsed.headings, parsed.headings[1:],
                                                                       strict=False))
    assert "<h1 class=\"govuk-heading-xl\">How the AI assistant is doing</h1>" in page
    assert page.count("<caption") == 3
    assert page.count('<th scope="row"') == 2 + 2 + 5
    assert 'scope="col"' in page
    assert "November 2026 (so far)" in page and "October 2026" in page
    assert "fewer than 10" in page and "too few to show" in page
    assert ">240<" in page and ">83%<" in page
    assert "Plainly worded" in page and ">95%<" in page and "5 percentage points" in page
    assert {"/transparency/performance.json", "/transparency", "/"} <= set(parsed.hrefs)
    assert "<script" not in page and "style=" not in page
    assert not re.search(r"[0-9a-f]{32}", page)


def test_the_page_before_anything_is_measured(engine, clock, council, tmp_path):
    figures = build_performance(MonthlyCounters(engine, clock), tmp_path / "none.json", clock)
    page = render_performance_page(figures, council)
    assert "Not measured yet." in page
    assert page.count('<th scope="row"') == 2
