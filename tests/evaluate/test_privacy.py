"""How the privacy evaluation scores a gate: a detail counts as caught only
when every letter and digit of it was removed."""

from __future__ import annotations

import re

import pytest

from evaluate.privacy import covered, label_spans, merged, score


@pytest.mark.parametrize(
    "removed, expected",
    [
        ([(3, 15)], True),                 # exactly the detail
        ([(0, 20)], True),                 # more than the detail
        ([(3, 10), (11, 15)], True),       # in two parts, the space between kept
        ([(6, 15)], False),                # the house number left behind
        ([], False),
    ],
)
def test_a_detail_is_caught_only_when_all_of_it_is_gone(removed, expected):
    text = "at 14 Mill Lane please"
    assert text[3:15] == "14 Mill Lane"
    assert covered(text, (3, 15), removed) is expected


def test_labels_find_repeated_values_in_turn():
    item = {"id": "x", "text": "Jo and Jo", "entities": [{"type": "PERSON", "value": "Jo"},
                                                         {"type": "PERSON", "value": "Jo"}]}
    assert label_spans(item) == [("PERSON", (0, 2)), ("PERSON", (7, 9))]


def test_a_label_missing_from_its_text_is_refused():
    with pytest.raises(ValueError, match="x: PERSON value is not in the text"):
        label_spans({"id": "x", "text": "hello", "entities": [{"type": "PERSON", "value": "Jo"}]})


def test_overlapping_stretches_count_once():
    assert merged([(5, 9), (0, 3), (2, 4), (9, 12)]) == [(0, 4), (5, 12)]


def test_scores_for_a_gate_that_removes_digits_only():
    items = [
        {"id": "a", "text": "call 07700 900123 or email jo@example.com",
         "entities": [{"type": "PHONE", "value": "07700 900123"},
                      {"type": "EMAIL", "value": "jo@example.com"}]},
        {"id": "b", "text": "bins on 3 May", "entities": []},
    ]

    def digits(text: str) -> list[tuple[int, int]]:
        return [m.span() for m in re.finditer(r"[0-9]+", text)]

    scores = score(items, digits)
    assert scores.recall("PHONE") == 1.0 and scores.recall("EMAIL") == 0.0
    assert scores.recall() == 0.5
    # Two stretches in the phone number are right; the "3" of the date is not.
    assert scores.predicted == 3 and scores.predicted_right == 2
    assert scores.leak_rate == 1.0 and scores.messages_with_data == 1
    assert scores.failures()
