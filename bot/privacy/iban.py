"""IBANs in any case, with or without the usual spaces.

schwifty knows each country's IBAN length and layout and checks the check
digits. An IBAN with wrong check digits is still someone's bank account
mistyped, so it is minimised too, with a lower score.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException
from schwifty.registry import get_iban_spec

from bot.privacy.rule import RuleRecognizer

_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}(?:[ -]?[A-Za-z0-9]{4}){2,7}(?:[ -]?[A-Za-z0-9]{1,3})?"
    r"(?![A-Za-z0-9])")


class IbanShapeRecognizer(RuleRecognizer):
    def __init__(self) -> None:
        super().__init__("IBAN_CODE")


    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results = []
        for match in _CANDIDATE.finditer(text):
            found = self._longest_valid(match.group())
            if found is not None:
                length, score = found
                results.append(RecognizerResult("IBAN_CODE", match.start(),
                                                 match.start() + length, score))
        return results

    def _longest_valid(self, typed: str) -> tuple[int, float] | None:
        """The candidate may run on into the next word ("... 9620 was"):
        drop whole groups from its end until the country's length fits."""
        groups = list(re.finditer(r"[A-Za-z0-9]+", typed))
        for last in range(len(groups), 0, -1):
            end = groups[last - 1].end()
            score = self._score(re.sub(r"[ -]", "", typed[:end]).upper())
            if score:
                return end, score
        return None

    @staticmethod
    def _score(compact: str) -> float:
        try:
            spec = get_iban_spec(compact[:2])
        except (SchwiftyException, KeyError, ValueError):
            return 0.0
        if len(compact) != spec.iban_length or not spec.regex.match(compact[4:]):
            return 0.0
        try:
            IBAN(compact)
        except SchwiftyException:
            return 0.6
        return 0.95
