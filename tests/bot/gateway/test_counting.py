"""The router counts what the open performance figures need, as it happens:
questions sent to the assistant, confident answers, and handovers by their
three reasons. It also stores where an answer came from, so the resident can
rate it. Real database, log and queue; Rasa answered over httpx's transport."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from pathlib import Path

import httpx
import pytest

from bot.conversations import ConversationLog
from bot.council import load_council
from bot.gateway.conversation import Conversations, Gated
from bot.gateway.hub import Hub
from bot.gateway.rasa_client import RasaClient
from bot.handoff.service import HandoffService
from bot.performance import METRICS, MonthlyCounters
from bot.replies import offer_person_button

ROOT = Path(__file__).resolve().parents[3]
ANSWER = {"confident": True, "topic": "missed-bin", "section": "missed-bin#how-to-report"}
REPLIES = {
    "my bin was missed": {"text": "Report it online.", "answer": ANSWER, "buttons": [
        {"title": "Report a missed bin", "payload": '/ask_service{"topic_id":"missed-bin"}'}]},
    '/ask_service{"topic_id":"missed-bin"}': {"text": "Report it online.", "answer": ANSWER},
    "what is the meaning of life": {"text": "I'm not sure.", "answer": {"confident": False},
                                    "buttons": [offer_person_button()]},
    "hello": {"text": "Hello! What can I help with?"},
    "who do i pay": {"text": "Pay online.", "answer": {**ANSWER, "low": True}},
    "where are the public toilets": {"text": "I'm not sure.", "answer": {
        "confident": False, "declined": "not_sure", "guess": "fly-tipping"}},
    "how do i renew my passport": {"text": "I can't help with passports here.", "answer": {
        "confident": False, "declined": "elsewhere", "guess": "passports"}},
    "i need a person": {"handoff": {"reason": "request"}},
}


def rasa(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/webhooks/rest/webhook":
        body = json.loads(request.content)
        return httpx.Response(200, json=[{"recipient_id": body["sender"],
                                          "custom": REPLIES.get(body["message"], {"text": "Hi"})}])
    return httpx.Response(200, json={})


@pytest.fixture()
def router(engine, clock):
    council = load_council(ROOT / "config" / "council.yml")
    handoffs = HandoffService(engine, council.contact_centre, clock,
                              abandon_after=dt.timedelta(minutes=10), reply_within=dt.timedelta(minutes=3))
    handoffs.is_open = lambda: True

    async def let_through(text: str, session_id: str) -> Gated:
        return Gated(text, "domestic_abuse" if "scared of him" in text else None)

    async def second_opinion(text: str) -> tuple[str, bool]:
        return "domestic_abuse", True

    return Conversations(
        council=council, log=ConversationLog(engine, clock), handoffs=handoffs,
        rasa=RasaClient("http://rasa.invalid", 5, token="t", transport=httpx.MockTransport(rasa)),
        hub=Hub(), gate=let_through, second_opinion=second_opinion, redact=let_through,
        counters=MonthlyCounters(engine, clock))


def chat(router: Conversations, *turns: tuple[str, str]):
    async def go():
        session_id = router.log.new_id()
        router.log.open(session_id)
        results = []
        for kind, value in turns:
            results.append(await router.resident_turn(session_id, **{kind: value}))
        return session_id, results
    return asyncio.run(go())


def counted(router: Conversations) -> dict[str, int]:
    month = router.counters.month()
    return {k: v for k, v in router.counters.months([month])[month].items() if v}


@pytest.mark.parametrize("turns, expected", [
    ([("text", "my bin was missed")], {"questions": 1, "answered": 1}),
    ([("text", "what is the meaning of life")], {"questions": 1}),
    ([("text", "hello")], {"questions": 1}),
    ([("text", "my bin was missed"), ("payload", '/ask_service{"topic_id":"missed-bin"}')],
     {"questions": 2, "answered": 2}),
    ([("payload", "/request_human")], {"handoff_request": 1}),
    ([("text", "i need a person")], {"questions": 1, "handoff_request": 1}),
    ([("text", "what is the meaning of life"), ("payload", offer_person_button()["payload"])],
     {"questions": 1, "handoff_failed_turns": 1}),
    # The safety net hands over before the assistant sees the message.
    ([("text", "my partner hits me and i am scared of him")], {"handoff_sensitive": 1}),
    # Asking again while queued starts no second handover.
    ([("payload", "/request_human"), ("payload", "/request_human")], {"handoff_request": 1}),
])
def test_what_is_counted(router, turns, expected):
    chat(router, *turns)
    assert counted(router) == expected
    assert set(expected) <= set(METRICS)


def test_an_answer_keeps_its_source_and_asks_for_a_rating(router):
    session_id, (turn,) = chat(router, ("text", "my bin was missed"))
    (answer,) = turn.messages
    assert answer["feedback"] == {"state": "unrated"}
    assert "answer" not in answer  # the topic and section stay on the server
    assert router.log.last(session_id).extra["answer"] == ANSWER


@pytest.mark.parametrize("text", ["what is the meaning of life", "hello"])
def test_other_replies_ask_for_no_rating(router, text):
    _, (turn,) = chat(router, ("text", text))
    assert all("feedback" not in m for m in turn.messages)


def test_no_rating_is_asked_on_a_handover(router):
    _, (turn,) = chat(router, ("payload", "/request_human"))
    assert turn.messages and all("feedback" not in m for m in turn.messages)


@pytest.mark.parametrize("text, stored", [
    ("who do i pay", {**ANSWER, "low": True}),
    ("where are the public toilets", {"confident": False, "declined": "not_sure", "guess": "fly-tipping"}),
    ("how do i renew my passport", {"confident": False, "declined": "elsewhere", "guess": "passports"}),
])
def test_why_a_reply_was_weak_is_stored_for_the_editors_report(router, text, stored):
    session_id, (turn,) = chat(router, ("text", text))
    assert router.log.last(session_id).extra["answer"] == stored
    assert all("answer" not in m for m in turn.messages)
