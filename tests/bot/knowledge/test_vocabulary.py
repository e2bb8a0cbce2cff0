"""How much of a question a topic's page speaks to."""

from __future__ import annotations

import pytest

from bot.knowledge.vocabulary import telling_words


@pytest.fixture(scope="module")
def vocabulary(knowledge_index):
    return knowledge_index._words


@pytest.mark.parametrize(("question", "topic", "low", "high"), [
    ("report a missed bin collection", "missed-bin", 1.0, 1.0),
    ("how do I", "missed-bin", 1.0, 1.0),  # nothing telling: no evidence either way
    ("renew my passport before a holiday in spain", "register-a-birth", 0.0, 0.4),
    ("allotment waiting list", "garden-waste", 0.0, 0.4),
])
def test_coverage(vocabulary, question, topic, low, high):
    assert low <= vocabulary.coverage(question, topic) <= high


def test_rare_words_weigh_more_than_common_ones():
    weights = dict(telling_words("allotment help"))
    assert weights["allotment"] > weights.get("help", 0.0)
    assert "how" not in dict(telling_words("how do i"))


def test_topics_and_directory_entries_are_indexed_apart(vocabulary):
    assert "missed-bin" in vocabulary.page_of and "missed-bin" not in vocabulary.entry_of
    assert "elsewhere:passports" in vocabulary.entry_of
    assert vocabulary.entries.scores("renew passport").argmax() == vocabulary.entry_of["elsewhere:passports"]
