"""Placeholders and pseudonyms say nothing about what a question asks: the
answerer and the editors' report both leave them out."""

from __future__ import annotations

import pytest

from bot.privacy.placeholders import without_placeholders


@pytest.mark.parametrize(("text", "expected"), [
    ("<NAME:3fa91c> here, my bin was missed at <ADDRESS>", "here, my bin was missed at"),
    ("<POSTCODE:NB3> <EMAIL>", ""),
    ("bins   on  <DATE_OF_BIRTH> please", "bins on please"),
    ("is 3 < 4 and <b> bold?", "is 3 < 4 and <b> bold?"),
])
def test_placeholders_and_pseudonyms_are_left_out(text, expected):
    assert without_placeholders(text) == expected
