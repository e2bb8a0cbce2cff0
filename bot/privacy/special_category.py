"""Special category data: health and disability, ethnicity, religion,
sexuality, and criminal offences, when a message says them about someone.

The terms live in special_category.yaml. A finding's placeholder keeps the
topic ("my husband has <HEALTH_CONDITION>") so the assistant can still help,
and any finding flags the conversation for the shorter retention period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import regex
import yaml
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from bot.privacy.rule import RuleRecognizer

CATEGORIES = ("HEALTH_CONDITION", "ETHNICITY", "RELIGION", "SEXUALITY", "CRIMINAL_OFFENCE")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")
# An offence named after its cue runs to the end of the clause.
_OFFENCE = (r"(?:a |an |the )?(?P<offence>(?!(?:the|next|a|an|two|three|four|five|six|ten|"
            r"life|years?|months?|weeks?|ages|now|ever|good|long|this|that|my|his|her|their|"
            r"waiting|nothing|something|it|being|no|what|me|him|them)\b)"
            r"[a-z][\w'-]*(?: (?!(?:last|in|on|and|but|when|so|"
            r"which|that|will|would|can|could|is|was|because|about|years?|months?|weeks?|ago|"
            r"back|before|after|since|while|then|now|from|at|with)\b)[a-z][\w'-]*){0,3})")


@dataclass(frozen=True)
class _Category:
    entity: str
    always: regex.Pattern | None
    cued: regex.Pattern | None
    offences: regex.Pattern | None


def _alternation(terms: list[str]) -> str:
    return "|".join(f"(?:{t})" for t in sorted(terms, key=len, reverse=True))


def _words(items: list[str]) -> str:
    return _alternation([re.escape(str(i)).replace(r"\ ", " ") for i in items])


def load_categories(spec: dict[str, Any]) -> tuple[list[_Category], regex.Pattern]:
    """The YAML table as compiled patterns, failing early and by name."""
    people = spec.get("person_words")
    if not isinstance(people, list) or not people:
        raise ValueError("special categories: 'person_words' must be a non-empty list")
    raw = spec.get("categories")
    if not isinstance(raw, dict) or set(raw) != set(CATEGORIES):
        raise ValueError(f"special categories: 'categories' must have exactly {', '.join(CATEGORIES)}")
    built = []
    flags = regex.IGNORECASE
    for entity in CATEGORIES:
        entry = raw[entity] or {}
        for key in ("terms", "needs_cue", "cues", "followers"):
            if not isinstance(entry.get(key, []), list):
                raise ValueError(f"special categories: '{entity}.{key}' must be a list")
        terms, needs_cue = entry.get("terms", []), entry.get("needs_cue", [])
        cues, followers = entry.get("cues", []), entry.get("followers", [])
        if needs_cue and not (cues or followers):
            raise ValueError(f"special categories: '{entity}' has 'needs_cue' terms but no cues")
        always = regex.compile(rf"\b(?:{_alternation(terms)})\b", flags) if terms else None
        cued = None
        if needs_cue:
            parts = []
            if cues:
                parts.append(rf"(?<=\b(?:{_words(cues)})\s+(?:a |an |very |quite )?)"
                             rf"(?:{_alternation(needs_cue)})\b")
            if followers:
                parts.append(rf"\b(?:{_alternation(needs_cue)})(?=\s+(?:{_words(followers)})\b)")
            cued = regex.compile(rf"\b(?:{'|'.join(parts)})", flags)
        offences = None
        if entry.get("offence_cues"):
            offences = regex.compile(
                rf"\b(?:{_alternation(entry['offence_cues'])})\s+{_OFFENCE}", flags)
        built.append(_Category(entity, always, cued, offences))
    person = regex.compile(rf"(?<![\w'’])(?:{_words(people)})(?![\w'’])", flags)
    return built, person


def bundled_categories() -> tuple[list[_Category], regex.Pattern]:
    text = resources.files("bot.privacy").joinpath("special_category.yaml").read_text("utf-8")
    return load_categories(yaml.safe_load(text))


class SpecialCategoryRecognizer(RuleRecognizer):
    def __init__(self) -> None:
        super().__init__(*CATEGORIES)
        self._categories, self._person = bundled_categories()


    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results = []
        for sentence in _SENTENCE.finditer(text):
            body = sentence.group()
            offset = sentence.start()
            personal = self._person.search(body) is not None
            for category in self._categories:
                for start, end in self._spans(category, body, personal):
                    results.append(RecognizerResult(category.entity, offset + start, offset + end, 0.9))
        return results

    @staticmethod
    def _spans(category: _Category, body: str, personal: bool) -> list[tuple[int, int]]:
        spans = []
        if category.offences is not None:
            spans += [m.span("offence") for m in category.offences.finditer(body)]
        if personal and category.always is not None:
            spans += [m.span() for m in category.always.finditer(body)]
        if category.cued is not None:
            spans += [m.span() for m in category.cued.finditer(body)]
        return spans
