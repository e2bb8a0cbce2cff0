"""The semantic half of the safety net: phrasings nobody wrote a pattern for.

Each judged piece of a message (a sentence, a clause, a window of
unpunctuated text) is embedded with the project's all-MiniLM-L6-v2 model and
compared by cosine with exemplar sentences of every category and with hard
negatives ("dead fox on the road", "how do I kill moss on my drive"). A
category fires when its nearest exemplar is close enough *and* closer than
the nearest hard negative by a margin (a smaller one for the categories
where a miss costs most): the negatives are what keep "kill the
weeds" away from "kill myself" although the two share most of their words.

Nearest-exemplar (k=1) scoring was chosen over a trained classifier because
the decision is explainable (which exemplar it resembled), a safeguarding
lead fixes a miss by adding one sentence to the YAML, and with a few hundred
exemplars there is too little data to train anything better.

The model costs about 8 ms for one short sentence and 2 to 3 ms for each
further one on two cores, so a long message cannot have every piece embedded
within the 20 ms budget. Pieces are ranked by the exemplars' telling words
they contain (weighted by how much likelier each word is in an exemplar than
in a hard negative) and only the best few are embedded; the patterns still
see every sentence.

Cosines are computed with `numpy.einsum`, not a matrix product: numpy's
OpenBLAS starts its own threads for a product this size, and on two cores
they fight the model's threads, which doubled the time of every check.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from bot.safety.categories import CATEGORIES, SafetyTable

# Words too common to say anything about risk when ranking pieces.
_STOPWORDS = frozenset([
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "before", "being", "but", "by", "can", "could", "did", "do", "does", "doing", "for", "from",
    "get", "got", "had", "has", "have", "having", "he", "her", "here", "him", "his", "how", "i", "if",
    "in", "into", "is", "it", "its", "just", "me", "more", "my", "no", "not", "now", "of", "off", "on",
    "once", "only", "or", "our", "out", "over", "own", "really", "same", "she", "should", "so", "some",
    "still", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "through", "to", "too", "up", "us", "very", "was", "we", "were", "what", "when", "where", "which",
    "while", "who", "why", "will", "with", "would", "you", "your", "yes", "okay", "please", "thanks",
    "thank", "one", "two", "going", "want", "know", "like", "need", "help", "council"
])


class Encoder(Protocol):
    dimension: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class SemanticScores:
    """Per piece: best cosine per category (columns in CATEGORIES order) and
    best cosine with any hard negative."""

    categories: np.ndarray
    negative: np.ndarray


class SemanticMatcher:
    """Holds the exemplar and negative vectors (computed once, by the
    detector, from normalised text). The encoder is called under a lock: a
    Hugging Face fast tokenizer shared between threads can fail with
    "Already borrowed"."""

    def __init__(
        self,
        table: SafetyTable,
        encoder: Encoder,
        exemplars: tuple[list[str], list[int], np.ndarray],
        negatives: tuple[list[str], np.ndarray],
    ) -> None:
        self._encoder = encoder
        self._lock = threading.Lock()
        texts, labels, self._exemplars = exemplars
        negative_texts, self._negatives = negatives
        self._labels = np.asarray(labels)
        self._cues = _telling_words(texts, negative_texts)
        self.thresholds = np.asarray(
            [c.semantic_threshold or table.semantic_threshold for c in table.categories], dtype="float32"
        )
        self.margins = np.asarray(
            [table.semantic_margin if c.semantic_margin is None else c.semantic_margin
             for c in table.categories],
            dtype="float32",
        )

    @property
    def dimension(self) -> int:
        return self._encoder.dimension

    @property
    def name(self) -> str:
        return getattr(self._encoder, "name", type(self._encoder).__name__)

    def encode(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return self._encoder.encode(texts)

    def cue_weight(self, words: Sequence[str]) -> float:
        """How strongly a piece's words point at the exemplars rather than
        at the negatives: what decides which pieces of a long message are
        embedded."""
        return sum(self._cues.get(w, 0.0) for w in set(words))

    def scores(self, vectors: np.ndarray) -> SemanticScores:
        """Scores of pieces already embedded with `encode`."""
        similarity = np.einsum("ij,kj->ik", vectors, self._exemplars)
        per_category = np.full((len(vectors), len(CATEGORIES)), -1.0, dtype="float32")
        for index in range(len(CATEGORIES)):
            columns = self._labels == index
            if columns.any():
                per_category[:, index] = similarity[:, columns].max(axis=1)
        negative = (
            np.einsum("ij,kj->ik", vectors, self._negatives).max(axis=1) if len(self._negatives)
            else np.full(len(vectors), -1.0, dtype="float32")
        )
        return SemanticScores(per_category, negative)

    def firing(self, scores: SemanticScores) -> dict[str, float]:
        """Categories whose threshold and margin some piece clears, with the
        best such cosine."""
        fired: dict[str, float] = {}
        clear = (scores.categories >= self.thresholds) & (
            scores.categories - scores.negative[:, None] >= self.margins
        )
        for row, column in zip(*np.nonzero(clear), strict=True):
            category = CATEGORIES[column]
            fired[category] = max(fired.get(category, 0.0), float(scores.categories[row, column]))
        return fired


def _telling_words(exemplars: Sequence[str], negatives: Sequence[str]) -> dict[str, float]:
    """Words of the exemplars that are not stop words and are more common in
    exemplars than in hard negatives, each weighted by the log of how much
    more common: the cheap signal used to pick which pieces of a long
    message are worth embedding."""
    def rates(texts: Sequence[str]) -> dict[str, float]:
        found: dict[str, int] = {}
        for text in texts:
            for word in set(re.findall(r"[a-z]+", text)):
                found[word] = found.get(word, 0) + 1
        return {w: n / max(1, len(texts)) for w, n in found.items()}

    positive, negative = rates(exemplars), rates(negatives)
    floor = 0.5 / max(1, len(negatives))
    weights = {
        w: float(np.log(rate / max(negative.get(w, 0.0), floor)))
        for w, rate in positive.items() if w not in _STOPWORDS and len(w) > 2
    }
    return {w: weight for w, weight in weights.items() if weight > 0}
