"""IBANs, UK and foreign, spaced or not, become <BANK_ACCOUNT>."""

from __future__ import annotations

import pytest

from tests.bot.privacy.recognizers.helpers import assert_kept, assert_redacted, iban

BANK = "<BANK_ACCOUNT>"

GB_1 = iban("GB", "WEST12345698765432")
GB_2 = iban("GB", "NWBK60161331926819", group=False)
GB_3 = iban("GB", "BARC20040412345678")
GB_4 = iban("GB", "LOYD30963612345678", group=False).lower()
IE = iban("IE", "AIBK93115212345678")
DE = iban("DE", "370400440532013000")
FR = iban("FR", "20041010050500013M02606")
ES = iban("ES", "21000418450200051332", group=False)
PL = iban("PL", "109010140000071219812874")
NL = iban("NL", "ABNA0417164300")
IT = iban("IT", "X0542811101000000123456")
PT = iban("PT", "000201231234567890154", group=False)


@pytest.mark.parametrize(
    "text, value",
    [
        (f"my IBAN is {GB_1}", GB_1),
        (f"iban {GB_2}", GB_2),
        (f"Please refund to IBAN: {GB_3}.", GB_3),
        (f"{GB_4} thats my iban", GB_4),
        (f"my irish account {IE}", IE),
        (f"German bank IBAN {DE}, BIC COBADEFFXXX", DE),
        (f"refund to {FR} please", FR),
        (f"iban:{ES}", ES),
        (f"can you pay my deposit back to {PL}", PL),
        (f"Dear Sir, my bank details are IBAN {NL}, name Ayşe Yılmaz.", NL),
        (f"Italian account {IT} for the refund", IT),
        (f"{PT}", PT),
        (f"two accounts {GB_1} and {IE}", (GB_1, IE)),
        (f"IBAN no. {GB_2}!", GB_2),
        (f"send the overpayment to {GB_3} asap", GB_3),
        (f"account (iban) {DE}", DE),
    ],
)
def test_ibans_are_redacted(redactor, text, value):
    assert_redacted(redactor, text, value, BANK)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("where do I find my IBAN", "my IBAN"),
        ("the IBAN and BIC are on your statement", "IBAN and BIC"),
        ("your BIC is NWBKGB2L", "NWBKGB2L"),
        ("my bill is £1,234.56", "£1,234.56"),
        ("collection on 12/03/2026", "12/03/2026"),
        ("open 9am to 5pm, Monday to Friday", "9am to 5pm, Monday to Friday"),
        ("planning application 24/01234/FUL", "24/01234/FUL"),
        ("can I pay from a foreign bank account", "foreign bank account"),
        ("the GB sticker on my car", "GB sticker"),
        ("council tax band D", "band D"),
        ("the charge is £95 a year", "£95 a year"),
    ],
)
def test_bank_words_and_codes_are_kept(redactor, text, fragment):
    assert_kept(redactor, text, fragment)
