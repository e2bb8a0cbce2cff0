"""Groups the questions the assistant could not answer by meaning, so an
editor sees "public toilets: 14" rather than fourteen ways of asking.

Questions are embedded with the assistant's own sentence model (the privacy
gate's placeholders left out, as the answerer leaves them out) and joined
by average-linkage clustering on cosine distance. THRESHOLD was picked on
61 realistic questions on 20 subjects (tests/bot/reports/questions.py,
docs/reports.md): up to 0.45 no two questions on different subjects were
joined; at 0.50 "room hire at the community centre" joined council jobs
and roadworks joined gritting. A subject split in two still shows every
question; two subjects joined hide one, so the threshold errs towards
splitting."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from bot.privacy.placeholders import PLACEHOLDER_TOKEN, without_placeholders
from bot.reports.encoder import Encoder
from bot.reports.unanswered import REASONS, Unanswered

THRESHOLD = 0.45
EXAMPLES = 3
# Past this many different questions the rarest are left out of the grouping
# (and counted as left out): clustering needs every pair's distance.
MAX_DISTINCT = 2000
_NOT_WORDS = re.compile(r"[^\w<>:]+")


@dataclass(frozen=True)
class Group:
    question: str
    count: int
    examples: list[str]
    reasons: dict[str, int]
    # The page the assistant thought likeliest most often: a topic's id, or
    # `elsewhere:<entry>` for a directory entry it signposted to.
    guess: str | None = None
    # Its title in the knowledge files, when it is still there.
    guess_title: str | None = None


@dataclass(frozen=True)
class Grouping:
    groups: list[Group] = field(default_factory=list)
    questions: int = 0
    # Questions too rare to group when there were more than MAX_DISTINCT.
    left_out: int = 0


@dataclass
class _Same:
    """One question asked, perhaps many times, in slightly different forms."""

    forms: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    guesses: Counter[str] = field(default_factory=Counter)

    @property
    def count(self) -> int:
        return sum(self.reasons.values())

    @property
    def text(self) -> str:
        return self.forms.most_common(1)[0][0]


def same_question(text: str) -> str:
    """Questions that differ only in case, spacing, punctuation or the
    placeholders in them count as one."""
    return " ".join(_NOT_WORDS.sub(" ", without_placeholders(text).casefold()).split())


def _collect(questions: Iterable[Unanswered]) -> dict[str, _Same]:
    same: dict[str, _Same] = {}
    for question in questions:
        entry = same.setdefault(same_question(question.text), _Same())
        entry.forms[question.text] += 1
        entry.reasons[question.reason] += 1
        if question.guess:
            entry.guesses[question.guess] += 1
    return same


def _labels(vectors: np.ndarray, threshold: float) -> np.ndarray:
    if len(vectors) < 2:
        return np.zeros(len(vectors), dtype=int)
    from sklearn.cluster import AgglomerativeClustering

    return AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                   distance_threshold=threshold).fit(vectors).labels_


def _group(members: list[_Same], vectors: np.ndarray) -> Group:
    counts = np.array([m.count for m in members], dtype="float32")
    centre = (vectors * counts[:, None]).sum(axis=0)
    closeness = vectors @ centre
    # Shown first: the way it was most often asked, then one without
    # placeholders (easier to read), then the one nearest the group's centre.
    order = sorted(range(len(members)), key=lambda i: (
        -members[i].count, PLACEHOLDER_TOKEN.search(members[i].text) is not None, -closeness[i]))
    first, rest = order[0], order[1:]
    reasons: Counter[str] = Counter()
    guesses: Counter[str] = Counter()
    for member in members:
        reasons.update(member.reasons)
        guesses.update(member.guesses)
    guess = min(guesses, key=lambda g: (-guesses[g], g)) if guesses else None
    return Group(question=members[first].text, count=int(counts.sum()),
                 examples=[members[i].text for i in rest[:EXAMPLES]],
                 reasons={r: reasons[r] for r in REASONS if reasons[r]}, guess=guess)


def group_questions(questions: Iterable[Unanswered], encoder: Encoder,
                    threshold: float = THRESHOLD) -> Grouping:
    """Groups, most asked first. The model is used only when there is
    something to group."""
    same = sorted(_collect(questions).values(), key=lambda s: (-s.count, s.text))
    total = sum(s.count for s in same)
    kept, dropped = same[:MAX_DISTINCT], same[MAX_DISTINCT:]
    if not kept:
        return Grouping()
    vectors = encoder.encode([without_placeholders(s.text) or s.text for s in kept])
    labels = _labels(vectors, threshold)
    groups = [_group([kept[i] for i in np.flatnonzero(labels == label)], vectors[labels == label])
              for label in sorted(set(labels.tolist()))]
    groups.sort(key=lambda g: (-g.count, g.question.casefold()))
    return Grouping(groups, total, sum(s.count for s in dropped))
