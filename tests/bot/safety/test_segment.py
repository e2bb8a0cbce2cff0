"""Messages are judged sentence by sentence, and long sentences clause by
clause, so one line of crisis is not averaged away by a paragraph."""

from __future__ import annotations

import pytest

from bot.safety.segment import LONG_SENTENCE_WORDS, WINDOW_WORDS, clauses, sentences, windows


@pytest.mark.parametrize(
    "text, expected",
    [
        ("When is bin day? I want to die. Thanks!", ["When is bin day?", "I want to die.", "Thanks!"]),
        ("line one\nline two", ["line one", "line two"]),
        ("bins - and also - help", ["bins", "and also", "help"]),
        ("no gap.Next sentence", ["no gap.", "Next sentence"]),
        ("...", []),
        ("", []),
    ],
)
def test_sentences(text, expected):
    assert sentences(text) == expected


def test_clauses_are_split_at_commas_and_joining_words_and_short_ones_merged():
    assert clauses("I tried to pay online, but the website is broken because of an update") == [
        "I tried to pay online",
        "but the website is broken",
        "because of an update",
    ]
    assert clauses("yes, ok, fine, I want to die") == ["yes ok fine I want to die"]


def test_a_relative_clause_stays_with_the_words_it_is_about():
    assert clauses("My bill says I owe for last year too, which I don't think is right") == [
        "My bill says I owe for last year too, which I don't think is right"
    ]


def test_windows_overlap_so_no_phrase_is_cut_in_every_window():
    words = [f"w{i}" for i in range(40)]
    runs = windows(words)
    assert all(len(run) <= WINDOW_WORDS for run in runs)
    assert runs[0][0] == "w0" and runs[-1][-1] == "w39"
    for i in range(len(words) - WINDOW_WORDS // 2):
        phrase = words[i:i + WINDOW_WORDS // 2]
        assert any(" ".join(phrase) in " ".join(run) for run in runs)
    assert windows(words[:5]) == [words[:5]]


def test_long_sentences_are_longer_than_windows():
    assert LONG_SENTENCE_WORDS > WINDOW_WORDS
