"""The chat API: open a session, send a message, get the assistant's replies."""

from __future__ import annotations

import asyncio
import logging
import re
import time

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from bot.gateway.errors import ApiError
from bot.gateway.inbound import clean_text, read_json_object
from bot.gateway.outbound import to_messages
from bot.gateway.rasa_client import RasaUnavailable
from bot.replies import unavailable

logger = logging.getLogger(__name__)

chat = Blueprint("chat", url_prefix="/api")

OPEN_CONVERSATION = "/open_conversation"
_SESSION_ID = re.compile(r"^[0-9a-f]{32}$")


def _unknown_session() -> ApiError:
    return ApiError(404, "unknown_session",
                    "This chat has ended or does not exist. Please start a new chat.")


async def _ask_rasa(request: Request, session_id: str, text: str) -> list[dict]:
    try:
        replies = await request.app.ctx.rasa.send(session_id, text)
    except RasaUnavailable:
        raise ApiError(503, "assistant_unavailable", unavailable(request.app.ctx.council)) from None
    messages = to_messages(replies)
    if not messages:
        raise ApiError(503, "assistant_unavailable", unavailable(request.app.ctx.council))
    return messages


@chat.post("/sessions")
async def open_session(request: Request) -> HTTPResponse:
    store = request.app.ctx.sessions
    session_id = store.new_id()
    messages = await _ask_rasa(request, session_id, OPEN_CONVERSATION)
    store.add(session_id)
    logger.info("session %s opened", session_id[:8])
    return json({"session_id": session_id, "messages": messages}, status=201)


@chat.post("/sessions/<session_id:str>/messages")
async def post_message(request: Request, session_id: str) -> HTTPResponse:
    store = request.app.ctx.sessions
    if not _SESSION_ID.match(session_id) or not store.exists(session_id):
        raise _unknown_session()
    data = read_json_object(request.body)
    text = clean_text(data.get("text"), request.app.ctx.settings.max_message_chars)
    started = time.perf_counter()
    loop = asyncio.get_running_loop()
    # The privacy gate: from here on only the minimised text exists.
    redaction = await loop.run_in_executor(request.app.ctx.privacy_pool,
                                           request.app.ctx.redactor.redact, text)
    del text, data
    messages = await _ask_rasa(request, session_id, redaction.text)
    store.touch(session_id)
    logger.info("session %s: message answered in %.0f ms (%d details minimised, %d replies)",
                session_id[:8], (time.perf_counter() - started) * 1000,
                len(redaction.findings), len(messages))
    return json({"messages": messages, "handoff": None})
