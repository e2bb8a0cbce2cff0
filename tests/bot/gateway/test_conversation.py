"""The router's handling of Rasa's own sensitive_topic signal, for a message
the gateway's safety net let through: the net gives a second opinion, and
only two detectors that agree hand the resident over. Real database, log,
queue and safety net; Rasa's REST API answered over httpx's transport as
Rasa would when its NLU calls the message sensitive."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from sqlalchemy import select

from bot.db.tables import sessions
from bot.gateway.conversation import Conversations, Gated
from bot.replies import gentle_offer
from tests.bot.gateway.routers import make_router


def rasa_calls_everything_sensitive(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/webhooks/rest/webhook":
        sender = json.loads(request.content)["sender"]
        return httpx.Response(200, json=[{"recipient_id": sender,
                                          "custom": {"handoff": {"reason": "sensitive"}}}])
    return httpx.Response(200, json={})


@pytest.fixture()
def router(engine, clock, semantic_net):
    async def second_opinion(text: str) -> tuple[str, bool]:
        opinion = semantic_net.second_opinion(text)
        return opinion.category, opinion.agrees

    return make_router(engine, clock, rasa_calls_everything_sensitive, second_opinion=second_opinion)


def turn(router: Conversations, text: str):
    async def go():
        session_id = router.log.new_id()
        router.log.open(session_id)
        return session_id, await router.resident_turn(session_id, text=text)
    return asyncio.run(go())


def test_rasa_and_the_net_agreeing_hand_the_resident_over_as_urgent(router):
    session_id, result = turn(router, "my husband has been horrible to me and i am scared of him")
    assert result.handoff is not None
    row = router.handoffs.open_for(session_id)
    assert row.priority == "urgent" and row.category == "domestic_abuse"
    assert result.messages[0]["kind"] == "signposting"


def test_rasa_alone_only_offers_a_person_and_999(router):
    session_id, result = turn(router, "when is the brown bin collected on my road")
    assert result.handoff is None and router.handoffs.open_for(session_id) is None
    offer = result.messages[-1]
    assert offer["text"] == gentle_offer()
    assert [b["title"] for b in offer["buttons"]] == ["Talk to a person"]
    assert router.log.last(session_id).text == gentle_offer()
    # The button the resident is offered is one they may press.
    assert offer["buttons"][0]["payload"] in router.log.offered(session_id)


@pytest.mark.parametrize("special, flagged", [(True, True), (False, False)])
def test_special_category_data_flags_the_conversation_for_shorter_keeping(router, engine,
                                                                         special, flagged):
    async def gate(text: str, session_id: str) -> Gated:
        return Gated("my husband has <HEALTH_CONDITION>" if special else text,
                     None, special_category=special)

    router._gate = gate
    session_id, _ = turn(router, "my husband has dementia, when is the bin collected")
    with engine.connect() as conn:
        row = conn.execute(select(sessions.c.special_category)
                           .where(sessions.c.id == session_id)).one()
    assert bool(row.special_category) is flagged
