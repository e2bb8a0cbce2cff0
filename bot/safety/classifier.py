"""The learned part of the safety net: how likely a piece of a message is to
be a crisis, and which one.

A multinomial logistic regression with one class per category and one for
"nothing sensitive", over two views of each piece side by side:

- its MiniLM sentence vector (the one the exemplar matcher uses), which
  knows that "no point going on" and "end it all" mean the same;
- TF-IDF weights of its words, word pairs and character runs, which see
  the small words a sentence vector blurs ("years ago", "training
  course", "my feet are killing me") and survive misspellings.

It is trained at start-up on every labelled sentence the net has
(examples.py): a few seconds. Where the nearest-exemplar rule asks "is this
close to one sentence somebody wrote?", the regression weighs them all at
once, so one unlucky neighbour cannot carry a harmless message over the
line. detector.py combines it with the patterns and the exemplars.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bot.safety.categories import CATEGORIES

# Inverse regularisation strength, chosen by cross-validation of the
# training data (`python -m evaluate.safety_training` prints the figures).
# With the residents' service questions added to the harmless messages, 16
# keeps the recall of 8 within 0.002 and has fewer false alarms (0.049
# against 0.051; 4 and 24 lose on one or the other).
DEFAULT_C = 16.0


@dataclass(frozen=True)
class Risk:
    """Per piece: the probability that it is sensitive at all, and the
    likeliest category if it is (an index into CATEGORIES)."""

    sensitive: np.ndarray
    category: np.ndarray


class RiskClassifier:
    def __init__(
        self, texts: list[str], vectors: np.ndarray, labels: list[str | None], c: float = DEFAULT_C
    ) -> None:
        targets = np.asarray([0 if label is None else CATEGORIES.index(label) + 1 for label in labels])
        missing = set(range(len(CATEGORIES) + 1)) - set(targets.tolist())
        if missing:
            names = ["nothing sensitive" if i == 0 else CATEGORIES[i - 1] for i in sorted(missing)]
            raise ValueError(f"safety training: no examples of {', '.join(names)}")
        self._characters = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True, dtype=np.float32
        )
        self._words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, dtype=np.float32)
        features = hstack([
            csr_matrix(vectors), self._characters.fit_transform(texts), self._words.fit_transform(texts)
        ]).tocsr()
        self._model = LogisticRegression(C=c, max_iter=3000)
        self._model.fit(features, targets, sample_weight=_weights(targets))

    def risk(self, texts: list[str], vectors: np.ndarray) -> Risk:
        """`texts` are normalised pieces, `vectors` their sentence vectors."""
        features = hstack([
            csr_matrix(vectors), self._characters.transform(texts), self._words.transform(texts)
        ]).tocsr()
        probabilities = self._model.predict_proba(features)
        return Risk(1.0 - probabilities[:, 0], probabilities[:, 1:].argmax(axis=1))


def _weights(targets: np.ndarray) -> np.ndarray:
    """Harmless sentences weigh, in all, as much as sensitive ones, and every
    category as much as every other: without this the ten categories
    together would outvote "nothing sensitive" ten to one."""
    counts = np.bincount(targets, minlength=len(CATEGORIES) + 1).astype("float64")
    positives = counts[1:].sum()
    per_class = np.empty_like(counts)
    per_class[0] = positives / counts[0]
    per_class[1:] = positives / (len(CATEGORIES) * counts[1:])
    return per_class[targets] * len(targets) / (2 * positives)
