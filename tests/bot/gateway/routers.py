"""A conversation router on a real database, log, queue and hub, with Rasa's
REST API answered by `rasa` over httpx's transport, for the router's tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx

from bot.conversations import ConversationLog
from bot.council import load_council
from bot.gateway.conversation import Conversations, Gated
from bot.gateway.hub import Hub
from bot.gateway.rasa_client import RasaClient
from bot.handoff.service import HandoffService
from bot.language.wording import InterpreterReplies

ROOT = Path(__file__).resolve().parents[3]

Gate = Callable[[str, str], Awaitable[Gated]]
Opinion = Callable[[str], Awaitable[tuple[str, bool]]]


async def let_through(text: str, session_id: str) -> Gated:
    return Gated(text)


def make_router(engine, clock, rasa: Callable[[httpx.Request], httpx.Response], *,
                second_opinion: Opinion, gate: Gate = let_through,
                interpreter: bool = False) -> Conversations:
    council = load_council(ROOT / "config" / "council.yml")
    handoffs = HandoffService(engine, council.contact_centre, clock,
                              abandon_after=dt.timedelta(minutes=10), reply_within=dt.timedelta(minutes=3))
    client = RasaClient("http://rasa.invalid", 5, token="t", transport=httpx.MockTransport(rasa))
    return Conversations(council=council, log=ConversationLog(engine, clock), handoffs=handoffs,
                         rasa=client, hub=Hub(), gate=gate, second_opinion=second_opinion,
                         redact=let_through,
                         interpreter=InterpreterReplies(council) if interpreter else None)
