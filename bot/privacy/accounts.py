"""Account and reference numbers: council tax references, bank account
numbers and sort codes, building society roll numbers, payment cards,
passport and NHS numbers, and any other long number a resident gives.

A run of seven or more digits in a chat with the council is nearly always
someone's reference for something, so every one is minimised; the words
before it say which kind it is. UK bank accounts have seven or eight digits;
a council tax reference is whatever the council's system issues (often
eight to ten digits, sometimes with a letter prefix such as "A" or "CT").
Numbers typed digit by digit ("0 7 7 0 0 ...") are read the same way.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from stdnum import luhn
from stdnum.gb import nhs

from bot.privacy.rule import RuleRecognizer

COUNCIL_TAX = "UK_COUNCIL_TAX_REF"
BANK = "UK_BANK_ACCOUNT"
PASSPORT = "UK_PASSPORT"
REFERENCE = "REFERENCE_NUMBER"
CARD = "CREDIT_CARD"
NHS = "UK_NHS"
PHONE = "PHONE_NUMBER"

_NUMBER = re.compile(
    r"(?<![\w£$€,/+'’-])(?<!\d\.)"
    r"(?:[A-Za-z]{1,3}-?|[A-Za-z] )?"
    r"(?:\d{7,10}|\d{4}[ -]\d{4}(?:[ -]\d{2})?|\d{3} \d{3} \d{3}|\d{7}-\d{2})"
    r"(?![\w/]|[.,]\d|[ -]\d{3})"
)
_YEAR_RANGE = re.compile(r"(?:19|20)\d\d[ -](?:19|20)\d\d")
_SPELT_OUT = re.compile(r"(?<![\d.,])(?:\d ){6,12}\d(?![\d.,])")
_CARD = re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")
_SORT_CODE = re.compile(r"(?<![\w-])(?:\d{2}-\d{2}-\d{2}|\d{2} \d{2} \d{2}|\d{6})(?![\w-])")
_ROLL_NUMBER = re.compile(r"\broll (?:number|no\.?|num)[: ]{1,3}(?P<roll>[A-Za-z0-9/.-]{4,18})\b",
                          re.IGNORECASE)

_COUNCIL_TAX_WORDS = re.compile(
    r"\b(?:counci?ll? ?tax|c\s?tax|c/tax|ctax|ctr|ct|band [a-h]|single person discount|"
    r"single occupancy|instal+ments?|liability order|council tax reduction|bill)\b",
    re.IGNORECASE,
)
_BANK_WORDS = re.compile(
    r"\b(?:account|acc|acct|a/c|bank|sort|s/c|direct debit|dd|refund|payee|building society)\b",
    re.IGNORECASE,
)
_PASSPORT_WORDS = re.compile(r"\b(?:pas+p\w*|pasport\w*|pp|travel document)\b", re.IGNORECASE)
_NHS_WORDS = re.compile(r"nhs", re.IGNORECASE)
_REFERENCE_WORDS = re.compile(r"\b(?:ref|reference|refrence|ref no)\b", re.IGNORECASE)
_SORT_WORDS = re.compile(r"(?:\bsort(?:ing)?[ -]?(?:code|cd|c)?\b|\bs/?c\b)", re.IGNORECASE)
# A sort code written just before an account number: "309634 71426608",
# "11 05 62, 80736621".
_SORT_THEN_ACCOUNT = re.compile(
    r"(?<![\w-])(?P<sort>\d{2}[- ]?\d{2}[- ]?\d{2})[ ,/]{1,3}(?P<account>\d{7,8})(?![\w-])")
_DATE_WORDS = re.compile(
    r"\b(?:dated?|on|from|until|till|since|by|born|dob|expires?|expiry|valid|issued)\W*$",
    re.IGNORECASE)
# Words just before a number that make it something else: an amount, a
# quantity, a phone number said as such.
_NOT_A_REFERENCE = re.compile(
    r"(?:£|\$|€|\b(?:gbp|pounds?|tel|phone|mobile|mob|call|ring|text)\b)\W*$", re.IGNORECASE)
WINDOW = 40  # characters before a number in which its own label is looked for


class AccountNumberRecognizer(RuleRecognizer):
    def __init__(self) -> None:
        super().__init__(COUNCIL_TAX, BANK, PASSPORT, REFERENCE, CARD, NHS, PHONE)


    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results = []
        for match in _CARD.finditer(text):
            digits = re.sub(r"\D", "", match.group())
            if 13 <= len(digits) <= 19 and luhn.is_valid(digits) and not digits.startswith("0"):
                results.append(RecognizerResult(CARD, match.start(), match.end(), 0.9))
        for pattern in (_NUMBER, _SPELT_OUT):
            for match in pattern.finditer(text):
                found = self._number(text, match.start(), match.group())
                if found is not None:
                    results.append(RecognizerResult(found[0], match.start(), match.end(), found[1]))
        for match in _SORT_CODE.finditer(text):
            before = text[max(0, match.start() - 25):match.start()]
            hyphenated = "-" in match.group()
            if _SORT_WORDS.search(before) or hyphenated and not _DATE_WORDS.search(before):
                results.append(RecognizerResult(BANK, match.start(), match.end(), 0.8))
        for match in _SORT_THEN_ACCOUNT.finditer(text):
            results.append(RecognizerResult(BANK, *match.span("sort"), 0.7))
            results.append(RecognizerResult(BANK, *match.span("account"), 0.7))
        for match in _ROLL_NUMBER.finditer(text):
            results.append(RecognizerResult(BANK, *match.span("roll"), 0.8))
        return results

    def _number(self, text: str, start: int, value: str) -> tuple[str, float] | None:
        digits = re.sub(r"\D", "", value)
        if value[0].isalpha() and len(digits) < 7 or _YEAR_RANGE.fullmatch(value):
            return None
        if digits.startswith("0") and len(digits) in (10, 11) and not value[0].isalpha():
            # A phone number: the phone recognizers name it, unless it was
            # typed digit by digit, which they cannot read.
            return (PHONE, 0.7) if " " in value and len(value) > 2 * len(digits) - 2 else None
        if _NOT_A_REFERENCE.search(text[max(0, start - 12):start]):
            return None
        return self._kind(text, start, value, digits)

    @staticmethod
    def _kind(text: str, start: int, value: str, digits: str) -> tuple[str, float]:
        """The label nearest before the number decides; then the message."""
        near = text[max(0, start - WINDOW):start]
        rest = text[:start] + " " + text[start + len(value):]
        if _PASSPORT_WORDS.search(near) and 8 <= len(re.sub(r"\W", "", value)) <= 9:
            return PASSPORT, 0.8
        if len(digits) == 10 and _NHS_WORDS.search(near) and nhs.is_valid(digits):
            return NHS, 0.85
        if _COUNCIL_TAX_WORDS.search(near):
            return COUNCIL_TAX, 0.8
        if re.search(r"\baccount\b", near, re.IGNORECASE) and _REFERENCE_WORDS.search(near):
            return COUNCIL_TAX, 0.6  # "account ref": the council's own account
        if _SORT_WORDS.search(near) or (_BANK_WORDS.search(near) and len(digits) in (7, 8)
                                        and not _REFERENCE_WORDS.search(near[-15:])):
            return BANK, 0.75
        if _COUNCIL_TAX_WORDS.search(rest):
            return COUNCIL_TAX, 0.6
        if _BANK_WORDS.search(near) and len(digits) in (7, 8):
            return BANK, 0.6
        return REFERENCE, 0.5
