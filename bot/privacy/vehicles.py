"""UK vehicle registrations in any case: the current style ("KX21 ABC"),
prefix and suffix styles ("P123 ABC", "ABC 123D") and, beside a word such as
"plate", "reg" or "car", cherished and Northern Irish plates ("JAS 1",
"AXZ 4321"), which look too much like other codes to take on their own."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from bot.privacy.lexicon import commonness
from bot.privacy.rule import RuleRecognizer

_CURRENT = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2} ?[A-Za-z]{3}(?![A-Za-z0-9])")
_OLDER = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Za-z][0-9]{1,3} ?[A-Za-z]{3}|[A-Za-z]{3} ?[0-9]{1,3} ?[A-Za-z])"
    r"(?![A-Za-z0-9])")
_CHERISHED = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Za-z]{1,3} ?[0-9]{1,4}|[0-9]{1,4} ?[A-Za-z]{1,3})(?![A-Za-z0-9])")
_CONTEXT = re.compile(
    r"\b(?:reg|registration|plate|number ?plate|car|van|vehicle|motorbike|motorcycle|vrm|"
    r"private plate|cherished)\b\W*(?:(?:is|was|no\.?|number|:)\W*){0,2}$",
    re.IGNORECASE)
_LOOSE_CONTEXT = re.compile(r"\b(?:reg|registration|plate|car|van|vehicle|permit|parked)\b",
                            re.IGNORECASE)
# The current style's first two letters are a region and its digits an
# age identifier: "KX21", "MA19", never "NB12" as part of a postcode.
_AGE = re.compile(r"^[A-Za-z]{2}(?:0[2-9]|[1-9][0-9])")


class VehicleRegistrationRecognizer(RuleRecognizer):
    def __init__(self) -> None:
        super().__init__("UK_VEHICLE_REGISTRATION")


    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results = []
        for match in _CURRENT.finditer(text):
            if _AGE.match(match.group()):
                results.append(self._result(match, 0.7))
        near = _LOOSE_CONTEXT.search(text) is not None
        for match in _OLDER.finditer(text):
            plate = match.group()
            if near or plate.isupper() and " " in plate:
                results.append(self._result(match, 0.6))  # "P123 ABC", "GHT 512R"
        for match in _CHERISHED.finditer(text):
            letters = re.sub(r"[^A-Za-z]", "", match.group())
            if not letters.isupper() and commonness(letters) >= 3.0:
                continue  # "in the car for 3 nights"
            if _CONTEXT.search(text[max(0, match.start() - 30):match.start()]):
                results.append(self._result(match, 0.6))
        return results

    @staticmethod
    def _result(match: re.Match, score: float) -> RecognizerResult:
        return RecognizerResult("UK_VEHICLE_REGISTRATION", match.start(), match.end(), score)
