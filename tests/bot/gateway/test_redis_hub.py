"""Live events between two gateways' hubs through a real Redis (Debian's
redis-server on a free loopback port): each subscriber hears each event once
and in order, wherever it was published; when Redis goes away and comes
back, every live connection is told to catch up from the database."""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cluster import redis
from bot.gateway.hub import CONSOLE, OVERFLOW, session_topic
from bot.gateway.redis_hub import RedisHub
from tests.support.stack import free_port


class RedisServer:
    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.config = redis.write_config(self.port, directory)
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(redis.server_command(self.config), stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        import socket

        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture()
def server(tmp_path) -> Iterator[RedisServer]:
    running = RedisServer(tmp_path)
    running.start()
    yield running
    running.stop()


async def next_event(queue: asyncio.Queue, timeout: float = 5.0):
    return await asyncio.wait_for(queue.get(), timeout)


async def started(url: str) -> RedisHub:
    hub = RedisHub(url)
    await hub.start()
    await asyncio.wait_for(hub.listening.wait(), 10)
    return hub


def test_an_event_published_on_one_gateway_reaches_subscribers_on_both(server):
    async def go():
        one, two = await started(redis.url(server.port)), await started(redis.url(server.port))
        try:
            topic = session_topic("ab" * 16)
            async with one.subscribe(topic) as here, two.subscribe(topic) as there, \
                    two.subscribe(CONSOLE) as console:
                for n in range(20):
                    one.publish(topic, {"type": "message", "n": n})
                two.publish(CONSOLE, {"type": "queue", "handoffs": []})
                for queue in (here, there):
                    assert [(await next_event(queue))["n"] for _ in range(20)] == list(range(20))
                assert (await next_event(console))["type"] == "queue"
                # Heard once: nothing more is waiting.
                await asyncio.sleep(0.3)
                assert here.empty() and there.empty() and console.empty()
        finally:
            await one.stop()
            await two.stop()
    asyncio.run(go())


def test_an_event_for_another_conversation_is_not_heard(server):
    async def go():
        hub = await started(redis.url(server.port))
        try:
            async with hub.subscribe(session_topic("aa" * 16)) as mine:
                hub.publish(session_topic("bb" * 16), {"type": "message"})
                hub.publish(session_topic("aa" * 16), {"type": "handoff"})
                assert (await next_event(mine))["type"] == "handoff"
        finally:
            await hub.stop()
    asyncio.run(go())


def test_when_redis_comes_back_every_connection_catches_up(server):
    async def go():
        hub = await started(redis.url(server.port))
        try:
            async with hub.subscribe(session_topic("cc" * 16)) as live:
                server.stop()
                assert await next_event(live, 15) is OVERFLOW
                # Published while Redis is away: dropped, not raised.
                hub.publish(session_topic("cc" * 16), {"type": "message"})
            server.start()
            async with hub.subscribe(session_topic("cc" * 16)) as again:
                await asyncio.wait_for(hub.listening.wait(), 30)
                while not again.empty():
                    again.get_nowait()
                hub.publish(session_topic("cc" * 16), {"type": "message", "n": 1})
                assert (await next_event(again, 10)) == {"type": "message", "n": 1}
        finally:
            await hub.stop()
    asyncio.run(go())
