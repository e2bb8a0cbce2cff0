"""The held-out NLU set (tests/eval/nlu/test.yml) only measures anything while
it stays apart from the training data and speaks the domain's intents.

Two messages count as the same when they are equal after lowercasing,
writing every privacy placeholder as its kind alone (`<NAME:3fa91c>` and
`<NAME>` are both NAME), dropping apostrophes (`what's` is `whats`) and
collapsing every other run of punctuation and whitespace to one space.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
TEST_SET = ROOT / "tests" / "eval" / "nlu" / "test.yml"
TRAINING = sorted((ROOT / "data" / "nlu").glob("*.yml"))
DOMAIN = ROOT / "domain.yml"
MIN_MESSAGES = 150
MIN_PER_INTENT = 6

_PLACEHOLDER = re.compile(r"<([A-Z_]+)(?::[^>\s]*)?>")
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def normalised(text: str) -> str:
    text = _PLACEHOLDER.sub(r" \1 ", text)
    text = _ANNOTATION.sub(r"\1", text).lower()
    text = re.sub(r"['’`]", "", text)
    return re.sub(r"[\W_]+", " ", text).strip()


def examples(path: Path) -> list[tuple[str, str]]:
    """(intent, text) for every example of every intent block in a Rasa NLU file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found = []
    for block in data.get("nlu") or []:
        if "intent" not in block:
            continue
        for line in str(block.get("examples") or "").splitlines():
            line = line.strip()
            if line.startswith("- "):
                found.append((block["intent"], _ANNOTATION.sub(r"\1", line[2:].strip())))
    return found


def domain_intents() -> set[str]:
    data = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))
    return {next(iter(i)) if isinstance(i, dict) else i for i in data["intents"]}


@pytest.fixture(scope="module")
def test_set() -> list[tuple[str, str]]:
    return examples(TEST_SET)


@pytest.fixture(scope="module")
def training() -> list[tuple[str, str]]:
    return [pair for path in TRAINING for pair in examples(path)]


@pytest.mark.parametrize(
    "a, b",
    [
        ("What's the bin day?", "whats   the bin day"),
        ("hi im <NAME:3fa91c>", "hi im <NAME>"),
        ("pay  council-tax!!", "pay council tax"),
    ],
)
def test_the_same_message_in_other_dress_is_the_same(a, b):
    assert normalised(a) == normalised(b)


def test_the_set_is_big_enough(test_set):
    assert len(test_set) >= MIN_MESSAGES, f"{len(test_set)} messages; at least {MIN_MESSAGES} needed"


def test_no_test_message_is_a_training_example(test_set, training):
    seen = {normalised(text): (intent, text) for intent, text in training}
    copies = [f"{text!r} (training: {seen[normalised(text)][1]!r})"
              for _, text in test_set if normalised(text) in seen]
    assert not copies, "test messages that are training examples:\n" + "\n".join(copies)


def test_no_message_is_in_the_test_set_twice(test_set):
    counts = Counter(normalised(text) for _, text in test_set)
    assert [t for t, n in counts.items() if n > 1] == []


def test_every_intent_is_in_the_domain(test_set):
    unknown = {intent for intent, _ in test_set} - domain_intents()
    assert not unknown, f"intents not in domain.yml: {sorted(unknown)}"


def test_every_trained_intent_is_tested_enough(test_set, training):
    counts = Counter(intent for intent, _ in test_set)
    trained = {intent for intent, _ in training} & domain_intents()
    short = {i: counts[i] for i in sorted(trained) if counts[i] < MIN_PER_INTENT}
    assert not short, f"intents with fewer than {MIN_PER_INTENT} test messages: {short}"
