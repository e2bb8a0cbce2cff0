"""The live websockets: a resident's conversation (`/api/sessions/{id}/live`)
and the agents' console (`/console/live`). Both send JSON text frames; a
client that reconnects says the last sequence number it saw and is sent
everything after it, once."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from sanic import Request
from sanic.server.websockets.impl import WebsocketImplProtocol

from bot.gateway.hub import CONSOLE, OVERFLOW, session_topic
from bot.gateway.ratelimit import SlidingWindow

logger = logging.getLogger(__name__)

SESSION_ID = re.compile(r"^[0-9a-f]{32}$")
# Close codes in the private range, for clients to tell apart.
UNKNOWN_SESSION, NOT_SIGNED_IN, FELL_BEHIND = 4404, 4401, 4408
# The websocket standard's "policy violation".
TOO_MANY_FRAMES = 1008
MAX_FRAMES = 20
FRAME_WINDOW = 10.0


async def _send(ws: WebsocketImplProtocol, frame: dict[str, Any]) -> None:
    await ws.send(json.dumps(frame, ensure_ascii=False))


async def _read_pings(ws: WebsocketImplProtocol, on_ping: Callable[[], Awaitable[bool]]) -> None:
    """Answers pings until the client goes (or `on_ping` says stop); any other
    frame is ignored: clients send messages over HTTP. A client that sends
    more than MAX_FRAMES frames in FRAME_WINDOW seconds (the widget pings
    every 20) is disconnected; frames over WEBSOCKET_MAX_SIZE close the
    connection in Sanic itself."""
    frames = SlidingWindow(MAX_FRAMES, FRAME_WINDOW)
    while True:
        raw = await ws.recv()
        if raw is None:
            return
        if not frames.allow("client"):
            await ws.close(TOO_MANY_FRAMES, "too many frames")
            return
        try:
            frame = json.loads(raw)
        except (ValueError, TypeError):
            continue
        if isinstance(frame, dict) and frame.get("type") == "ping":
            if not await on_ping():
                return
            await _send(ws, {"type": "pong"})


async def _serve(ws: WebsocketImplProtocol, events: asyncio.Queue,
                 handle: Callable[[dict[str, Any]], Awaitable[None]],
                 on_ping: Callable[[], Awaitable[bool]]) -> None:
    """Sends each event through `handle` while answering the client's pings,
    until either side goes."""
    reader = asyncio.create_task(_read_pings(ws, on_ping))
    try:
        await _pump(ws, events, reader, handle)
    finally:
        reader.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await reader


async def _pump(ws: WebsocketImplProtocol, events: asyncio.Queue,
                reader: asyncio.Task, handle: Callable[[dict[str, Any]], Awaitable[None]]) -> None:
    while not reader.done():
        getter = asyncio.ensure_future(events.get())
        done, _ = await asyncio.wait({getter, reader}, return_when=asyncio.FIRST_COMPLETED)
        if getter not in done:
            getter.cancel()
            return
        event = getter.result()
        if event is OVERFLOW:
            await ws.close(FELL_BEHIND, "please reconnect")
            return
        await handle(event)


async def resident_live(request: Request, ws: WebsocketImplProtocol, session_id: str) -> None:
    conversations = request.app.ctx.conversations
    if not SESSION_ID.match(session_id) or not conversations.log.exists(session_id):
        await ws.close(UNKNOWN_SESSION, "unknown session")
        return
    try:
        last = max(0, int(request.args.get("after", "0")))
    except ValueError:
        last = 0
    conversations.log.seen(session_id)
    async with request.app.ctx.hub.subscribe(session_topic(session_id)) as events:
        # Subscribed first, then caught up: nothing published in between is lost.
        for message in conversations.log.since(session_id, last):
            await _send(ws, {"type": "message", "message": message.as_api()})
            last = message.seq
        await _send(ws, {"type": "handoff", "handoff": conversations.resident_handoff(session_id)})

        async def handle(event: dict[str, Any]) -> None:
            nonlocal last
            if event["type"] == "message":
                if event["message"]["seq"] <= last:
                    return
                last = event["message"]["seq"]
            await _send(ws, event)
            if event["type"] == "erased":
                # Nothing is left to follow; the client starts a new chat.
                await ws.close(UNKNOWN_SESSION, "conversation deleted")

        async def ping() -> bool:
            conversations.log.seen(session_id)
            return True

        await _serve(ws, events, handle, ping)


async def console_live(request: Request, ws: WebsocketImplProtocol,
                       still_signed_in: Callable[[], bool]) -> None:
    conversations = request.app.ctx.conversations
    async with request.app.ctx.hub.subscribe(CONSOLE) as events:
        await _send(ws, {"type": "queue", "handoffs": conversations.queue_snapshot()})

        async def handle(event: dict[str, Any]) -> None:
            await _send(ws, event)

        async def ping() -> bool:
            if still_signed_in():
                return True
            await ws.close(NOT_SIGNED_IN, "signed out")
            return False

        await _serve(ws, events, handle, ping)
