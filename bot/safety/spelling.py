"""Typo tolerance for the words the safety net cares about.

A general-purpose speller would "correct" council words, names and slang
into something else, and it is slow to load. Instead a token is changed only
when it is *not* an English word (symspellpy's bundled frequency dictionary
of 82,765 words is the reference) and it is within one or two edits of a
word the table uses (its patterns, exemplars and `vocabulary`). So "sucidal",
"myslef", "abuce" and "homless" become the words the patterns expect, while
"skill", "bins" or "Kingsmoor" are left alone. Unknown run-together tokens
("killmyself") are split with the same dictionary.

A table word two edits away loses to a common English word one edit away:
"stresed" is "stressed", not the table's "street". Table words one edit
away still win ("kil" is "kill", though "kit" is as close): a missed crisis
word costs more than a misread one.

Everything is read-only after construction, so one speller serves every
thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib import resources

from symspellpy import SymSpell, Verbosity
from symspellpy.suggest_item import SuggestItem

_REPEATS = re.compile(r"([a-z])\1{2,}")
_DOUBLES = re.compile(r"([a-z])\1+")
_DICTIONARY = "frequency_dictionary_en_82_765.txt"
# The commonest English words, the ones a misspelling most likely meant.
COMMON_WORDS = 40_000


class Speller:
    """Maps a lower-case token to the word the resident most likely meant."""

    def __init__(self, vocabulary: Iterable[str], always: Iterable[str] = ()) -> None:
        """`vocabulary` words are kept as targets only if they are English
        words (pattern fragments such as "suicid" are not); `always` words
        are kept regardless. Every vocabulary word is left as typed, English
        or not: the table's own "transphobic" or "meds" must not be split or
        "corrected" into something the patterns do not expect."""
        path = str(resources.files("symspellpy").joinpath(_DICTIONARY))
        # Edit distance 0: this copy only answers "is it a word" and splits
        # run-together words, which keeps it small and quick to load.
        self._english = SymSpell(max_dictionary_edit_distance=0, prefix_length=7)
        if not self._english.load_dictionary(path, term_index=0, count_index=1):
            raise RuntimeError("symspellpy's English dictionary is missing from the package")
        self._counts: dict[str, int] = self._english.words
        self._common = SymSpell(max_dictionary_edit_distance=1, prefix_length=7)
        for word, count in sorted(self._counts.items(), key=lambda item: -item[1])[:COMMON_WORDS]:
            if len(word) >= 3:
                self._common.create_dictionary_entry(word, count)
        self._targets = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
        extra = frozenset(always)
        self._known = frozenset(w for w in {*vocabulary, *extra} if w.isalpha() and len(w) >= 3)
        self.vocabulary = frozenset(w for w in self._known if w in self._counts or w in extra)
        for word in self.vocabulary:
            self._targets.create_dictionary_entry(word, max(1, self._counts.get(word, 1)))

    def is_word(self, token: str) -> bool:
        return token in self._counts or token in self._known

    def correct(self, token: str) -> str:
        """The token, a corrected word, or several words separated by spaces."""
        if len(token) < 3 or not token.isalpha() or self.is_word(token):
            return token
        for candidate in self._squeezed(token):
            if self.is_word(candidate):
                return candidate
        if token.endswith("in") and self.is_word(token + "g"):
            return token + "g"
        squeezed = _REPEATS.sub(r"\1\1", token)
        fixed = self._nearest_target(squeezed)
        if fixed and fixed[1] <= 1:
            return fixed[0]
        if len(squeezed) >= 5:
            common = self._common.lookup(squeezed, Verbosity.CLOSEST, max_edit_distance=1)
            if common:
                return common[0].term
        if fixed:
            return fixed[0]
        if len(squeezed) >= 7:
            split = self._english.word_segmentation(squeezed, max_edit_distance=0)
            parts = split.corrected_string.split()
            if len(parts) > 1 and all(p in self._counts and (len(p) > 1 or p in "ai") for p in parts):
                return " ".join(parts)
        return squeezed

    @staticmethod
    def _squeezed(token: str) -> list[str]:
        """Stretched words ("pleeease", "kiiill"): runs of three or more
        letters cut to two, then every run cut to one."""
        if not _REPEATS.search(token):
            return []
        two = _REPEATS.sub(r"\1\1", token)
        return [two, _DOUBLES.sub(r"\1", two)]

    def _nearest_target(self, token: str) -> tuple[str, int] | None:
        limit = 1 if len(token) <= 5 else 2
        found = self._targets.lookup(token, Verbosity.ALL, max_edit_distance=limit)
        if not found:
            return None

        def rank(item: SuggestItem) -> tuple[float, int]:
            # A dropped letter is the commonest slip, a dropped letter of a
            # double ("kil" for "kill") commonest of all, so both beat an
            # equally distant substitution ("nife" is "knife", not "life").
            term = item.term
            dropped = [i for i in range(len(term)) if term[:i] + term[i + 1:] == token]
            dropped_double = any(i > 0 and term[i] == term[i - 1] for i in dropped)
            bonus = 0.6 if dropped_double else 0.5 if dropped else 0.0
            return (item.distance - bonus, -item.count)

        best = min(found, key=rank)
        return best.term, best.distance
