"""Council tax account references become <COUNCIL_TAX_REF>; bands, amounts,
years and the council's published numbers stay."""

from __future__ import annotations

import pytest

from tests.bot.privacy.recognizers.helpers import assert_kept, assert_redacted

CTAX = "<COUNCIL_TAX_REF>"


@pytest.mark.parametrize(
    "text, value",
    [
        ("my council tax account number is 50012345", "50012345"),
        ("council tax ref 6001234567", "6001234567"),
        ("CT ref: A12345678", "A12345678"),
        ("account no. 9012345678 - why has my bill gone up", "9012345678"),
        ("ctax acc 700123456 pls", "700123456"),
        ("Council Tax Reference: CT0045671234", "CT0045671234"),
        ("ref no 40987654, single person discount", "40987654"),
        ("my ctax ref is n 12345678", "n 12345678"),
        ("Dear Sir, Council tax account 51234567, I am disputing the band.", "51234567"),
        ("reference 8003421190 on my council tax bill", "8003421190"),
        ("ct a/c 600 123 456", "600 123 456"),
        ("council tax 50098765 - I've moved out", "50098765"),
        ("my acc number for council tax is NB-7712345", "NB-7712345"),
        ("Account ref 30065432. Name Liam Hughes", "30065432"),
        ("i pay council tax on account 5001-2345 by dd", "5001-2345"),
        ("CTR ref 9000123456", "9000123456"),
        ("your ref:70099881 - missed instalment", "70099881"),
        ("The council tax reference for my late mother's house is 6004455667.",
         "6004455667"),
        ("my account (council tax) is 45678901", "45678901"),
        ("councill tax refrence 51112222", "51112222"),
        ("two council tax accounts 50012345 and 50054321", ("50012345", "50054321")),
        ("acc 502233445, band C, single occupancy", "502233445"),
    ],
)
def test_council_tax_references_are_redacted(redactor, text, value):
    assert_redacted(redactor, text, value, CTAX)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("how do I pay council tax", "pay council tax"),
        ("my council tax band is D", "band is D"),
        ("my council tax is £1,234.56 a year", "£1,234.56 a year"),
        ("can I pay in 10 monthly instalments", "10 monthly instalments"),
        ("the 2025/26 council tax bill", "2025/26"),
        ("council tax reduction of 25%", "25%"),
        ("bills go out by 1 April", "by 1 April"),
        ("ring 01632 960100 about council tax", "01632 960100"),
        ("where is my account reference on the bill", "account reference on the bill"),
        ("I need form CTR1 for council tax reduction", "form CTR1"),
        ("section 13A discretionary relief", "section 13A"),
        ("planning application 24/01234/FUL", "24/01234/FUL"),
        ("open 9am to 5pm, Monday to Friday", "9am to 5pm, Monday to Friday"),
        ("a 240 litre bin is included in council tax", "240 litre"),
        ("the green bin is £95 a year on top of council tax", "£95 a year"),
        ("my bill dated 12/03/2026", "12/03/2026"),
    ],
)
def test_council_tax_words_and_amounts_are_kept(redactor, text, fragment):
    assert_kept(redactor, text, fragment)
