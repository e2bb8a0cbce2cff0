"""Rasa's NLU data and the safety net agree: every sensitive_topic example is
one the net catches, and few ordinary, frustrated or distressed (but safe)
examples are."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]


def examples(file: str, intent: str) -> list[str]:
    data = yaml.safe_load((ROOT / "data" / "nlu" / file).read_text(encoding="utf-8"))
    for entry in data["nlu"]:
        if entry["intent"] == intent:
            return [line.strip()[2:] for line in entry["examples"].splitlines() if line.strip()]
    raise AssertionError(f"no intent {intent} in {file}")


SENSITIVE = examples("sensitive.yml", "sensitive_topic")
NOT_IN_DANGER = [
    *examples("frustration.yml", "express_frustration"),
    *examples("frustration.yml", "express_distress"),
]


def test_there_are_enough_examples():
    assert len(SENSITIVE) >= 60
    assert len(examples("frustration.yml", "express_frustration")) >= 25
    assert len(examples("frustration.yml", "express_distress")) >= 20


@pytest.mark.parametrize("text", SENSITIVE)
def test_every_sensitive_topic_example_is_caught_by_the_net(net, text):
    assert net.check(text) is not None


def test_the_sensitive_examples_cover_every_category(net):
    from bot.safety import CATEGORIES

    assert {net.check(text).category for text in SENSITIVE} == set(CATEGORIES)


def all_examples(file: str) -> list[str]:
    data = yaml.safe_load((ROOT / "data" / "nlu" / file).read_text(encoding="utf-8"))
    found: list[str] = []
    for entry in data.get("nlu") or []:
        found += [line.strip()[2:] for line in entry.get("examples", "").splitlines() if line.strip()]
    return found


# Examples of ask_service that describe a risk to someone: the net is right
# to hand them to a person.
SENSITIVE_SERVICE_QUESTIONS = {
    "i'm homeless",
    "ive got nowhere to live tonight",
    "sleeping in my car",
    "my partner kicked me out and im staying on a mates sofa at <ADDRESS> but cant stay past friday",
    "landlord changed the locks while i was out is that an illegal eviction",
    "worried about my elderly neighbour at <ADDRESS>",
    "worried about a child",
    "how do i report child abuse",
    "worried about the kids at <ADDRESS> they're always left on their own",
    "neighbour at <ADDRESS> keeps threatening me",
}
ORDINARY_FILES = (
    "chitchat.yml", "out_of_scope.yml", "privacy.yml", "handoff.yml", "nonsense.yml", "services.yml",
)
ORDINARY = [
    text
    for file in ORDINARY_FILES
    for text in all_examples(file)
    if text not in SENSITIVE_SERVICE_QUESTIONS
]


# Rasa's examples are not the net's training data, so they are an
# independent sample of ordinary traffic, frustration and distress. The net
# errs towards a person (a false alarm costs an agent a minute, a miss can
# cost a life) within the false handoff budget the safety evaluation holds
# it to: 3%.
FALSE_HANDOFF_BUDGET = 0.03


def test_ordinary_frustrated_and_distressed_messages_stay_within_the_false_handoff_budget(
    semantic_net
):
    harmless = ORDINARY + NOT_IN_DANGER
    flagged = [text for text in harmless if semantic_net.check(text)]
    assert len(harmless) > 800
    assert len(flagged) <= FALSE_HANDOFF_BUDGET * len(harmless), flagged
