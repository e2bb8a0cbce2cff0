"""Live events between gateways, through Redis pub/sub, for the cluster
profile: a resident connected to one gateway and an agent to another hear
each other, and every console hears of queue changes wherever they happen.

Every event goes out to Redis and comes back through this gateway's own
subscription, so each subscriber hears each event once, in the order it was
published. Nothing is kept in Redis: pub/sub holds no history. When Redis
cannot be reached, events are dropped (the messages themselves are in the
database) and, once it is back, every live connection is told to reconnect,
which catches it up from the database: a message is late, never lost."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.gateway.hub import Hub

logger = logging.getLogger(__name__)

CHANNEL_PREFIX = "councilbot:live:"
# Events waiting to go out; past this, Redis is too slow and they are dropped.
OUTBOX_LIMIT = 5000
RETRY_SECONDS = (0.2, 0.5, 1.0, 2.0, 5.0)


class RedisHub(Hub):
    def __init__(self, url: str, prefix: str = CHANNEL_PREFIX) -> None:
        super().__init__()
        self._url = url
        self._prefix = prefix
        self._outbox: asyncio.Queue[tuple[str, str]] = asyncio.Queue(maxsize=OUTBOX_LIMIT)
        self._tasks: list[asyncio.Task] = []
        self._client: Redis | None = None
        # Set once this gateway listens; cleared while Redis is away.
        self.listening = asyncio.Event()

    async def start(self) -> None:
        self._client = Redis.from_url(self._url, socket_timeout=5, socket_connect_timeout=2,
                                      health_check_interval=10)
        self._tasks = [asyncio.create_task(self._listen_forever(), name="live-listen"),
                       asyncio.create_task(self._send_forever(), name="live-send")]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._client is not None:
            await self._client.aclose()

    def publish(self, topic: str, event: dict[str, Any]) -> None:
        try:
            self._outbox.put_nowait((topic, json.dumps(event)))
        except asyncio.QueueFull:
            logger.warning("live events are not reaching Redis fast enough; one was dropped")
            self.catch_up_everyone()

    def has_subscribers(self, topic: str) -> bool:
        # Another gateway may have some: publishing costs little.
        return True

    async def _send_forever(self) -> None:
        assert self._client is not None
        while True:
            topic, body = await self._outbox.get()
            try:
                await self._client.publish(self._prefix + topic, body)
            except (RedisError, OSError) as exc:
                # Anyone listening reconnects and catches up once Redis is back.
                logger.warning("a live event did not reach Redis: %s", type(exc).__name__)

    async def _listen_forever(self) -> None:
        assert self._client is not None
        failures = 0
        while True:
            pubsub = self._client.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.psubscribe(self._prefix + "*")
                if failures:
                    logger.info("live events: Redis is back; live connections catch up")
                    self.catch_up_everyone()
                failures = 0
                self.listening.set()
                async for message in pubsub.listen():
                    self._receive(message)
            except (RedisError, OSError) as exc:
                if failures == 0:
                    logger.warning("live events: lost Redis (%s); retrying", type(exc).__name__)
                    self.catch_up_everyone()
                self.listening.clear()
                await asyncio.sleep(RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)])
                failures += 1
            finally:
                await pubsub.aclose()

    def _receive(self, message: dict[str, Any]) -> None:
        if message.get("type") != "pmessage":
            return
        channel, data = message["channel"], message["data"]
        topic = (channel.decode() if isinstance(channel, bytes) else channel)[len(self._prefix):]
        try:
            event = json.loads(data)
        except ValueError:
            logger.warning("live events: an event from Redis was not JSON; dropped")
            return
        if isinstance(event, dict):
            self.deliver(topic, event)
