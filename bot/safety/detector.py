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

import copy
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.safety.categories import CATEGORIES, SafetyTable, load_table
from bot.safety.classifier import RiskClassifier
from bot.safety.examples import Example, training_examples
from bot.safety.normalise import Normaliser, prepare
from bot.safety.patterns import PatternMatcher
from bot.safety.segment import LONG_SENTENCE_WORDS, clauses, sentences, windows
from bot.safety.semantic import SemanticMatcher
from bot.safety.spelling import Speller
from bot.safety.vectors import encode_cached

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
class Signals:
    """The pattern finding, the nearest-exemplar finding, and the
    classifier's probability that the message is sensitive with its
    likeliest category."""

    pattern: SafetyFinding | None
    nearest: SafetyFinding | None
    # None when the model did not run: no model, or every piece too short.
    risk: float | None
    risk_category: str | None


@dataclass(frozen=True)
class SecondOpinion:
    category: str
    agrees: bool


@dataclass(frozen=True)
class _Prepared:
    sentences: tuple[str, ...]
    pieces: tuple[str, ...]
    pattern_scores: dict[str, float]


class SafetyNet:
    """Build once per process with `load`; `check` and `second_opinion` are
    safe to call from several worker threads at once."""

    def __init__(
        self,
        table: SafetyTable,
        embedder: Embedder | None = None,
        *,
        training: list[Example] | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        started = time.perf_counter()
        self.table = table
        self._speller = Speller(_vocabulary(table), always=table.vocabulary)
        self._normaliser = Normaliser(self._speller)
        self._patterns = PatternMatcher(table)
        self._semantic: SemanticMatcher | None = None
        self._classifier: RiskClassifier | None = None
        if embedder is not None:
            examples = training_examples(table) if training is None else training
            self._build_models(embedder, examples, cache_dir)
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

    def _build_models(self, embedder: Embedder, examples: list[Example], cache_dir: Path | None) -> None:
        """Embeds every exemplar, negative and training sentence once (or
        reads them from the cache) and builds both model-based signals."""
        normalise = self._normaliser.normalise
        exemplars = [(normalise(e), i) for i, c in enumerate(self.table.categories) for e in c.exemplars]
        negatives = [normalise(n) for n in self.table.negatives]
        training = [(normalise(e.text), e.category) for e in examples]
        texts = list(dict.fromkeys([t for t, _ in exemplars] + negatives + [t for t, _ in training]))
        vectors = encode_cached(embedder, texts, cache_dir)
        row = {text: i for i, text in enumerate(texts)}
        self._semantic = SemanticMatcher(
            self.table, embedder,
            ([t for t, _ in exemplars], [i for _, i in exemplars], vectors[[row[t] for t, _ in exemplars]]),
            (negatives, vectors[[row[t] for t in negatives]]),
        )
        self._classifier = RiskClassifier(
            [t for t, _ in training], vectors[[row[t] for t, _ in training]], [c for _, c in training]
        )

    @classmethod
    def load(
        cls, path: Path | None = None, embedder: Embedder | None = None, cache_dir: Path | None = None
    ) -> SafetyNet:
        """The bundled table (or an editor's copy at `path`), with the model
        signals when an embedder is given. Takes a few seconds: call once;
        `cache_dir` keeps the table's vectors between starts."""
        return cls(load_table(path), embedder, cache_dir=cache_dir)

    def retrained(self, examples: list[Example], cache_dir: Path | None = None) -> SafetyNet:
        """A copy whose classifier learns from `examples` alone, sharing
        everything else: what cross-validation of the training data needs."""
        if self._semantic is None:
            raise ValueError("the safety net has no model to retrain")
        texts = [self.normalise(e.text) for e in examples]
        clone = copy.copy(self)
        clone._classifier = RiskClassifier(
            texts, encode_cached(self._semantic, texts, cache_dir), [e.category for e in examples]
        )
        return clone

    @property
    def semantic(self) -> bool:
        return self._semantic is not None

    def normalise(self, text: str) -> str:
        return self._normaliser.normalise(text)

    def check(self, text: str) -> SafetyFinding | None:
        """The most urgent sensitive category in the message, or None."""
        started = time.perf_counter()
        finding = self._decide(self.signals(text))
        elapsed = (time.perf_counter() - started) * 1000
        if finding:
            logger.info("safety net: %s via %s (%.2f) in %.1f ms",
                        finding.category, finding.via, finding.score, elapsed)
        else:
            logger.debug("safety net: nothing in %.1f ms", elapsed)
        return finding

    def signals(self, text: str) -> Signals:
        """What each part of the net makes of the message, before `check`
        decides: useful when choosing the bars in the table."""
        return self._signals(self._prepare(text))

    def _signals(self, prepared: _Prepared) -> Signals:
        pattern = self._from_patterns(prepared)
        if self._semantic is None or self._classifier is None or not prepared.pieces:
            return Signals(pattern, None, None, None)
        vectors = self._semantic.encode(list(prepared.pieces))
        nearest = _best(self._semantic.firing(self._semantic.scores(vectors)), "semantic")
        risk = self._classifier.risk(list(prepared.pieces), vectors)
        top = int(risk.sensitive.argmax())
        return Signals(pattern, nearest, float(risk.sensitive[top]), CATEGORIES[int(risk.category[top])])

    def _decide(self, signals: Signals) -> SafetyFinding | None:
        """Patterns alone when the model did not run; otherwise the classifier
        has the last word, at a lower bar when a pattern or an exemplar
        agrees. The category is the most specific signal's: a pattern's,
        then an exemplar's, then the classifier's own."""
        if signals.risk is None:
            return signals.pattern
        bars = self.table.classifier
        if signals.pattern and signals.risk >= bars.with_pattern:
            return signals.pattern
        if signals.nearest and signals.risk >= bars.with_exemplar:
            return signals.nearest
        if signals.risk >= bars.threshold and signals.risk_category:
            return signals.pattern or signals.nearest or SafetyFinding(
                signals.risk_category, round(signals.risk, 3), "classifier"
            )
        return None

    def second_opinion(self, text: str) -> SecondOpinion:
        """For a message Rasa's NLU calls sensitive and `check` let through:
        the likeliest category even when nothing clears a bar, and whether
        the classifier gives the message at least the `with_intent` chance
        of being sensitive. Two detectors that agree hand the resident
        over; Rasa alone only offers a person."""
        prepared = self._prepare(text)
        signals = self._signals(prepared)
        agrees = signals.risk is None or signals.risk >= self.table.classifier.with_intent
        for finding in (signals.pattern, signals.nearest):
            if finding:
                return SecondOpinion(finding.category, agrees)
        if signals.risk_category:
            return SecondOpinion(signals.risk_category, agrees)
        words = set(" ".join(prepared.sentences).split()) - _COMMON
        overlap = {c: len(words & cues) for c, cues in self._category_cues.items()}
        best_category = max(CATEGORIES, key=lambda c: (overlap[c], -CATEGORIES.index(c)))
        return SecondOpinion(best_category if overlap[best_category] else DEFAULT_CATEGORY, agrees)

    def _from_patterns(self, prepared: _Prepared) -> SafetyFinding | None:
        return _best(prepared.pattern_scores, "pattern")

    def _prepare(self, text: str) -> _Prepared:
        """Normalised sentences with their pattern scores, and the pieces the
        model judges. A long message has more pieces than the model has time
        for: those of a sentence a pattern fired on come first (so the
        classifier judges what the pattern saw), then those with most of
        the exemplars' telling words."""
        normal: list[str] = []
        pieces: dict[str, bool] = {}
        found: dict[str, float] = {}
        for sentence in sentences(prepare(text)):
            words = self._normaliser.words(sentence)
            if not words:
                continue
            normal.append(" ".join(words))
            here = self._patterns.scores([normal[-1]])
            for category, score in here.items():
                found[category] = max(score, found.get(category, 0.0))
            for run in self._runs(sentence, words):
                if len(run) >= MIN_PIECE_WORDS:
                    piece = " ".join(run)
                    pieces[piece] = pieces.get(piece, False) or bool(here)
        unique = list(pieces)
        if len(unique) > MAX_PIECES and self._semantic is not None:
            ranked = sorted(range(len(unique)), key=lambda i: (
                not pieces[unique[i]], -self._semantic.cue_weight(unique[i].split()), i))
            unique = [unique[i] for i in sorted(ranked[:MAX_PIECES])]
        return _Prepared(tuple(normal), tuple(unique), found)

    def _runs(self, sentence: str, words: list[str]) -> list[list[str]]:
        """A short sentence whole; a long one by clauses, and a long clause
        in overlapping windows."""
        if len(words) <= LONG_SENTENCE_WORDS:
            return [words]
        runs: list[list[str]] = []
        for clause in clauses(sentence):
            clause_words = self._normaliser.words(clause)
            runs += windows(clause_words) if len(clause_words) > LONG_SENTENCE_WORDS else [clause_words]
        return runs


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
