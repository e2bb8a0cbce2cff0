"""Passport numbers become <PASSPORT>."""

from __future__ import annotations

import pytest

from tests.bot.privacy.recognizers.helpers import assert_kept, assert_redacted

PASSPORT = "<PASSPORT>"


@pytest.mark.parametrize(
    "text, value",
    [
        ("passport number 120382978", "120382978"),
        ("my passport no is 533401372", "533401372"),
        ("Passport: 925665416.", "925665416"),
        ("passport num 107185703 exp 2031", "107185703"),
        ("my passport is AB1234567", "AB1234567"),
        ("uk passport 5 3 3 4 0 1 3 7 2", "5 3 3 4 0 1 3 7 2"),
        ("Dear Sir, my passport number is 761234098 and my NI is JG103759A.",
         "761234098"),
        ("for the right to rent check: passport 498372615", "498372615"),
        ("passprt no 302918475", "302918475"),
        ("my sons passport 204837165, he is 17", "204837165"),
        ("pp no: 639104827", "639104827"),
        ("Polish passport EA1234567", "EA1234567"),
        ("passport nr. 556677889!", "556677889"),
        ("ID: passport 871203456 (British)", "871203456"),
        ("my passport's 118273645 but its expired", "118273645"),
        ("Indian passport number J8369854", "J8369854"),
        ("passport 120382978 and my wifes passport 533401372",
         ("120382978", "533401372")),
    ],
)
def test_passport_numbers_are_redacted(redactor, text, value):
    assert_redacted(redactor, text, value, PASSPORT)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("can you sign my passport photo", "passport photo"),
        ("do I need a passport for the right to rent check", "need a passport"),
        ("the passport fee is £88.50", "£88.50"),
        ("the passport office is open 9am to 5pm", "9am to 5pm"),
        ("my council tax bill is £1,234.56", "£1,234.56"),
        ("collection on 12/03/2026", "12/03/2026"),
        ("council phone 01632 960100", "01632 960100"),
        ("planning application 24/01234/FUL", "24/01234/FUL"),
        ("I need form HB1", "form HB1"),
        ("section 106", "section 106"),
        ("is www.gov.uk the right site for passports", "www.gov.uk"),
        ("bring 2 forms of ID", "2 forms of ID"),
    ],
)
def test_passport_words_and_numbers_are_kept(redactor, text, fragment):
    assert_kept(redactor, text, fragment)
