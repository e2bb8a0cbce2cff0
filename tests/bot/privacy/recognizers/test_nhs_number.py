"""NHS numbers (ten digits, modulus 11 check) become <NHS_NUMBER>."""

from __future__ import annotations

import pytest

from tests.bot.privacy.recognizers.helpers import assert_kept, assert_redacted, nhs_number

NHS = "<NHS_NUMBER>"

A = nhs_number("943476591")
B = nhs_number("401023213")
C = nhs_number("485777345", sep="")
D = nhs_number("123456788", sep="-")
E = nhs_number("450557710")
F = nhs_number("999123457")
G = nhs_number("638219047", sep="")
H = nhs_number("712345890")
J = nhs_number("320004567")
K = nhs_number("564812739", sep="")


@pytest.mark.parametrize(
    "text, value",
    [
        (f"nhs number {A}", A),
        (f"My NHS number is {B}.", B),
        (f"nhs no {C}", C),
        (f"NHS#: {D}", D),
        (f"{E} is my mums nhs number", E),
        (f"NHS No. {F} - for the care assessment", F),
        (f"her nhs num is {G} thanks", G),
        (f"Dear Sir, NHS number {H}, date of assessment 4 May.", H),
        (f"my sons nhs no is {J}, he needs a blue badge", J),
        (f"nhs:{K}", K),
        (f"my nhs {A} and my husband's {B}", (A, B)),
        (f"Patient: Aisha Rahman, NHS {C}, discharge on Friday", C),
        (f"GP said quote NHS number {E} when you ring", E),
        (f"nhsno{G}", G),
        (f"the hospital gave me {H} as my nhs number", H),
        (f"NHS NUMBER: {J}!", J),
        (f"adult social care ref? no its my nhs number {K}", K),
    ],
)
def test_nhs_numbers_are_redacted(redactor, text, value):
    assert_redacted(redactor, text, value, NHS)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("do you need my nhs number for the blue badge", "nhs number"),
        ("I rang NHS 111 last night", "NHS 111"),
        ("the council phone number is 01632 960100", "01632 960100"),
        ("my council tax bill is £1,234.56", "£1,234.56"),
        ("planning application 24/01234/FUL", "24/01234/FUL"),
        ("collection on 12/03/2026", "12/03/2026"),
        ("open 9am to 5pm Monday to Friday", "9am to 5pm Monday to Friday"),
        ("the NHS health check at Eastfield library", "NHS health check"),
        ("it costs £95 a year", "£95 a year"),
        ("section 106 contribution of £250,000", "£250,000"),
        ("we are 1 of 240 households", "1 of 240 households"),
        ("the 2025/26 care charges", "2025/26"),
    ],
)
def test_ordinary_numbers_are_kept(redactor, text, fragment):
    assert_kept(redactor, text, fragment)
