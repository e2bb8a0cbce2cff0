"""The sensitive-topic table: categories, their phrase patterns and exemplar
sentences, kept as data in `categories.yaml` so a safeguarding lead can read
and extend it without touching code (the way presidio keeps recognizers).

Patterns are regular expressions over *normalised* text (see
`normalise.py`: lower case, words separated by single spaces, contractions
and text-speak expanded, typos of known words corrected). Two shorthands
keep them readable and general rather than a list of example sentences:

- `{NAME}` is a word group from the table's `lexicon` (partners, weapons,
  words for a child...), so one pattern covers every member of the group;
- `{~N}` stands for up to N arbitrary words, so "my partner {~4}hits me"
  also matches "my partner of ten years sometimes hits me".

A bad table fails at load with a `ValueError` that names the key, never at
the first resident's message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

CATEGORIES: tuple[str, ...] = (
    "immediate_danger",
    "suicide_self_harm",
    "mental_health_crisis",
    "domestic_abuse",
    "child_at_risk",
    "adult_at_risk",
    "sexual_violence",
    "homeless_tonight",
    "modern_slavery",
    "hate_crime",
)

_TOP_KEYS = {"version", "lexicon", "vocabulary", "semantic", "classifier", "categories", "negatives"}
_CATEGORY_KEYS = {
    "label", "score", "patterns", "exclude", "exemplars", "semantic_threshold", "semantic_margin",
}
_PATTERN_KEYS = {"re", "score", "unless"}
_SEMANTIC_KEYS = {"threshold", "margin"}
_CLASSIFIER_KEYS = {"threshold", "with_pattern", "with_exemplar", "with_intent"}
_LEXICON_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
_REFERENCE = re.compile(r"\{([A-Z][A-Z0-9_]*|~[0-9]+)\}")
_GAP_WORD = "[a-z0-9]+ "


@dataclass(frozen=True)
class Pattern:
    """One compiled phrase pattern; `unless` vetoes it within the same sentence."""

    source: str
    regex: re.Pattern[str]
    score: float
    unless: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class Category:
    id: str
    label: str
    score: float
    patterns: tuple[Pattern, ...]
    exclude: tuple[re.Pattern[str], ...]
    exemplars: tuple[str, ...]
    semantic_threshold: float | None
    # A smaller margin errs towards safety where a miss costs most.
    semantic_margin: float | None = None


@dataclass(frozen=True)
class Decision:
    """How sure the classifier must be that a message is sensitive: on its
    own, when a pattern also fired, when an exemplar also matched, and when
    Rasa's NLU calls it sensitive. The lower bars let the classifier veto
    another detector only when it is all but certain the message is
    harmless."""

    threshold: float = 0.5
    with_pattern: float = 0.1
    with_exemplar: float = 0.3
    with_intent: float = 0.1


@dataclass(frozen=True)
class SafetyTable:
    categories: tuple[Category, ...]
    negatives: tuple[str, ...]
    vocabulary: frozenset[str]
    semantic_threshold: float
    semantic_margin: float
    lexicon_words: frozenset[str] = frozenset()
    classifier: Decision = field(default_factory=lambda: Decision())

    def category(self, category_id: str) -> Category:
        for category in self.categories:
            if category.id == category_id:
                return category
        raise KeyError(category_id)


def _fail(where: str, message: str) -> ValueError:
    return ValueError(f"safety table: {where}: {message}")


def _check_keys(spec: Any, where: str, allowed: set[str], expected: str) -> None:
    """`spec` is a mapping with no key outside `allowed`."""
    if not isinstance(spec, Mapping):
        raise _fail(where, expected)
    unknown = set(spec) - allowed
    if unknown:
        raise _fail(where, f"unknown key {sorted(unknown)[0]!r}")


def _score(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        raise _fail(where, "must be a number in (0, 1]")
    return float(value)


def _margin(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not -1 <= value <= 1:
        raise _fail(where, "must be a number in [-1, 1]")
    return float(value)


def _strings(value: Any, where: str, *, allow_empty: bool = False) -> list[str]:
    if not isinstance(value, list) or (not value and not allow_empty):
        raise _fail(where, "must be a non-empty list" if not allow_empty else "must be a list")
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise _fail(f"{where}[{i}]", "must be a non-empty string")
    return value


def _expand_lexicon(raw: Any) -> dict[str, str]:
    """Word groups may use earlier ones; each becomes one non-capturing group."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise _fail("lexicon", "must be a mapping of NAME to a list of words or patterns")
    expanded: dict[str, str] = {}
    for name, members in raw.items():
        where = f"lexicon.{name}"
        if not isinstance(name, str) or not _LEXICON_NAME.match(name):
            raise _fail(where, "names are upper case, like PARTNER")
        words = _strings(members, where)
        # Longest first, so "ex husband" is preferred to "ex".
        alternatives = [_expand(w.strip(), expanded, where) for w in sorted(words, key=len, reverse=True)]
        expanded[name] = "(?:" + "|".join(alternatives) + ")"
    return expanded


def _expand(source: str, lexicon: Mapping[str, str], where: str) -> str:
    def replace(match: re.Match[str]) -> str:
        token = match.group(1)
        if token.startswith("~"):
            return f"(?:{_GAP_WORD}){{0,{int(token[1:])}}}"
        if token not in lexicon:
            raise _fail(where, f"unknown word group {{{token}}} (define it under 'lexicon' first)")
        return lexicon[token]

    return _REFERENCE.sub(replace, source)


def _compile(source: str, lexicon: Mapping[str, str], where: str) -> re.Pattern[str]:
    if not isinstance(source, str) or not source.strip():
        raise _fail(where, "must be a non-empty string")
    expanded = _expand(source.strip(), lexicon, where)
    try:
        # Whole words only: a pattern never fires inside a longer word.
        return re.compile(rf"(?<![a-z0-9])(?:{expanded})(?![a-z0-9])")
    except re.error as error:
        raise _fail(where, f"is not a valid regular expression ({error})") from None


def _pattern(entry: Any, lexicon: Mapping[str, str], default_score: float, where: str) -> Pattern:
    if isinstance(entry, str):
        return Pattern(entry, _compile(entry, lexicon, where), default_score)
    _check_keys(entry, where, _PATTERN_KEYS, "must be a string or a mapping with 're'")
    source = entry.get("re")
    regex = _compile(source, lexicon, f"{where}.re")
    score = _score(entry["score"], f"{where}.score") if "score" in entry else default_score
    unless = tuple(
        _compile(u, lexicon, f"{where}.unless[{i}]")
        for i, u in enumerate(_strings(entry.get("unless", []), f"{where}.unless", allow_empty=True))
    )
    return Pattern(source, regex, score, unless)


def _category(category_id: str, spec: Any, lexicon: Mapping[str, str]) -> Category:
    where = f"categories.{category_id}"
    _check_keys(spec, where, _CATEGORY_KEYS, "must be a mapping")
    label = spec.get("label")
    if not isinstance(label, str) or not label.strip():
        raise _fail(f"{where}.label", "must be a non-empty string")
    score = _score(spec.get("score"), f"{where}.score")
    raw_patterns = spec.get("patterns")
    if not isinstance(raw_patterns, list) or not raw_patterns:
        raise _fail(f"{where}.patterns", "must be a non-empty list")
    patterns = tuple(
        _pattern(p, lexicon, score, f"{where}.patterns[{i}]") for i, p in enumerate(raw_patterns)
    )
    exclude = tuple(
        _compile(x, lexicon, f"{where}.exclude[{i}]")
        for i, x in enumerate(_strings(spec.get("exclude", []), f"{where}.exclude", allow_empty=True))
    )
    exemplars = tuple(s.strip() for s in _strings(spec.get("exemplars"), f"{where}.exemplars"))
    threshold = spec.get("semantic_threshold")
    if threshold is not None:
        threshold = _score(threshold, f"{where}.semantic_threshold")
    margin = spec.get("semantic_margin")
    if margin is not None:
        margin = _margin(margin, f"{where}.semantic_margin")
    return Category(category_id, label.strip(), score, patterns, exclude, exemplars, threshold, margin)


def parse_table(spec: Any) -> SafetyTable:
    """Validates a loaded YAML document and compiles it."""
    _check_keys(spec, "top level", _TOP_KEYS, "must be a mapping")
    lexicon = _expand_lexicon(spec.get("lexicon"))
    raw_categories = spec.get("categories")
    if not isinstance(raw_categories, Mapping):
        raise _fail("categories", "must be a mapping of category id to its entry")
    for category_id in raw_categories:
        if category_id not in CATEGORIES:
            expected = ", ".join(CATEGORIES)
            raise _fail(f"categories.{category_id}", f"unknown category (expected one of {expected})")
    missing = [c for c in CATEGORIES if c not in raw_categories]
    if missing:
        raise _fail(f"categories.{missing[0]}", "is missing")
    categories = tuple(_category(c, raw_categories[c], lexicon) for c in CATEGORIES)
    negatives = tuple(s.strip() for s in _strings(spec.get("negatives"), "negatives"))
    vocabulary = frozenset(
        w.strip().lower() for w in _strings(spec.get("vocabulary", []), "vocabulary", allow_empty=True)
    )
    semantic = spec.get("semantic", {})
    _check_keys(semantic, "semantic", _SEMANTIC_KEYS, "must be a mapping with 'threshold' and 'margin'")
    threshold = _score(semantic.get("threshold", 0.6), "semantic.threshold")
    margin = _margin(semantic.get("margin", 0.0), "semantic.margin")
    lexicon_words = frozenset(
        w for members in (spec.get("lexicon") or {}).values() for m in members
        for w in re.findall(r"[a-z]{3,}", m)
    )
    return SafetyTable(
        categories, negatives, vocabulary, threshold, float(margin), lexicon_words,
        _decision(spec.get("classifier", {})),
    )


def _decision(spec: Any) -> Decision:
    _check_keys(spec, "classifier", _CLASSIFIER_KEYS, "must be a mapping of bars such as 'threshold'")
    default = Decision()
    bars = {}
    for key in sorted(_CLASSIFIER_KEYS):
        value = spec.get(key, getattr(default, key))
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise _fail(f"classifier.{key}", "must be a number in [0, 1]")
        bars[key] = float(value)
    return Decision(**bars)


def load_table(path: Path | None = None) -> SafetyTable:
    """The bundled table, or an editor's copy at `path`."""
    if path is None:
        text = resources.files("bot.safety").joinpath("categories.yaml").read_text("utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    try:
        spec = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ValueError(f"safety table: not valid YAML ({error})") from None
    return parse_table(spec)
