"""Typo tolerance: only non-words are changed, towards the table's own words
first, and never into something the resident did not mean."""

from __future__ import annotations

import pytest

from bot.safety.spelling import Speller


@pytest.fixture(scope="module")
def speller(net) -> Speller:
    """The net's own speller: built from the bundled table's words."""
    return net._speller


@pytest.mark.parametrize(
    "token, word",
    [
        ("sucidal", "suicidal"),
        ("suicdal", "suicidal"),
        ("myslef", "myself"),
        ("kil", "kill"),  # a dropped double letter beats "kid" and "kit"
        ("nife", "knife"),  # a dropped letter beats "life"
        ("abuce", "abuse"),
        ("homless", "homeless"),
        ("tonigt", "tonight"),
        ("stresed", "stressed"),  # a common word one edit away beats the table's "street"
        ("harrassing", "harassing"),
        ("kiiiill", "kill"),
        ("pleeeease", "please"),
        ("hurtin", "hurting"),
        ("killmyself", "kill myself"),
    ],
)
def test_misspellings_are_corrected(speller, token, word):
    assert speller.correct(token) == word


@pytest.mark.parametrize(
    "token",
    ["skill", "bins", "kill", "rapped", "meds", "transphobic", "cuckooing", "ok", "xq", "b4", "2nite"],
)
def test_words_and_table_words_are_left_alone(speller, token):
    assert speller.correct(token) == token


def test_only_english_table_words_are_correction_targets(speller):
    assert "suicidal" in speller.vocabulary
    assert "suicid" not in speller.vocabulary  # a pattern fragment, not a word
    assert "cuckooing" in speller.vocabulary  # listed under the table's vocabulary
