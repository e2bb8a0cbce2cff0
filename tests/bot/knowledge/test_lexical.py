"""Word matching: stop words, stems, and mending misspelt words against the
pages' own words."""

from __future__ import annotations

import pytest

from bot.knowledge.lexical import LexicalIndex, QueryMender, vocabulary, words

PAGES = [
    "Report a missed bin collection. Bins are emptied every week.",
    "Apply for a resident parking permit for your street.",
    "Council tax discounts: single person discount if you live alone.",
]


@pytest.fixture(scope="module")
def mender():
    return QueryMender(vocabulary(PAGES))


@pytest.mark.parametrize(("typed", "mended"), [
    ("my recyling bin was not colected", "my recycling bin was not collected"),
    ("councel tax discount", "council tax discount"),
    ("single persn disount", "single person discount"),
    # Written on purpose: left alone.
    ("my bin wasn't emptied", "my bin wasn't emptied"),
    ("the council's page", "the council's page"),
    ("<NAME:3fa91c> lives at <POSTCODE:NB3>", "<NAME:3fa91c> lives at <POSTCODE:NB3>"),
    ("Kingsmoor Road bin", "Kingsmoor Road bin"),
    ("", ""),
])
def test_misspelt_words_are_mended_and_nothing_else(mender, typed, mended):
    assert mender.mend(typed) == mended


def test_words_drop_apostrophes_and_keep_numbers():
    assert words("Council's 25% discount, Band D") == ["councils", "25", "discount", "band", "d"]


def test_stems_meet_and_question_words_do_not_count():
    index = LexicalIndex(PAGES)
    scores = index.scores("when will my bins get collected")
    assert scores.argmax() == 0
    assert not index.scores("how do I get what I need").any()


def test_an_empty_index_scores_nothing():
    assert LexicalIndex([]).scores("anything").size == 0
