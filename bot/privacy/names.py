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

from bot.privacy.addresses import CLEAR_TYPES, EVERYDAY_TYPES
from bot.privacy.lexicon import commonness, name_lexicon
from bot.privacy.people import PLACE_WORDS as _PLACE_WORDS
from bot.privacy.people import RELATIONS, STREET_WORDS

SERVICE_WORDS = frozenset({
    "council", "tax", "badge", "blue", "bin", "bins", "tip", "library", "libraries", "housing",
    "benefit", "parking", "permit", "planning", "registrar", "register", "office", "ombudsman",
    "hall", "town", "borough", "city", "county", "district", "street", "road", "lane",
    "avenue", "service", "services", "universal", "credit", "citizens", "advice", "shelter",
    "stepchange", "samaritans", "nhs",
})


# A word after a name that makes it a place: "the Fordham road", "the Linden estate".
PLACE_WORDS = CLEAR_TYPES | EVERYDAY_TYPES | _PLACE_WORDS | {"estate", "area", "ward"}
LOCATIVES = frozenset({"on", "in", "at", "along", "near", "off", "down", "up", "from", "to", "into"})


class TitleCaseNameRecognizer(SpacyRecognizer):
    def __init__(self, allow_words: Iterable[str] = ()) -> None:
        super().__init__(supported_entities=["PERSON"])
        self._allow = SERVICE_WORDS | RELATIONS | {w.lower() for w in allow_words}
        self._lexicon = name_lexicon()

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        return [r for r in results if self._looks_like_name(text[r.start:r.end])
                and not self._lone_word_that_is_not_a_name(text, r)
                and not self._names_a_place(text, r)]

    def _names_a_place(self, text: str, result: RecognizerResult) -> bool:
        """"Maple Drive", "the Fordham road", "the Linden estate"."""
        last = text[result.start:result.end].split()[-1].strip(".,").lower()
        following = text[result.end:].split(maxsplit=1)
        after = following[0].strip(".,!?").lower() if following else ""
        return last in STREET_WORDS or after in PLACE_WORDS

    def _lone_word_that_is_not_a_name(self, text: str, result: RecognizerResult) -> bool:
        """A single word spaCy calls a person but no name list knows: a brand
        ("Mastercard") if it is an ordinary English word, a street if it
        follows "on" or "in" ("houses on Heronsgate")."""
        span = text[result.start:result.end]
        if span.isupper() and not text.isupper():
            return True  # an acronym: "MARAC", "DWP"
        if len(span.split()) > 1 or self._lexicon.is_name(span):
            return False
        before = text[:result.start].rstrip().rsplit(maxsplit=1)
        after_place_word = bool(before) and before[-1].lower() in LOCATIVES
        return commonness(span) >= 3.0 or after_place_word

    def _looks_like_name(self, span: str) -> bool:
        words = [w.strip(".,'’-") for w in span.split()]
        words = [w for w in words if w]
        # A word with a digit in it is a code (a licence or a reference
        # number that spaCy took for a name), never part of a name.
        return bool(words) and all(
            w[0].isupper() and w.lower() not in self._allow and not any(c.isdigit() for c in w)
            for w in words
        )
