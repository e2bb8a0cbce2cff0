"""The rights actions only offer: a confirmation with the gateway's own
erase payload, a reply for "No, keep it", and a link to this conversation's
copy. None of them deletes anything."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.services
from bot.gateway.outbound import to_messages
from bot.replies import CONFIRM_ERASE, DOWNLOAD_TITLE, ERASE_CONVERSATION, KEEP_CONVERSATION, KEEP_IT

SESSION_ID = "0123456789abcdef0123456789abcdef"


@pytest.fixture(scope="module", autouse=True)
def real_services(index_dir):
    mp = pytest.MonkeyPatch()
    mp.setenv("COUNCILBOT_INDEX_DIR", str(index_dir))
    actions.services.services.cache_clear()
    yield
    actions.services.services.cache_clear()
    mp.undo()


def run(action, intent: str, sender_id: str = SESSION_ID) -> tuple[list[dict], list]:
    tracker = Tracker(
        sender_id=sender_id, slots={}, latest_message={
            "text": "x", "intent": {"name": intent, "confidence": 1.0}, "entities": []},
        events=[], paused=False, followup_action=None, active_loop={},
        latest_action_name="action_listen")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def as_rest(messages: list[dict]) -> list[dict]:
    """What Rasa's REST channel hands the gateway for these messages."""
    return [{"recipient_id": SESSION_ID, "custom": m["custom"]} if m.get("custom") else m
            for m in messages]


def test_asking_to_delete_explains_and_offers_a_confirmation():
    from actions.rights import ActionOfferErasure

    messages, events = run(ActionOfferErasure(), "delete_conversation")
    assert events == []
    (message,) = to_messages(as_rest(messages))
    text = message["text"]
    for words in ("removes everything stored", "can't be undone", "contact team", "download"):
        assert words in text
    assert message["buttons"] == [{"title": CONFIRM_ERASE, "payload": ERASE_CONVERSATION},
                                  {"title": KEEP_IT, "payload": KEEP_CONVERSATION}]


def test_keeping_the_conversation_says_nothing_was_deleted_and_when_it_will_be(council):
    from actions.rights import ActionKeepConversation

    messages, events = run(ActionKeepConversation(), "keep_conversation")
    assert events == []
    text = messages[0]["text"]
    assert "haven't deleted anything" in text
    assert f"{council.transcript_retention_days} days" in text


def test_downloading_links_to_this_conversations_own_copy():
    from actions.rights import ActionOfferTranscript

    messages, events = run(ActionOfferTranscript(), "download_conversation")
    assert events == []
    (message,) = to_messages(as_rest(messages))
    assert message["download"] == {"title": DOWNLOAD_TITLE,
                                   "url": f"/api/sessions/{SESSION_ID}/transcript"}
    assert "text file" in message["text"] and "<EMAIL>" in message["text"]
    assert "buttons" not in message
