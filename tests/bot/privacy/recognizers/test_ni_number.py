"""National Insurance numbers become <NI_NUMBER>, however they are spaced."""

from __future__ import annotations

import pytest

from tests.bot.privacy.recognizers.helpers import assert_kept, assert_redacted

NI = "<NI_NUMBER>"


@pytest.mark.parametrize(
    "text, value",
    [
        ("my ni number is JG 10 37 59 A", "JG 10 37 59 A"),
        ("NI: CE123456D", "CE123456D"),
        ("ni no jg103759a", "jg103759a"),
        ("National Insurance number: AB 12 34 56 C.", "AB 12 34 56 C"),
        ("NINO - NP 84 71 26 B", "NP 84 71 26 B"),
        ("here's my NI WK 45 67 89 D, do you need anything else", "WK 45 67 89 D"),
        ("my husbands national insurance is hs 55 90 21 a", "hs 55 90 21 a"),
        ("PY 30 11 24 C is my ni", "PY 30 11 24 C"),
        ("ni num: ZR-46-13-58-B", "ZR-46-13-58-B"),
        ("Dear Sir, my National Insurance No. is SE 61 22 09 A and I claim UC.",
         "SE 61 22 09 A"),
        ("I'm Kasia Nowak, NI RJ774019C, pls check my claim", "RJ774019C"),
        ("nat ins no = ep 21 08 45 d", "ep 21 08 45 d"),
        ("NI number TR 23 45 67 A, postcode NB3 7QT", "TR 23 45 67 A"),
        ("ni:ly 92 03 47 b", "ly 92 03 47 b"),
        ("my NI is MA 50 11 82 C!", "MA 50 11 82 C"),
        ("Ni Number   KB 109 384 C", "KB 109 384 C"),
        ("both NI numbers: JG103759A and CE123456D", ("JG103759A", "CE123456D")),
        ("national insurance BX 62 73 10 A please update", "BX 62 73 10 A"),
    ],
)
def test_ni_numbers_are_redacted(redactor, text, value):
    assert_redacted(redactor, text, value, NI)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("do I need my national insurance number to apply", "national insurance number"),
        ("council tax band D", "band D"),
        ("I need form HB1", "form HB1"),
        ("planning application 24/01234/FUL", "24/01234/FUL"),
        ("is the 10A bus running", "10A bus"),
        ("I got a PCN NB12345678 yesterday", "PCN"),
        ("bill for £1,234.56", "£1,234.56"),
        ("open 9am to 5pm", "9am to 5pm"),
        ("room G12 at the town hall", "room G12"),
        ("collection on 12/03/2026", "12/03/2026"),
        ("the A1 and the M25", "the A1 and the M25"),
        ("my NI contributions are up to date", "NI contributions"),
    ],
)
def test_ordinary_codes_are_kept(redactor, text, fragment):
    assert_kept(redactor, text, fragment)
