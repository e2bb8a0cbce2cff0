"""Sort codes and bank account numbers become <BANK_ACCOUNT>."""

from __future__ import annotations

import pytest

from tests.bot.privacy.recognizers.helpers import assert_kept, assert_redacted

BANK = "<BANK_ACCOUNT>"


@pytest.mark.parametrize(
    "text, value",
    [
        ("sort code 20-45-77 account 41568823", ("20-45-77", "41568823")),
        ("sort code 204577 acc no 41568823", ("204577", "41568823")),
        ("s/c 40 47 84, a/c 71234590", ("40 47 84", "71234590")),
        ("my account number is 31926819", "31926819"),
        ("Sort Code: 60-16-13", "60-16-13"),
        ("please refund to 30-94-57 12345678", "30-94-57 12345678"),
        ("bank details: 11-22-33 / 87654321", ("11-22-33", "87654321")),
        ("acc num 55779911 sort 09-01-28", ("55779911", "09-01-28")),
        ("Dear Sir, please set up the direct debit from account 00334455, "
         "sort code 83-91-22.", ("00334455", "83-91-22")),
        ("sortcode 774411 account no 66001234", ("774411", "66001234")),
        ("my bank acct is 43218765 with Nationwide", "43218765"),
        ("the refund should go to a/c no. 20481632", "20481632"),
        ("20-45-77, 41568823 - thats my bank", ("20-45-77", "41568823")),
        ("building society roll number 1234567-89 and sort code 07-00-93",
         ("1234567-89", "07-00-93")),
        ("acc: 7654321 (7 digits, old account)", "7654321"),
        ("bank account ending 8823 sort code 20 45 77", "20 45 77"),
        ("sort code is 40-11-62 and the account number is 90817263",
         ("40-11-62", "90817263")),
        ("Name Chidi Okonkwo, account 12034056, sort code 23-14-70",
         ("12034056", "23-14-70")),
        ("pay my housing benefit into 16-52-21 31415926", "16-52-21 31415926"),
        ("account no.:58243716", "58243716"),
    ],
)
def test_bank_details_are_redacted(redactor, text, value):
    assert_redacted(redactor, text, value, BANK)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("my bill is £1,234.56", "£1,234.56"),
        ("the green bin service is £95 a year", "£95 a year"),
        ("collection on 12/03/2026", "12/03/2026"),
        ("my bill dated 01-04-25 is wrong", "01-04-25"),
        ("can I pay by direct debit on the 1st or 15th", "1st or 15th"),
        ("pay in 10 monthly instalments", "10 monthly instalments"),
        ("open 9am to 5pm, Monday to Friday", "9am to 5pm, Monday to Friday"),
        ("where is my account number on the bill", "account number on the bill"),
        ("the council phone number is 01632 960100", "01632 960100"),
        ("youth club for ages 11-16", "ages 11-16"),
        ("the hall seats 60-80 people", "60-80 people"),
        ("planning application 24/01234/FUL", "24/01234/FUL"),
        ("the fee went up 2.5% to £43.50", "2.5% to £43.50"),
        ("the 2025-26 budget", "2025-26"),
        ("I need to set up my online account", "set up my online account"),
    ],
)
def test_money_dates_and_ranges_are_kept(redactor, text, fragment):
    assert_kept(redactor, text, fragment)
