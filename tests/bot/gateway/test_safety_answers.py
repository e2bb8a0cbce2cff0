"""When the safety net hands a resident over, the help lines come first and
the queue message last; in between comes the pages' answer, but only one the
assistant is sure of. Real database, log and queue; the gateway's safety net
finding given by the gate; Rasa answered over httpx's transport."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from bot.gateway.conversation import Conversations, Gated
from tests.bot.gateway.routers import make_router

SURE = {"text": "Call the housing options team today.", "sources": [
    {"title": "Homelessness", "url": "https://example.gov.uk/homeless"}],
    "answer": {"confident": True, "topic": "homelessness"}}
UNSURE = {"text": "I'm not sure about that.", "answer": {"confident": False, "declined": "not_sure"}}
GREETING = {"text": "Hello! What can I help with?"}
ASKED_FOR_PERSON = {"text": "I'll find you a person.", "handoff": {"reason": "request"}}


def rasa_saying(*bodies: dict):
    asked: list[str] = []

    def rasa(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/webhooks/rest/webhook":
            body = json.loads(request.content)
            asked.append(body["message"])
            return httpx.Response(200, json=[{"recipient_id": body["sender"], "custom": b} for b in bodies])
        return httpx.Response(200, json={})
    return rasa, asked


def rasa_down(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused")


async def sensitive(text: str, session_id: str) -> Gated:
    return Gated(text, "homeless_tonight")


async def never(text: str) -> tuple[str, bool]:
    raise AssertionError("no second opinion is needed for the net's own finding")


def build(engine, clock, rasa) -> Conversations:
    router = make_router(engine, clock, rasa, second_opinion=never, gate=sensitive)
    router.handoffs.is_open = lambda: True
    return router


def say(router: Conversations, *texts: str):
    async def go():
        session_id = router.log.new_id()
        router.log.open(session_id)
        return session_id, [await router.resident_turn(session_id, text=t) for t in texts]
    return asyncio.run(go())


@pytest.mark.parametrize("bodies, answered", [
    ((SURE,), True),
    ((UNSURE,), False),
    ((GREETING,), False),
    ((ASKED_FOR_PERSON,), False),
    ((GREETING, SURE), True),
], ids=["sure", "unsure", "greeting", "rasa-asks-for-a-person", "greeting-then-sure"])
def test_help_lines_then_only_a_sure_answer_then_the_queue(engine, clock, bodies, answered):
    rasa, asked = rasa_saying(*bodies)
    router = build(engine, clock, rasa)
    session_id, (turn,) = say(router, "we are being evicted tonight and have nowhere to sleep")
    kinds = [m.get("kind") for m in turn.messages]
    assert kinds[0] == "signposting" and kinds[-1] == "queue"
    middle = turn.messages[1:-1]
    assert [m["text"] for m in middle] == ([SURE["text"]] if answered else [])
    if answered:
        assert middle[0]["sources"] == SURE["sources"] and middle[0]["from"] == "assistant"
    assert asked == ["we are being evicted tonight and have nowhere to sleep"]
    row = router.handoffs.open_for(session_id)
    assert turn.handoff is not None and row.priority == "urgent" and row.category == "homeless_tonight"
    # The transcript holds what the resident saw, in the same order.
    stored = [m.text for m in router.log.since(session_id)]
    assert stored[1:] == [m["text"] for m in turn.messages]


def test_with_rasa_down_the_resident_is_still_handed_over(engine, clock):
    router = build(engine, clock, rasa_down)
    session_id, (turn,) = say(router, "we are being evicted tonight and have nowhere to sleep")
    assert [m.get("kind") for m in turn.messages] == ["signposting", "queue"]
    assert router.handoffs.open_for(session_id).priority == "urgent"


def test_once_with_a_person_nothing_more_goes_to_rasa(engine, clock):
    rasa, asked = rasa_saying(SURE)
    router = build(engine, clock, rasa)
    session_id, (first, second) = say(router, "we have nowhere to sleep tonight",
                                      "and the children are with us")
    assert len(asked) == 1
    assert SURE["text"] not in [m["text"] for m in second.messages]
    assert router.handoffs.open_for(session_id).priority == "urgent"
