"""Live events: a conversation's new messages and handoff changes for the
resident's websocket, and queue changes for every agent's console. `Hub`
keeps them inside one gateway process; `bot/gateway/redis_hub.py` carries
them between gateways. Publishing never blocks: a subscriber too slow to
keep up loses its connection and catches up from the database on reconnect."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

logger = logging.getLogger(__name__)

CONSOLE = "console"
QUEUE_LIMIT = 500


def session_topic(session_id: str) -> str:
    return f"session:{session_id}"


OVERFLOW: dict[str, Any] = {"type": "overflow"}


class Hub:
    def __init__(self) -> None:
        self._subscribers: dict[str, set[asyncio.Queue]] = defaultdict(set)

    @asynccontextmanager
    async def subscribe(self, topic: str) -> AsyncIterator[asyncio.Queue]:
        queue: asyncio.Queue = asyncio.Queue(maxsize=QUEUE_LIMIT)
        self._subscribers[topic].add(queue)
        try:
            yield queue
        finally:
            self._subscribers[topic].discard(queue)
            if not self._subscribers[topic]:
                del self._subscribers[topic]

    def publish(self, topic: str, event: dict[str, Any]) -> None:
        self.deliver(topic, event)

    def deliver(self, topic: str, event: dict[str, Any]) -> None:
        """Hands the event to this process's subscribers to the topic."""
        for queue in list(self._subscribers.get(topic, ())):
            try:
                queue.put_nowait(event)
            except asyncio.QueueFull:
                # Too far behind: drop what it has not read and tell it to
                # reconnect, which catches up from the database.
                logger.warning("a live subscriber fell behind on %s", topic.split(":")[0])
                while not queue.empty():
                    queue.get_nowait()
                queue.put_nowait(OVERFLOW)

    def catch_up_everyone(self) -> None:
        """Events may have been lost (the other gateways could not be
        reached): every live connection is told to reconnect, and catches up
        from the database."""
        for queues in list(self._subscribers.values()):
            for queue in list(queues):
                while not queue.empty():
                    queue.get_nowait()
                queue.put_nowait(OVERFLOW)

    def has_subscribers(self, topic: str) -> bool:
        return bool(self._subscribers.get(topic))

    async def start(self) -> None:
        """Nothing to connect to inside one process."""

    async def stop(self) -> None:
        """Nothing to let go of inside one process."""
