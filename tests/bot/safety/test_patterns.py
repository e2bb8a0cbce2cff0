"""The pattern gate is an optimisation only: it must skip a pattern only when
the pattern could not have matched."""

from __future__ import annotations

import bisect
import re

import pytest

from bot.safety.patterns import PatternMatcher, first_words, word_beginnings
from tests.bot.safety.cases import NEGATIVES, POSITIVES


def brute_force(matcher: PatternMatcher, sentences: list[str]) -> dict[str, float]:
    """What the matcher must answer: every pattern tried on every sentence."""
    found: dict[str, float] = {}
    for sentence in sentences:
        here: dict[str, float] = {}
        vetoed: set[str] = set()
        for gated in matcher._gated:
            category, pattern = gated.category, gated.pattern
            if category.id in vetoed or not pattern.regex.search(sentence):
                continue
            if any(u.search(sentence) for u in pattern.unless):
                continue
            if any(x.search(sentence) for x in category.exclude):
                vetoed.add(category.id)
                here.pop(category.id, None)
                continue
            here[category.id] = max(here.get(category.id, 0.0), pattern.score)
        for category_id, score in here.items():
            found[category_id] = max(score, found.get(category_id, 0.0))
    return found


def test_the_gate_never_changes_a_result(net):
    matcher = net._patterns
    texts = [t for ts in POSITIVES.values() for t in ts] + NEGATIVES
    for text in texts:
        sentences = list(net._prepare(text).sentences)
        assert matcher.scores(sentences) == brute_force(matcher, sentences), text


def test_a_gated_pattern_only_matches_sentences_its_gate_lets_through(net):
    texts = [t for ts in POSITIVES.values() for t in ts] + NEGATIVES
    sentences = [s for text in texts for s in net._prepare(text).sentences]
    blob = "\n".join(sentences)
    starts = [0]
    for sentence in sentences:
        starts.append(starts[-1] + len(sentence) + 1)
    beginnings = [word_beginnings(s.split()) for s in sentences]
    for gated in net._patterns._gated:
        if gated.gate is None:
            continue
        # One pass over all sentences at once; "$" means the end of a sentence.
        for match in re.compile(gated.pattern.regex.pattern, re.MULTILINE).finditer(blob):
            index = bisect.bisect_right(starts, match.start()) - 1
            assert not gated.gate.isdisjoint(beginnings[index]), (gated.pattern.source, sentences[index])


def test_almost_every_pattern_has_a_gate(net):
    assert net._patterns.ungated <= 5


def whole(source: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9])(?:{source})(?![a-z0-9])")


@pytest.mark.parametrize(
    "source, gate",
    [
        ("kill myself", {"kill"}),
        ("my (?:partner|husband) (?:[a-z0-9]+ ){0,3}hits me", {"hits"}),
        ("(?:he|she) is (?:going to|gonna) stab", {"stab"}),
        ("suicid(?:e|al)", {"suicid"}),
        ("(?:tonight|tomorrow) i", {"tonigh", "tomorr"}),
        ("(?:tonight|this night) i", {"i"}),  # both are common words; "this" costs more than "i" alone
        ("[0-9]+ year old", {"year"}),
        ("[0-9]+ (?:am|pm)", set("0123456789")),
        ("(?:an )?(?:overdose|od)", {"overdo", "od"}),
        ("(?:[a-z0-9]+ ){0,2}help", {"help"}),
        ("[a-z]+ help", {"help"}),
        ("[a-z]+", None),
        ("(?:i|we) (?:am|are)", {"i", "we"}),
    ],
)
def test_the_gate_is_the_rarest_word_a_pattern_needs(source, gate):
    found = first_words(whole(source))
    assert (set(found) if found is not None else None) == gate
