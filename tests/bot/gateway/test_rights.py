"""The resident's rights in the chat, in the router. Deleting is the
gateway's own work: the confirm button's payload is intercepted, never sent
to Rasa, and erases through the same records as `DELETE /api/sessions/{id}`.
Typed text never erases. Real databases (the gateway's and a tracker store
with Rasa's `events` table), log, queue and records; Rasa's REST API
answered over httpx's transport as the rights actions would answer."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import sqlite3
from pathlib import Path

import httpx
import pytest

from bot.agents import accounts
from bot.conversations import ConversationLog
from bot.council import load_council
from bot.gateway.conversation import Conversations, Gated, InvalidPayload
from bot.gateway.hub import Hub, session_topic
from bot.gateway.rasa_client import RasaClient
from bot.handoff.service import HandoffService
from bot.records import Records, TrackerStore
from bot.replies import (
    CONFIRM_ERASE,
    ERASE_CONVERSATION,
    KEEP_CONVERSATION,
    REQUEST_HUMAN,
    erased,
    erasure_buttons,
    kept,
    offer_erasure,
    offer_transcript,
    still_with_a_person,
    transcript_link,
)
from tests.support.records import make_tracker, tracker_rows

ROOT = Path(__file__).resolve().parents[3]


class FakeRasa:
    """Answers as the rasa-sdk actions do, keeps Rasa's events in the tracker
    file, and remembers every message it was sent."""

    def __init__(self, tracker_path: Path, council) -> None:
        self.tracker_path = tracker_path
        self.council = council
        self.heard: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path != "/webhooks/rest/webhook":
            return httpx.Response(200, json={})
        body = json.loads(request.content)
        sender, text = body["sender"], body["message"]
        self.heard.append(text)
        with sqlite3.connect(self.tracker_path) as db:
            db.execute("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (?, 'user', 0, ?)",
                       (sender, json.dumps({"event": "user", "text": text})))
        if "delete" in text:
            custom = {"text": offer_erasure(), "buttons": erasure_buttons()}
        elif "download" in text:
            custom = {"text": offer_transcript(), "download": transcript_link(sender)}
        elif text == KEEP_CONVERSATION:
            custom = {"text": kept(self.council)}
        else:
            custom = {"text": "Sorry, I didn't understand that."}
        return httpx.Response(200, json=[{"recipient_id": sender, "custom": custom}])


@pytest.fixture()
def tracker_path(tmp_path) -> Path:
    return make_tracker(tmp_path / "tracker.db")


@pytest.fixture()
def council():
    return load_council(ROOT / "config" / "council.yml")


@pytest.fixture()
def rasa(tracker_path, council):
    return FakeRasa(tracker_path, council)


@pytest.fixture()
def router(engine, clock, council, rasa, tracker_path):
    handoffs = HandoffService(engine, council.contact_centre, clock,
                              abandon_after=dt.timedelta(minutes=10), reply_within=dt.timedelta(minutes=3))

    async def let_through(text: str, session_id: str = "") -> Gated:
        return Gated(text)

    async def second_opinion(text: str) -> tuple[str, bool]:
        return "", False

    tracker = TrackerStore(f"sqlite:///{tracker_path}")
    router = Conversations(
        council=council, log=ConversationLog(engine, clock), handoffs=handoffs,
        rasa=RasaClient("http://rasa.invalid", 5, token="t", transport=httpx.MockTransport(rasa)),
        hub=Hub(), gate=let_through, second_opinion=second_opinion, redact=let_through,
        records=Records(engine, tracker, council, clock))
    yield router
    tracker.dispose()


def opened(router: Conversations) -> str:
    async def go():
        session_id, _ = await router.open_session()
        return session_id
    return asyncio.run(go())


def say(router: Conversations, session_id: str, *, text: str | None = None, payload: str | None = None):
    return asyncio.run(router.resident_turn(session_id, text=text, payload=payload))


def test_the_confirm_button_erases_everything_and_the_goodbye_is_not_stored(router, rasa, tracker_path):
    session_id = opened(router)
    offer = say(router, session_id, text="delete my conversation").messages[-1]
    assert offer["text"] == offer_erasure()
    assert [b["payload"] for b in offer["buttons"]] == [ERASE_CONVERSATION, KEEP_CONVERSATION]
    assert tracker_rows(tracker_path, session_id) > 0

    async def press_with_the_widget_listening():
        async with router.hub.subscribe(session_topic(session_id)) as events:
            turn = await router.resident_turn(session_id, payload=ERASE_CONVERSATION)
            return turn, [events.get_nowait() for _ in range(events.qsize())]

    turn, frames = asyncio.run(press_with_the_widget_listening())
    assert turn.erased and turn.handoff is None
    assert turn.messages == [{"from": "system", "text": erased(), "kind": "erased"}]
    assert frames == [{"type": "erased"}]
    assert not router.log.exists(session_id) and router.log.since(session_id) == []
    assert tracker_rows(tracker_path, session_id) == 0
    assert ERASE_CONVERSATION not in rasa.heard


@pytest.mark.parametrize("typed", [
    ERASE_CONVERSATION,
    "  /erase_conversation",
    "//erase_conversation",
    "/erase_conversation{\"confirm\": true}",
    CONFIRM_ERASE,
])
def test_typed_text_never_erases(router, rasa, tracker_path, typed):
    session_id = opened(router)
    say(router, session_id, text="delete my conversation")
    turn = say(router, session_id, text=typed)
    assert not turn.erased
    assert router.log.exists(session_id) and tracker_rows(tracker_path, session_id) > 0
    assert not any(heard.startswith("/erase") for heard in rasa.heard)
    assert router.log.since(session_id)[-2].text == rasa.heard[-1]


def test_the_confirm_button_works_only_once_offered(router):
    session_id = opened(router)
    with pytest.raises(InvalidPayload):
        say(router, session_id, payload=ERASE_CONVERSATION)
    assert router.log.exists(session_id)


@pytest.mark.parametrize("claimed", [False, True])
def test_while_a_person_has_the_conversation_it_stays_and_the_agent_sees_why(router, rasa, engine,
                                                                            clock, claimed):
    session_id = opened(router)
    say(router, session_id, text="delete my conversation")
    say(router, session_id, payload=REQUEST_HUMAN)
    status = "waiting"
    if claimed:
        sam = accounts.add(engine, "sam", "Sam", "agent", "a long agent password", clock())
        router.handoffs.claim(router.handoffs.open_for(session_id).id, sam)
        status = "active"

    heard = len(rasa.heard)
    turn = say(router, session_id, payload=ERASE_CONVERSATION)
    assert not turn.erased and turn.handoff["status"] == status
    assert [m["text"] for m in turn.messages] == [CONFIRM_ERASE, still_with_a_person(status)]
    assert router.log.exists(session_id)
    stored = router.log.since(session_id)[-2:]
    assert [(m.sender, m.text) for m in stored] == [("resident", CONFIRM_ERASE),
                                                   ("system", still_with_a_person(status))]
    assert len(rasa.heard) == heard


def test_no_keep_it_goes_to_rasa_as_an_ordinary_choice(router, rasa, council):
    session_id = opened(router)
    say(router, session_id, text="delete my conversation")
    turn = say(router, session_id, payload=KEEP_CONVERSATION)
    assert not turn.erased and rasa.heard[-1] == KEEP_CONVERSATION
    assert turn.messages[-1]["text"] == kept(council)
    assert router.log.exists(session_id)


def test_the_download_link_is_stored_and_replayed_with_its_message(router):
    session_id = opened(router)
    reply = say(router, session_id, text="download my conversation").messages[-1]
    link = {"title": "Download this conversation (text file)",
            "url": f"/api/sessions/{session_id}/transcript"}
    assert reply["download"] == link
    assert router.log.since(session_id)[-1].as_api()["download"] == link
