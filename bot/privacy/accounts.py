"""Account and reference numbers: council tax references, bank account
numbers and sort codes, passport numbers, and any other long number a
resident gives.

A run of seven or more digits in a chat with the council is nearly always
someone's reference for something, so every one is minimised; the words
before it say which kind it is. UK bank accounts have eight digits; a
council tax reference is whatever the council's system issues (often eight
to ten digits, sometimes with a letter prefix such as "A" or "CT").
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

COUNCIL_TAX = "UK_COUNCIL_TAX_REF"
BANK = "UK_BANK_ACCOUNT"
PASSPORT = "UK_PASSPORT"
REFERENCE = "REFERENCE_NUMBER"

_NUMBER = re.compile(
    r"(?<![\w£$€.,/+-])"
    r"(?:[A-Za-z]{1,3})?"
    r"(?:\d{7,10}|\d{4} \d{4}(?: \d{2})?|\d{3} \d{3} \d{3})"
    r"(?![\w/]|[.,]\d|-\d)"
)
_SORT_CODE = re.compile(r"(?<![\w-])(?:\d{2} \d{2} \d{2}|\d{6})(?![\w-])")

_COUNCIL_TAX_WORDS = re.compile(r"\b(?:council[ -]?tax|c\s?tax|c/tax|ctax)\b", re.IGNORECASE)
_BANK_WORDS = re.compile(
    r"\b(?:account|acc|acct|a/c|bank|sort|direct debit|dd|refund|payee|building society)\b",
    re.IGNORECASE,
)
_PASSPORT_WORDS = re.compile(r"\b(?:passport|pp|travel document)\b", re.IGNORECASE)
_REFERENCE_WORDS = re.compile(r"\b(?:ref|reference|ref no|account)\b", re.IGNORECASE)
_SORT_WORDS = re.compile(r"\bsort(?:ing)?[ -]?(?:code|cd|c)?\b", re.IGNORECASE)
# Words just before a number that make it something else: an amount, a
# quantity, a phone number said as such.
_NOT_A_REFERENCE = re.compile(
    r"(?:£|\$|€|\b(?:gbp|pounds?|tel|phone|mobile|mob|call|ring|text)\b)\W*$", re.IGNORECASE)
WINDOW = 40  # characters before a number in which its own label is looked for


class AccountNumberRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entities=[COUNCIL_TAX, BANK, PASSPORT, REFERENCE],
            name="AccountNumberRecognizer", supported_language="en",
        )

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results = []
        for match in _NUMBER.finditer(text):
            value = match.group()
            digits = re.sub(r"\D", "", value)
            if value[0] == "0" and len(digits) >= 10 or value[0].isalpha() and len(digits) < 7:
                continue  # a phone number, or letters glued to a short number
            if _NOT_A_REFERENCE.search(text[max(0, match.start() - 12):match.start()]):
                continue
            entity, score = self._kind(text, match.start(), value, digits)
            results.append(RecognizerResult(entity, match.start(), match.end(), score))
        for match in _SORT_CODE.finditer(text):
            before = text[max(0, match.start() - 25):match.start()]
            if _SORT_WORDS.search(before):
                results.append(RecognizerResult(BANK, match.start(), match.end(), 0.8))
        return results

    @staticmethod
    def _kind(text: str, start: int, value: str, digits: str) -> tuple[str, float]:
        """The label nearest before the number decides; then the message."""
        near = text[max(0, start - WINDOW):start]
        earlier = text[:start]
        if _PASSPORT_WORDS.search(near) and (len(digits) == 9 and value.isdigit() or
                                             re.fullmatch(r"[A-Za-z]{2}\d{7}", value)):
            return PASSPORT, 0.8
        if _COUNCIL_TAX_WORDS.search(near):
            return COUNCIL_TAX, 0.8
        if _BANK_WORDS.search(near) and len(digits) == 8 and not _REFERENCE_WORDS.search(
                near[-12:]) or _SORT_WORDS.search(near):
            return BANK, 0.75
        if _COUNCIL_TAX_WORDS.search(earlier) or _COUNCIL_TAX_WORDS.search(text[start:]):
            return COUNCIL_TAX, 0.6
        if _BANK_WORDS.search(near) and len(digits) == 8:
            return BANK, 0.6
        return REFERENCE, 0.5
