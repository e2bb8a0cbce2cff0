"""The safety net the gateway runs on every message before Rasa sees it.

Two detectors share one normaliser:

1. phrase patterns from `categories.yaml` over each normalised sentence:
   precise, explainable, no model needed;
2. if no pattern fired and an embedder was given, the nearest exemplar
   sentence by cosine, guarded by hard negatives, over each sentence and
   clause: this is what catches phrasings nobody wrote down.

A pattern hit wins over a semantic one (patterns are the surer signal, and
then the model need not run at all, which keeps the common crisis message
fast). When several categories fire, the higher table score wins; the
scores are ordered so that the more urgent and more specific category is
chosen ("my partner says he'll kill me tonight" is immediate danger, "my
partner hits me" domestic abuse). Ties go to the earlier category in
CATEGORIES.

Recall is preferred to precision: a false alarm costs an agent a minute, a
miss can cost a life. The text is never logged; only categories and timings.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.safety.categories import CATEGORIES, SafetyTable, load_table
from bot.safety.normalise import Normaliser, prepare
from bot.safety.patterns import PatternMatcher
from bot.safety.segment import LONG_SENTENCE_WORDS, clauses, sentences, windows
from bot.safety.semantic import SemanticMatcher
from bot.safety.spelling import Speller

if TYPE_CHECKING:
    from bot.knowledge.embedder import Embedder

logger = logging.getLogger(__name__)

# At most this many pieces of one message are embedded: about 3 ms each
# after the first on two cores, which keeps a 1000-character message near
# the 20 ms budget. Pieces beyond it are the ones with fewest telling words.
MAX_PIECES = 3
# Pieces shorter than this are left to the patterns: the model places "bye"
# or "good night" near "this is my last message" with nothing to weigh it.
MIN_PIECE_WORDS = 3
# The category a sensitive message gets when nothing at all points anywhere:
# its signposting (999 when someone is in danger now) suits every category.
DEFAULT_CATEGORY = "immediate_danger"


@dataclass(frozen=True)
class SafetyFinding:
    category: str
    score: float
    via: str


@dataclass(frozen=True)
class _Prepared:
    sentences: tuple[str, ...]
    pieces: tuple[str, ...]


class SafetyNet:
    """Build once per process with `load`; `check` and `nearest_category` are
    safe to call from several worker threads at once."""

    def __init__(self, table: SafetyTable, embedder: Embedder | None = None) -> None:
        started = time.perf_counter()
        self.table = table
        self._speller = Speller(_vocabulary(table), always=table.vocabulary)
        self._normaliser = Normaliser(self._speller)
        self._patterns = PatternMatcher(table)
        self._semantic = (
            SemanticMatcher(table, embedder, self._normaliser.normalise) if embedder is not None else None
        )
        self._category_cues = {
            c.id: frozenset(w for e in c.exemplars for w in self._normaliser.normalise(e).split())
            for c in table.categories
        }
        logger.info(
            "safety net ready: %d categories, %d patterns, %d exemplars, semantic %s, in %.1f s",
            len(table.categories), sum(len(c.patterns) for c in table.categories),
            sum(len(c.exemplars) for c in table.categories),
            "on" if self._semantic else "off", time.perf_counter() - started,
        )

    @classmethod
    def load(cls, path: Path | None = None, embedder: Embedder | None = None) -> SafetyNet:
        """The bundled table (or an editor's copy at `path`), with semantic
        matching when an embedder is given. Takes a second or two: call once."""
        return cls(load_table(path), embedder)

    @property
    def semantic(self) -> bool:
        return self._semantic is not None

    def normalise(self, text: str) -> str:
        return self._normaliser.normalise(text)

    def check(self, text: str) -> SafetyFinding | None:
        """The most urgent sensitive category in the message, or None."""
        started = time.perf_counter()
        prepared = self._prepare(text)
        finding = self._from_patterns(prepared)
        if finding is None and self._semantic is not None and prepared.pieces:
            scores = self._semantic.scores(prepared.pieces)
            finding = _best(self._semantic.firing(scores), "semantic")
        elapsed = (time.perf_counter() - started) * 1000
        if finding:
            logger.info("safety net: %s via %s (%.2f) in %.1f ms",
                        finding.category, finding.via, finding.score, elapsed)
        else:
            logger.debug("safety net: nothing in %.1f ms", elapsed)
        return finding

    def nearest_category(self, text: str) -> str:
        """The likeliest category even when nothing clears a threshold, for a
        message Rasa calls sensitive that `check` let through."""
        prepared = self._prepare(text)
        finding = self._from_patterns(prepared)
        if finding:
            return finding.category
        if self._semantic is not None and prepared.pieces:
            scores = self._semantic.scores(prepared.pieces)
            best = scores.categories.max(axis=0)
            return CATEGORIES[int(best.argmax())]
        words = set(" ".join(prepared.sentences).split()) - _COMMON
        overlap = {c: len(words & cues) for c, cues in self._category_cues.items()}
        best_category = max(CATEGORIES, key=lambda c: (overlap[c], -CATEGORIES.index(c)))
        return best_category if overlap[best_category] else DEFAULT_CATEGORY

    def _from_patterns(self, prepared: _Prepared) -> SafetyFinding | None:
        return _best(self._patterns.scores(prepared.sentences), "pattern")

    def _prepare(self, text: str) -> _Prepared:
        normal: list[str] = []
        pieces: list[str] = []
        for sentence in sentences(prepare(text)):
            words = self._normaliser.words(sentence)
            if not words:
                continue
            normal.append(" ".join(words))
            if len(words) <= LONG_SENTENCE_WORDS:
                pieces.append(" ".join(words))
                continue
            for clause in clauses(sentence):
                clause_words = self._normaliser.words(clause)
                runs = windows(clause_words) if len(clause_words) > LONG_SENTENCE_WORDS else [clause_words]
                pieces.extend(" ".join(run) for run in runs)
        unique = list(dict.fromkeys(p for p in pieces if len(p.split()) >= MIN_PIECE_WORDS))
        if len(unique) > MAX_PIECES and self._semantic is not None:
            ranked = sorted(range(len(unique)),
                            key=lambda i: (-self._semantic.cue_weight(unique[i].split()), i))
            unique = [unique[i] for i in sorted(ranked[:MAX_PIECES])]
        return _Prepared(tuple(normal), tuple(unique))


_COMMON = frozenset([
    "i", "a", "an", "the", "to", "and", "of", "in", "on", "my", "me", "is", "am", "are", "it", "for",
    "with", "you", "this", "that", "be"
])


def _best(scores: dict[str, float], via: str) -> SafetyFinding | None:
    if not scores:
        return None
    category = max(scores, key=lambda c: (scores[c], -CATEGORIES.index(c)))
    return SafetyFinding(category, round(min(1.0, max(0.0, scores[category])), 3), via)


def _vocabulary(table: SafetyTable) -> set[str]:
    """Words the speller may correct towards: every word in the exemplars
    and every literal word in the patterns (the speller keeps only real
    English words of these, plus the table's own `vocabulary`)."""
    words: set[str] = set(table.vocabulary)
    for category in table.categories:
        for exemplar in category.exemplars:
            words.update(re.findall(r"[a-z]{3,}", exemplar.lower()))
        for pattern in category.patterns:
            words.update(re.findall(r"[a-z]{3,}", pattern.source))
    words.update(table.lexicon_words)
    return words
