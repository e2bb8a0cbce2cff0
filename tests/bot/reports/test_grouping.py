"""Grouping by meaning, with the assistant's own sentence model: questions
about one thing land together, questions about different things stay apart,
and each group shows its most typical question, a count and a few others."""

from __future__ import annotations

import pytest

from bot.reports import grouping
from bot.reports.encoder import LazyEncoder
from bot.reports.grouping import group_questions, same_question
from bot.reports.unanswered import ELSEWHERE, LOW, NOT_SURE, Unanswered
from tests.bot.reports.questions import SUBJECTS


def asked(*texts: str, reason: str = NOT_SURE, guess: str | None = None) -> list[Unanswered]:
    return [Unanswered(t, reason, guess) for t in texts]


@pytest.mark.parametrize("questions", [
    ["where are the nearest public toilets", "are the toilets in the park open",
     "public toilets in the town centre", "<NAME> here, where are the public toilets near <ADDRESS>"],
    ["are there any jobs going at the council", "how do I apply for a job with the council",
     "council job vacancies", "i want to work for the council"],
    ["who is my local councillor", "how do i contact my councillor", "which councillor covers <POSTCODE>",
     "my ward councillor email address"],
    ["how much is it to park in the town centre car park", "car park charges on the high street",
     "what are the car park prices", "can i pay for the car park by phone"],
    ["what time does the leisure centre pool open", "is the swimming pool open on sunday",
     "how much is a swim at the leisure centre", "is the leisure centre gym open on bank holidays"],
], ids=["toilets", "jobs", "councillors", "car parks", "swimming"])
def test_questions_about_one_thing_land_together(embedder, questions):
    (group,) = group_questions(asked(*questions), embedder).groups
    assert group.count == len(questions)
    assert {group.question, *group.examples} <= set(questions)


@pytest.mark.parametrize(("first", "second"), [
    # Both about "the council", and close in words.
    ("council job vacancies", "when is the next council meeting"),
    ("i want to work for the council", "room hire at the community centre"),
    ("is the swimming pool open on sunday", "is parking free on sundays in council car parks"),
    ("when will my road be gritted", "how long will the roadworks on <ADDRESS> last"),
    ("are bins collected on boxing day", "do you sell compost bins"),
    ("<script>alert(1)</script>", "where are the nearest public toilets"),
])
def test_questions_about_different_things_stay_apart(embedder, first, second):
    assert len(group_questions(asked(first, second), embedder).groups) == 2


def test_no_group_mixes_subjects_among_realistic_questions(embedder):
    subject = {q: name for name, questions in SUBJECTS.items() for q in questions}
    found = group_questions(asked(*subject), embedder)
    mixed = [[g.question, *g.examples] for g in found.groups
             if len({subject[q] for q in [g.question, *g.examples]}) > 1]
    assert mixed == []
    assert found.questions == len(subject)
    # ...and most subjects asked several ways still come out as a group.
    together = [g for g in found.groups if g.count >= 3]
    assert len(together) >= 5


def test_a_group_shows_its_typical_question_a_count_and_up_to_three_others(embedder):
    questions = (
        asked("where are the public toilets", "Where are the public toilets?",
              "<NAME:ab12cd> where are the public toilets", guess="fly-tipping")
        + asked("are the toilets in the park open", "public toilets in the town centre",
                "is there a public toilet near the market", reason=LOW, guess="libraries")
        + asked("where are the nearest public toilets", "toilets in the town centre please",
                guess="fly-tipping")
        + asked("how do i renew my passport", reason=ELSEWHERE, guess="elsewhere:passports")
    )
    found = group_questions(questions, embedder)
    toilets, passports = found.groups
    assert found.questions == 9
    assert (toilets.count, passports.count) == (8, 1)
    # The three ways of writing one question count as one question, shown
    # as it was most often written.
    shown = [toilets.question, *toilets.examples]
    assert "where are the public toilets" in shown
    assert "Where are the public toilets?" not in shown and len(shown) == len(set(shown))
    assert len(toilets.examples) == 3
    assert toilets.reasons == {NOT_SURE: 5, LOW: 3}
    assert toilets.guess == "fly-tipping"
    assert passports == grouping.Group("how do i renew my passport", 1, [], {ELSEWHERE: 1},
                                       "elsewhere:passports")


def test_groups_come_most_asked_first(embedder):
    questions = (asked("is there a dog warden") + asked("who is my local councillor") * 3
                 + asked("where are the nearest public toilets") * 2)
    assert [(g.question, g.count) for g in group_questions(questions, embedder).groups] == [
        ("who is my local councillor", 3), ("where are the nearest public toilets", 2),
        ("is there a dog warden", 1)]


@pytest.mark.parametrize(("first", "second", "same"), [
    ("Where are the public toilets?", "where are the public toilets", True),
    ("where  are the public   toilets", "where are the public toilets!", True),
    ("<NAME:ab12cd> where are the public toilets", "<NAME:99ff00> where are the public toilets", True),
    ("where are the public toilets", "where are the toilets", False),
])
def test_questions_differing_only_in_case_spacing_or_placeholders_are_one(first, second, same):
    assert (same_question(first) == same_question(second)) is same


def test_nothing_to_group_loads_no_model():
    def refuse():
        raise AssertionError("the model was loaded")

    encoder = LazyEncoder(load=refuse)
    assert group_questions([], encoder) == grouping.Grouping()
    assert not encoder.loaded


def test_one_question_is_one_group(embedder):
    found = group_questions(asked("is the market on today"), embedder)
    assert [(g.question, g.count, g.examples) for g in found.groups] == [("is the market on today", 1, [])]


def test_the_rarest_are_left_out_past_the_limit(embedder, monkeypatch):
    monkeypatch.setattr(grouping, "MAX_DISTINCT", 2)
    questions = (asked("who is my local councillor") * 3 + asked("is there a dog warden") * 2
                 + asked("is the market on today", "do you sell compost bins"))
    found = group_questions(questions, embedder)
    assert found.questions == 7 and found.left_out == 2
    assert sum(g.count for g in found.groups) == 5



@pytest.mark.parametrize(("questions", "shown_first"), [
    # The way it was most often asked...
    (["public toilets in the town centre", "where are the nearest public toilets",
      "where are the nearest public toilets"], "where are the nearest public toilets"),
    # ...and among equals, one without placeholders, which reads more easily.
    (["<NAME:ab12cd> here, where are the public toilets near <ADDRESS>",
      "where are the nearest public toilets"], "where are the nearest public toilets"),
])
def test_the_question_shown_for_a_group(embedder, questions, shown_first):
    (group,) = group_questions(asked(*questions), embedder).groups
    assert group.question == shown_first
