"""Bad recognizer tables fail early, naming the recognizer and the key."""

from __future__ import annotations

import pytest

from bot.privacy.engine import bundled_recognizers, load_pattern_recognizers


def test_the_bundled_table_loads():
    names = {r.name for r in bundled_recognizers()}
    assert {"UkPostcodeRecognizer", "UkNinoRecognizer", "UkPhoneShapeRecognizer"} <= names


@pytest.mark.parametrize(
    "spec, message",
    [
        ({}, "'recognizers' must be a non-empty list"),
        ({"recognizers": [{"name": "X", "entity": "SHOE_SIZE", "score": 0.5,
                           "patterns": ["a"]}]}, "recognizer X: unknown entity 'SHOE_SIZE'"),
        ({"recognizers": [{"name": "X", "entity": "PERSON", "score": 2,
                           "patterns": ["a"]}]}, "recognizer X: 'score'"),
        ({"recognizers": [{"name": "X", "entity": "PERSON", "score": 0.5,
                           "patterns": []}]}, "recognizer X: 'patterns'"),
    ],
)
def test_bad_entries_are_named(spec, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        load_pattern_recognizers(spec)
