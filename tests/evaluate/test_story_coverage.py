"""Every rule (data/rules/*.yml) and every training story (data/stories/*.yml,
if any) is exercised by at least one test story (tests/stories/*.yml), so
`rasa test --stories tests/stories` checks every path the assistant has.

How a rule is matched: its steps become a sequence of events, an intent
(`intent: ask_service`, or the set of intents of an `or:` step) or an action
(`action: action_answer_from_knowledge`); the rule's own conditions,
`conversation_start`, `wait_for_user_input`, slots and loops are not matched.
The sequence starts at the rule's first intent, so what is matched is the
intent and the actions that follow it. A test story's steps become events the
same way (its user text is ignored; only the intent it is labelled with
counts). The rule is exercised when its sequence appears in some test story
as a contiguous run: the intent, then exactly those actions, in that order,
with nothing between them. A training story is matched the same way, from its
first step.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
RULE_FILES = sorted((ROOT / "data" / "rules").glob("*.yml"))
STORY_FILES = sorted((ROOT / "data" / "stories").glob("*.yml"))
TEST_STORY_FILES = sorted((ROOT / "tests" / "stories").glob("*.yml"))

Event = tuple[str, frozenset[str]]


def events(steps: list[dict[str, Any]]) -> list[Event]:
    found: list[Event] = []
    for step in steps or []:
        if "intent" in step:
            found.append(("intent", frozenset([step["intent"]])))
        elif "or" in step:
            names = frozenset(s["intent"] for s in step["or"] if "intent" in s)
            if names:
                found.append(("intent", names))
        elif "action" in step:
            found.append(("action", frozenset([step["action"]])))
    return found


def from_first_intent(sequence: list[Event]) -> list[Event]:
    for i, (kind, _) in enumerate(sequence):
        if kind == "intent":
            return sequence[i:]
    return sequence


def exercised(wanted: list[Event], story: list[Event]) -> bool:
    """`wanted` appears in `story` as a contiguous run; an intent matches when
    the story's intent is one the rule allows."""
    if not wanted:
        return True
    for start in range(len(story) - len(wanted) + 1):
        if all(kind == story[start + i][0] and story[start + i][1] <= names
               for i, (kind, names) in enumerate(wanted)):
            return True
    return False


def load(files: list[Path], key: str, name: str) -> list[tuple[str, list[Event]]]:
    found = []
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in data.get(key) or []:
            found.append((f"{path.name}: {item[name]}", events(item.get("steps") or [])))
    return found


RULES = load(RULE_FILES, "rules", "rule")
STORIES = load(STORY_FILES, "stories", "story")
TEST_STORIES = [sequence for _, sequence in load(TEST_STORY_FILES, "stories", "story")]


def _e(kind: str, *names: str) -> Event:
    return kind, frozenset(names)


@pytest.mark.parametrize(
    "wanted, story, expected",
    [
        ([_e("intent", "a"), _e("action", "x")],
         [_e("intent", "b"), _e("action", "y"), _e("intent", "a"), _e("action", "x")], True),
        ([_e("intent", "a"), _e("action", "x"), _e("action", "z")],
         [_e("intent", "a"), _e("action", "x"), _e("intent", "c"), _e("action", "z")], False),
        ([_e("intent", "a"), _e("action", "x")], [_e("intent", "a"), _e("action", "y")], False),
        ([_e("intent", "a", "b"), _e("action", "x")], [_e("intent", "b"), _e("action", "x")], True),
        ([_e("intent", "a"), _e("action", "x")], [_e("action", "x"), _e("intent", "a")], False),
    ],
)
def test_the_matcher(wanted, story, expected):
    assert exercised(wanted, story) is expected


def test_there_are_rules_and_test_stories():
    assert RULES and TEST_STORIES


@pytest.mark.parametrize("name, sequence", RULES, ids=[name for name, _ in RULES])
def test_every_rule_is_exercised_by_a_test_story(name, sequence):
    wanted = from_first_intent(sequence)
    assert any(exercised(wanted, story) for story in TEST_STORIES), (
        f"no story in tests/stories/ exercises rule {name!r}: "
        + ", ".join(f"{kind} {'|'.join(sorted(names))}" for kind, names in wanted))


def test_every_training_story_is_exercised_by_a_test_story():
    missing = [name for name, sequence in STORIES
               if not any(exercised(sequence, story) for story in TEST_STORIES)]
    assert not missing, f"training stories no test story exercises: {missing}"
