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
    assert events == [{"event": "slot", "timestamp": None, "name": "failed_turns", "value": 0.0}]
    (message,) = messages
    body = message["custom"]
    assert body["sources"][0]["url"].endswith("/bins/missed-collection")
    assert body["text"]


@pytest.mark.parametrize("failed", [0.0, 1.0])
def test_a_not_sure_reply_is_marked_for_the_gateway(failed):
    from actions.knowledge import ActionAnswerFromKnowledge

    messages, _ = run(ActionAnswerFromKnowledge(), slot_tracker(
        "what is the airspeed velocity of an unladen swallow", "ask_service", failed))
    answer = messages[0]["custom"]["answer"]
    assert answer["confident"] is False and answer["declined"] == "not_sure"
    assert answer["guess"]


@pytest.mark.parametrize("failed", [0.0, 1.0])
def test_a_signpost_is_marked_for_the_gateway_with_where_it_sent_them(failed):
    from actions.knowledge import ActionAnswerFromKnowledge

    messages, _ = run(ActionAnswerFromKnowledge(), slot_tracker(
        "how do i renew my passport before we go on holiday", "ask_service", failed))
    assert messages[0]["custom"]["answer"] == {"confident": False, "declined": "elsewhere",
                                               "guess": "passports"}


def test_knowledge_action_answers_a_chosen_topic():
    from actions.knowledge import ActionAnswerFromKnowledge

    messages, _ = run(ActionAnswerFromKnowledge(), tracker(
        '/ask_service{"topic_id":"libraries"}',
        entities=[{"entity": "topic_id", "value": "libraries"}]))
    assert messages[0]["custom"]["sources"][0]["title"] == "Libraries"
    answer = messages[0]["custom"]["answer"]
    assert answer["confident"] is True and answer["topic"] == "libraries"
    assert answer["section"].startswith("libraries#")


def test_disclosure_and_data_use_actions_use_the_council_config(council):
    from actions.conversation import ActionDisclose
    from actions.privacy import ActionExplainDataUse

    for action, expected in [(ActionDisclose(), "not a person"),
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
        "action_session_start", "action_disclose", "action_greet", "action_explain_data_use",
        "action_request_human", "action_sensitive_handoff", "action_offer_person", "action_fallback",
        "action_out_of_scope", "action_answer_from_knowledge", "action_offer_erasure",
        "action_keep_conversation", "action_offer_transcript"}


def slot_tracker(text: str, intent: str, failed: float, entities=None) -> Tracker:
    t = tracker(text, intent=intent, entities=entities)
    t.slots["failed_turns"] = failed
    return t


@pytest.mark.parametrize("entities, reason", [
    ([], "request"),
    ([{"entity": "reason", "value": "failed_turns"}], "failed_turns"),
    ([{"entity": "reason", "value": "made up"}], "request"),
])
def test_asking_for_a_person_signals_the_gateway(entities, reason):
    from actions.handoff import ActionRequestHuman

    messages, events = run(ActionRequestHuman(), slot_tracker("talk to a person", "request_human", 1,
                                                               entities))
    assert messages[0]["custom"] == {"handoff": {"reason": reason}}
    assert events == [{"event": "slot", "timestamp": None, "name": "failed_turns", "value": 0.0}]


def test_a_sure_sensitive_intent_signals_an_urgent_handoff():
    from actions.handoff import ActionSensitiveHandoff

    messages, _ = run(ActionSensitiveHandoff(), tracker("x", intent="sensitive_topic"))
    assert messages[0]["custom"] == {"handoff": {"reason": "sensitive"}}


def test_an_unsure_sensitive_intent_offers_a_person_and_999():
    from actions.handoff import ActionSensitiveHandoff

    unsure = tracker("x", intent="sensitive_topic")
    unsure.latest_message["intent"]["confidence"] = 0.7
    messages, _ = run(ActionSensitiveHandoff(), unsure)
    assert "handoff" not in messages[0]["custom"]
    assert "999" in messages[0]["custom"]["text"] and _offers_person(messages[0])


def _offers_person(message) -> bool:
    return any(b["payload"] == '/request_human{"reason":"failed_turns"}'
               for b in message["custom"].get("buttons", []))


@pytest.mark.parametrize("failed_before, offered", [(0, False), (1, True)])
def test_the_second_failed_turn_in_a_row_offers_a_person(failed_before, offered):
    from actions.handoff import ActionFallback

    messages, events = run(ActionFallback(), slot_tracker("asdf qwer", "nlu_fallback", failed_before))
    assert _offers_person(messages[0]) is offered
    assert events[0]["value"] == (0.0 if offered else 1.0)


@pytest.mark.parametrize("question, failed_before, offered, failed_after", [
    ("what is the airspeed velocity of an unladen swallow", 1, True, 0.0),
    ("what is the airspeed velocity of an unladen swallow", 0, False, 1.0),
    ("how do I pay my council tax", 1, False, 0.0),
])
def test_a_weak_answer_counts_as_a_failed_turn(question, failed_before, offered, failed_after):
    from actions.knowledge import ActionAnswerFromKnowledge

    messages, events = run(ActionAnswerFromKnowledge(), slot_tracker(question, "ask_service", failed_before))
    assert _offers_person(messages[0]) is offered
    assert events[0]["value"] == failed_after


@pytest.mark.parametrize("intent, opening", [("express_frustration", "haven't been able to help"),
                                             ("express_distress", "worrying you")])
def test_frustration_and_distress_are_offered_a_person(intent, opening):
    from actions.handoff import ActionOfferPerson

    messages, _ = run(ActionOfferPerson(), tracker("x", intent=intent))
    assert opening in messages[0]["custom"]["text"]
    assert _offers_person(messages[0])


# -- when Rasa reads a message as something else, the pages answer if sure

STREET_LIGHT = "the street light outside number 4 has been flickering on and off all week"


def _source(message) -> str | None:
    sources = message["custom"].get("sources") if "custom" in message else None
    return sources[0]["url"] if sources else None


@pytest.mark.parametrize(("text", "expected"), [
    # A problem reported as a statement: answered from its page.
    (STREET_LIGHT, "answer"),
    # Someone else's service: signposted.
    ("i need to renew my passport", "signpost"),
    # Nothing the pages or the directory know: declined politely.
    ("tell me a joke about penguins", "declined"),
    ("fdsfsdf", "declined"),
])
def test_out_of_scope_is_answered_when_the_pages_are_sure(text, expected):
    from actions.knowledge import ActionOutOfScope

    messages, events = run(ActionOutOfScope(), tracker(text, intent="out_of_scope"))
    (message,) = messages
    if expected == "answer":
        assert _source(message).endswith("/report-a-street-light")
        assert message["custom"]["answer"]["confident"] is True
        assert events == [{"event": "slot", "timestamp": None, "name": "failed_turns", "value": 0.0}]
    elif expected == "signpost":
        assert message["custom"]["answer"]["declined"] == "elsewhere"
        assert "passport" in message["custom"]["text"].lower()
    else:
        assert message["response"] == "utter_out_of_scope" and events == []


@pytest.mark.parametrize(("intent", "answered"), [("nlu_fallback", True), ("nonsense", False)])
def test_a_message_rasa_could_not_read_is_answered_when_the_pages_are_sure(intent, answered):
    from actions.handoff import ActionFallback

    messages, events = run(ActionFallback(), slot_tracker(STREET_LIGHT, intent, 0))
    assert (_source(messages[0]) is not None) is answered
    assert events[0]["value"] == (0.0 if answered else 1.0)


@pytest.mark.parametrize(("text", "intent", "answered"), [
    (STREET_LIGHT, "express_frustration", True),
    ("that didn't help me at all", "express_frustration", False),
])
def test_a_problem_read_as_frustration_gets_the_answer_and_the_offer(text, intent, answered):
    from actions.handoff import ActionOfferPerson

    messages, _ = run(ActionOfferPerson(), tracker(text, intent=intent))
    (message,) = messages
    assert (_source(message) is not None) is answered
    assert _offers_person(message)


@pytest.mark.parametrize(("text", "answered"), [
    (STREET_LIGHT, True),
    ("i'm so worried i can't sleep", False),
])
def test_distress_is_offered_a_person_first_and_then_the_answer(text, answered):
    from actions.handoff import ActionOfferPerson

    messages, _ = run(ActionOfferPerson(), tracker(text, intent="express_distress"))
    assert "worrying you" in messages[0]["custom"]["text"] and _offers_person(messages[0])
    assert _source(messages[0]) is None
    assert len(messages) == (2 if answered else 1)
    if answered:
        assert _source(messages[1]).endswith("/report-a-street-light")


@pytest.mark.parametrize(("text", "answered"), [
    ("hello", False),
    ("good morning", False),
    ("hiya, good morning to you all", False),
    (STREET_LIGHT, True),
    ("hi I'm <NAME> from <ADDRESS>, where are the nearest public toilets", "declined"),
])
def test_a_greeting_is_greeted_and_a_question_read_as_one_answered(text, answered):
    from actions.conversation import ActionGreet

    messages, _ = run(ActionGreet(), tracker(text, intent="greet"))
    (message,) = messages
    if answered == "declined":
        assert message["custom"]["answer"]["confident"] is False
    elif answered:
        assert _source(message).endswith("/report-a-street-light")
    else:
        assert message["response"] == "utter_greet"


@pytest.mark.parametrize(("text", "answered"), [
    ("talk to a person", False),
    ("can I speak to someone", False),
    (STREET_LIGHT, True),
])
def test_a_request_for_a_person_always_signals_and_a_sure_question_is_answered_too(text, answered):
    from actions.handoff import ActionRequestHuman

    messages, _ = run(ActionRequestHuman(), tracker(text, intent="request_human"))
    assert messages[-1]["custom"] == {"handoff": {"reason": "request"}}
    assert len(messages) == (2 if answered else 1)
    if answered:
        assert _source(messages[0]).endswith("/report-a-street-light")


@pytest.mark.parametrize(("text", "confidence", "answered", "signal"), [
    (STREET_LIGHT, 1.0, True, True),
    (STREET_LIGHT, 0.7, True, False),
    ("something bad is happening", 0.7, False, False),
])
def test_a_sensitive_intent_gets_a_sure_answer_before_the_handoff_or_the_offer(
        text, confidence, answered, signal):
    from actions.handoff import ActionSensitiveHandoff

    t = tracker(text, intent="sensitive_topic")
    t.latest_message["intent"]["confidence"] = confidence
    messages, _ = run(ActionSensitiveHandoff(), t)
    assert (_source(messages[0]) is not None) is answered
    last = messages[-1]["custom"]
    if signal:
        assert last == {"handoff": {"reason": "sensitive"}}
    else:
        assert "999" in last["text"] and _offers_person(messages[-1])
