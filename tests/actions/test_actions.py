"""The custom actions, run with rasa-sdk's own tracker and dispatcher and the
real services."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.services


@pytest.fixture(scope="module", autouse=True)
def real_services(index_dir, monkeypatch_module):
    monkeypatch_module.setenv("COUNCILBOT_INDEX_DIR", str(index_dir))
    actions.services.services.cache_clear()
    yield
    actions.services.services.cache_clear()


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def tracker(text: str = "", intent: str = "ask_service", entities=None, events=None) -> Tracker:
    return Tracker(
        sender_id="test", slots={}, latest_message={
            "text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities or []},
        events=events or [], paused=False, followup_action=None, active_loop={},
        latest_action_name="action_listen",
    )


def run(action, t: Tracker) -> tuple[list[dict], list]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, t, {}))
    return dispatcher.messages, events


def test_knowledge_action_answers_with_a_sourced_json_message():
    from actions.knowledge import ActionAnswerFromKnowledge

    messages, events = run(ActionAnswerFromKnowledge(), tracker("my bin wasn't emptied yesterday"))
    assert events == []
    (message,) = messages
    body = message["custom"]
    assert body["sources"][0]["url"].endswith("/bins/missed-collection")
    assert body["text"]


def test_knowledge_action_answers_a_chosen_topic():
    from actions.knowledge import ActionAnswerFromKnowledge

    messages, _ = run(ActionAnswerFromKnowledge(), tracker(
        '/ask_service{"topic_id":"libraries"}',
        entities=[{"entity": "topic_id", "value": "libraries"}]))
    assert messages[0]["custom"]["sources"][0]["title"] == "Libraries"


def test_disclosure_and_contact_actions_use_the_council_config(council):
    from actions.conversation import ActionDisclose
    from actions.handoff import ActionContactRoute
    from actions.privacy import ActionExplainDataUse

    for action, expected in [(ActionDisclose(), "not a person"),
                             (ActionContactRoute(), council.phone),
                             (ActionExplainDataUse(), council.data_protection_email)]:
        messages, _ = run(action, tracker("x", intent="greet"))
        assert expected in messages[0]["text"]


def test_a_new_session_is_not_disclosed_twice_but_a_resumed_one_is():
    from actions.conversation import ActionSessionStart

    messages, events = run(ActionSessionStart(), tracker(events=[]))
    assert messages == []
    assert [e["event"] for e in events] == ["session_started", "action"]
    resumed = tracker(events=[{"event": "user", "text": "hi"}])
    messages, _ = run(ActionSessionStart(), resumed)
    assert "not a person" in messages[0]["text"]


def test_the_abstract_base_is_not_registered_as_an_action():
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    assert set(executor.actions) == {
        "action_session_start", "action_disclose", "action_explain_data_use",
        "action_contact_route", "action_answer_from_knowledge"}
