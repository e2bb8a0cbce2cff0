"""The knowledge evaluation's arithmetic, on made-up answers."""

from __future__ import annotations

import pytest

from evaluate.knowledge import MAX_STYLE_GAP, Question, Scores, load_set, score

Q = [
    Question("a", "bins not taken", frozenset({"missed-bin"}), "terse"),
    Question("b", "how do i pay council tax", frozenset({"pay-council-tax"}), "plain"),
    Question("c", "blu badge", frozenset({"blue-badge"}), "misspelt"),
    Question("d", "passport renew", frozenset(), "terse"),
    Question("e", "tell me a joke", frozenset(), "plain"),
]
ANSWERS = {
    "a": (["missed-bin", "garden-waste"], False),            # first
    "b": (["council-tax-arrears", "pay-council-tax"], False),  # second
    "c": (["parking-fines", "resident-parking-permits", "libraries", "blue-badge"], False),  # fourth
    "d": ([], True),                                            # declined
    "e": (["libraries"], False),                                # answered out of scope
}


@pytest.fixture()
def scores() -> Scores:
    return score(Q, lambda q: ANSWERS[q.id])


@pytest.mark.parametrize(("name", "style", "expected"), [
    ("hit_at_1", "all", 1 / 3),
    ("hit_at_3", "all", 2 / 3),
    ("mrr", "all", (1 + 1 / 2 + 1 / 4) / 3),
    ("out_of_scope_declined", "all", 1 / 2),
    ("hit_at_1", "terse", 1.0),
    ("hit_at_1", "plain", 0.0),
    ("out_of_scope_declined", "terse", 1.0),
    ("out_of_scope_declined", "plain", 0.0),
])
def test_figures(scores, name, style, expected):
    assert scores.figure(name, style) == pytest.approx(expected)


def test_the_gap_is_between_the_best_and_worst_style_with_questions(scores):
    assert scores.style_gap == pytest.approx(1.0)
    assert scores.missed == ["b", "c"]
    assert scores.answered_out_of_scope == ["e"]


def test_every_floor_broken_is_named(scores):
    problems = scores.failures("project")
    assert len(problems) == 4
    assert any("style gap" in p and str(MAX_STYLE_GAP) in p for p in problems)


def test_a_perfect_run_passes():
    perfect = score(Q, lambda q: (sorted(q.topics), not q.topics))
    assert perfect.failures("project") == []
    assert perfect.as_dict()["styles"]["terse"] == {
        "questions": 1, "hit_at_1": 1.0, "hit_at_3": 1.0, "mrr": 1.0}


@pytest.mark.parametrize("name", ["questions", "holdout"])
def test_the_labelled_sets_cover_every_topic_and_style(name):
    from pathlib import Path

    from bot.knowledge.documents import load_documents

    questions = load_set(name)
    topics = {d.id for d in load_documents(Path(__file__).resolve().parents[2] / "knowledge")[0]}
    labelled = [q for q in questions if q.topics]
    assert {t for q in labelled for t in q.topics} <= topics
    for topic in topics:
        styles = {q.style for q in labelled if topic in q.topics}
        assert len([q for q in labelled if topic in q.topics]) >= 5, topic
        assert styles == {"plain", "misspelt", "terse", "rambling", "non-native"}, topic
    assert sum(1 for q in questions if not q.topics) >= 40
    assert len({q.id for q in questions}) == len(questions)


@pytest.mark.parametrize(("sensitive", "got", "expected"), [
    # A question where a person is the right outcome, handed over: its page, answered.
    ("homeless_tonight", (["handoff:sensitive"], True), (["homelessness"], False)),
    # The same handover for an ordinary question stays a miss.
    (None, (["handoff:sensitive"], True), (["handoff:sensitive"], True)),
    # Handed over beside an answer from the pages: scored on that page.
    ("homeless_tonight", (["housing-register", "handoff:sensitive"], False), (["homelessness"], False)),
    (None, (["homelessness", "handoff:sensitive"], False), (["homelessness", "handoff:sensitive"], False)),
    # Anything else is scored as it came.
    ("homeless_tonight", (["housing-register"], False), (["housing-register"], False)),
])
def test_a_safety_handoff_is_credited_only_where_a_person_is_right(sensitive, got, expected):
    from evaluate.knowledge import credited

    question = Question("q1", "nowhere to sleep", frozenset(["homelessness"]), "terse", sensitive)
    assert credited(question, got) == expected
