"""Names found by spaCy, kept only where they look like names.

The small English model tags ordinary lowercase words ("my bin wasn't
emptied") and place names as PERSON. Residents' lowercase names are caught by
the "my name is ..." pattern instead, so this recognizer keeps a spaCy PERSON
only when every word is capitalised and none is a word the council itself
uses (its own name, its places, its services).
"""

from __future__ import annotations

from collections.abc import Iterable

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

SERVICE_WORDS = frozenset({
    "council", "tax", "badge", "blue", "bin", "bins", "tip", "library", "libraries", "housing",
    "benefit", "parking", "permit", "planning", "registrar", "register", "office", "ombudsman",
    "hall", "town", "borough", "city", "county", "district", "street", "road", "lane",
    "avenue", "service", "services", "universal", "credit", "citizens", "advice", "shelter",
    "stepchange", "samaritans", "nhs",
})


class TitleCaseNameRecognizer(SpacyRecognizer):
    def __init__(self, allow_words: Iterable[str] = ()) -> None:
        super().__init__(supported_entities=["PERSON"])
        self._allow = SERVICE_WORDS | {w.lower() for w in allow_words}

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        return [r for r in results if self._looks_like_name(text[r.start:r.end])]

    def _looks_like_name(self, span: str) -> bool:
        words = [w.strip(".,'’-") for w in span.split()]
        words = [w for w in words if w]
        # A word with a digit in it is a code (a licence or a reference
        # number that spaCy took for a name), never part of a name.
        return bool(words) and all(
            w[0].isupper() and w.lower() not in self._allow and not any(c.isdigit() for c in w)
            for w in words
        )
