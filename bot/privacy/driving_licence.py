"""UK driving licence numbers however they are typed: in any case and with
the spaces the photocard prints ("MORGA 753116 SM9IJ"). presidio's own
recognizer knows only the unbroken upper-case form.

The sixteen characters are the surname (five letters, padded with 9s), the
date of birth as six digits (the month plus 50 for women), two initials
(padded with 9), a digit and two check letters; the date part is checked.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from bot.privacy.rule import RuleRecognizer

_LICENCE = re.compile(
    r"(?<![A-Za-z0-9])(?P<name>[A-Za-z][A-Za-z9]{4})[ -]?"
    r"(?P<dob>[0-9]{6})[ -]?(?P<tail>[A-Za-z][A-Za-z9][ -]?[0-9][ -]?[A-Za-z]{2})(?![A-Za-z0-9])"
)
_CONTEXT = re.compile(r"\b(?:licen[cs]e|dvla|driving|drivers?)\b", re.IGNORECASE)


def _plausible_date(digits: str) -> bool:
    month = int(digits[1:3])
    day = int(digits[3:5])
    return (1 <= month <= 12 or 51 <= month <= 62) and 1 <= day <= 31


class DrivingLicenceShapeRecognizer(RuleRecognizer):
    def __init__(self) -> None:
        super().__init__("UK_DRIVING_LICENCE")


    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results = []
        for match in _LICENCE.finditer(text):
            if not _plausible_date(match.group("dob")):
                continue
            near = text[max(0, match.start() - 40):match.start()]
            score = 0.9 if _CONTEXT.search(near) else 0.6
            results.append(RecognizerResult("UK_DRIVING_LICENCE", match.start(), match.end(), score))
        return results
