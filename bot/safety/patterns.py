"""The lexical half of the safety net: the table's phrase patterns run over
normalised sentences.

Patterns are precise and explainable ("my partner {~4}hits me" fired), catch
exact crisis phrases the embedding model scores loosely ("kms", "sewer
slide", "I've taken all my tablets") and work with no model at all.

There are hundreds of them, and Python's regular expressions try every one
at every word of a message, which costs milliseconds a message. Most
patterns can only start with one of a few words ("kill", "suicid", "my
partner"), so each gets a *gate* when the table loads: the beginnings its
first word can have, read from the compiled expression. A pattern runs only
on sentences that have a word with one of those beginnings; a pattern whose
first word cannot be known (it starts with a gap or a digit) always runs.
The gate can only skip a pattern that could not have matched, so it changes
speed, never results.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.safety.categories import Category, Pattern, SafetyTable

try:  # CPython's own regular expression parser: the gate is an optimisation only.
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - another Python: every pattern runs
    _sre = _sre_parse = None

# Word beginnings are compared up to this many letters.
PREFIX_LETTERS = 6
_STOP = object()


@dataclass(frozen=True)
class _Gated:
    category: Category
    pattern: Pattern
    gate: frozenset[str] | None


class PatternMatcher:
    """Read-only after construction: safe to share between threads."""

    def __init__(self, table: SafetyTable) -> None:
        self._gated = tuple(
            _Gated(category, pattern, first_words(pattern.regex))
            for category in table.categories for pattern in category.patterns
        )

    @property
    def ungated(self) -> int:
        """How many patterns run on every sentence (a test keeps this small)."""
        return sum(1 for g in self._gated if g.gate is None)

    def scores(self, sentences: Sequence[str]) -> dict[str, float]:
        """The best pattern score per category over the sentences (each one
        normalised); categories with no match are absent."""
        found: dict[str, float] = {}
        for sentence in sentences:
            beginnings = word_beginnings(sentence.split())
            here: dict[str, float] = {}
            vetoed: set[str] = set()
            for gated in self._gated:
                category, pattern = gated.category, gated.pattern
                if category.id in vetoed:
                    continue
                if pattern.score <= max(here.get(category.id, 0.0), found.get(category.id, 0.0)):
                    continue
                if gated.gate is not None and gated.gate.isdisjoint(beginnings):
                    continue
                if not pattern.regex.search(sentence):
                    continue
                if any(u.search(sentence) for u in pattern.unless):
                    continue
                if any(x.search(sentence) for x in category.exclude):
                    # `exclude` vetoes the whole category for this sentence.
                    vetoed.add(category.id)
                    here.pop(category.id, None)
                    continue
                here[category.id] = pattern.score
            for category_id, score in here.items():
                found[category_id] = max(score, found.get(category_id, 0.0))
        return found


def word_beginnings(words: Iterable[str]) -> set[str]:
    beginnings: set[str] = set()
    for word in words:
        for end in range(1, min(len(word), PREFIX_LETTERS) + 1):
            beginnings.add(word[:end])
    return beginnings


def first_words(regex: re.Pattern[str]) -> frozenset[str] | None:
    """Word beginnings (up to PREFIX_LETTERS letters) of which every match
    contains at least one, or None when they cannot be told. Any word the
    pattern requires would do; the rarest is chosen ("kill" rather than the
    "my" before it), so the gate shuts as often as it can."""
    if _sre_parse is None:
        return None
    try:
        found = _gate(list(_sre_parse.parse(regex.pattern)))
    except (RecursionError, ValueError, TypeError, re.error):
        return None
    if not found or any(not p for p in found):
        return None
    return frozenset(p[:PREFIX_LETTERS] for p in found)


# Words too common to make a useful gate.
_COMMON = frozenset([
    "i", "a", "an", "the", "my", "me", "he", "she", "they", "we", "is", "are", "was", "were", "to",
    "of", "in", "on", "it", "and", "his", "her", "our", "their", "you", "not", "be", "have", "has",
    "had", "do", "does", "did", "can", "will", "would", "that", "this", "with", "for", "at", "am", "so",
    "no", "all", "just", "people", "someone", "somebody", "get", "got", "by", "from", "or", "if", "as"
])


def _gate(items: list) -> set[str] | None:
    items = [item for item in items if item[0] not in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)]
    if len(items) == 1 and items[0][0] is _sre.SUBPATTERN:
        return _gate(list(items[0][1][-1]))
    if len(items) == 1 and items[0][0] is _sre.BRANCH:
        return _union(_gate(list(alternative)) for alternative in items[0][1][1])
    candidates: list[set[str]] = []
    word_start = True
    for index, (op, av) in enumerate(items):
        optional = op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] == 0
        if word_start and not optional:
            found = _first(items[index:], "")
            if found and all(found):
                candidates.append(found)
        ends = _ends_with_space([(op, av)])
        word_start = (word_start and ends) if optional else ends
    return min(candidates, key=_cost) if candidates else None


def _ends_with_space(items: list) -> bool:
    if not items:
        return False
    op, av = items[-1]
    if op is _sre.LITERAL:
        return chr(av) == " "
    if op is _sre.SUBPATTERN:
        return _ends_with_space(list(av[-1]))
    if op is _sre.BRANCH:
        return all(_ends_with_space(list(alternative)) for alternative in av[1])
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        return _ends_with_space(list(av[2]))
    return False


def _cost(prefixes: set[str]) -> int:
    return sum(1000 if p in _COMMON else 30 if len(p) <= 2 else 1 for p in prefixes)


def _first(items: list, prefix: str) -> set[str] | None:
    """Possible literal beginnings of a match of `items`, given `prefix`
    already read; None when some match could begin with anything."""
    for index, item in enumerate(items):
        if len(prefix) >= PREFIX_LETTERS:
            return {prefix}
        if item is _STOP:
            if prefix:
                return {prefix}
            continue
        op, av = item
        rest = items[index + 1:]
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue
        if op is _sre.LITERAL:
            char = chr(av)
            if char == " ":
                return {prefix} if prefix else None
            prefix += char
            continue
        if op is _sre.IN:
            chars = _characters(av)
            if chars is None:
                return {prefix} if prefix else None
            return _union(_first([(_sre.LITERAL, ord(char)), *rest], prefix) for char in chars)
        if op is _sre.SUBPATTERN:
            return _first([*av[-1], *rest], prefix)
        if op is _sre.BRANCH:
            return _union(_first([*alternative, *rest], prefix) for alternative in av[1])
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            low, _high, inner = av
            once = _first([*inner, _STOP, *rest], prefix)
            return once if low > 0 else _union([once, _first(rest, prefix)])
        return {prefix} if prefix else None
    return {prefix} if prefix else None


def _characters(members: list) -> list[str] | None:
    """The characters of a small character class such as [0-9] or [ds]."""
    chars: list[str] = []
    for kind, value in members:
        if kind is _sre.LITERAL:
            chars.append(chr(value))
        elif kind is _sre.RANGE:
            chars.extend(chr(c) for c in range(value[0], value[1] + 1))
        else:
            return None
    return chars if len(chars) <= 12 else None


def _union(parts: Iterable[set[str] | None]) -> set[str] | None:
    found: set[str] = set()
    for part in parts:
        if part is None:
            return None
        found |= part
    return found
