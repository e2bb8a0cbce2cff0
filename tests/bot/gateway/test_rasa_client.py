"""With several Rasa servers, a conversation always goes to the same one, the
same from every gateway, and moves to the next only when its own refuses
the connection. Rasa's REST API answered over httpx's transport."""

from __future__ import annotations

import asyncio
import json
from collections import Counter

import httpx
import pytest

from bot.gateway.rasa_client import RasaClient, RasaUnavailable, server_order

URLS = ["http://127.0.0.1:5005", "http://127.0.0.1:5006", "http://127.0.0.1:5007"]


def servers(down: set[int] = frozenset()):
    """Rasa on each port, answering with its own port; `down` refuse."""
    seen: list[tuple[int, str]] = []

    def handle(request: httpx.Request) -> httpx.Response:
        port = request.url.port
        if port in down:
            raise httpx.ConnectError("connection refused", request=request)
        sender = (json.loads(request.content)["sender"] if request.method == "POST"
                  and request.url.path.endswith("webhook") else request.url.path.split("/")[2])
        seen.append((port, sender))
        return httpx.Response(200, json=[{"recipient_id": sender, "text": str(port)}])
    return handle, seen


def ask(client: RasaClient, sender: str) -> int:
    async def go():
        return await client.send(sender, "hello")
    return int(asyncio.run(go())[0]["text"])


def test_each_conversation_has_one_server_and_they_share_the_work():
    handle, _ = servers()
    client = RasaClient(URLS, 5, transport=httpx.MockTransport(handle))
    senders = [f"{n:032x}" for n in range(300)]
    first = {s: ask(client, s) for s in senders}
    # Asked again, and by another gateway's client: the same server.
    other = RasaClient(list(URLS), 5, transport=httpx.MockTransport(handle))
    assert all(ask(client, s) == first[s] and ask(other, s) == first[s] for s in senders[:50])
    spread = Counter(first.values())
    assert set(spread) == {5005, 5006, 5007} and min(spread.values()) > 60


def test_pause_goes_to_the_conversations_own_server():
    handle, seen = servers()
    client = RasaClient(URLS, 5, token="t", transport=httpx.MockTransport(handle))
    sender = "ab" * 16
    own = 5005 + server_order(sender, 3)[0]
    asyncio.run(client.pause(sender))
    assert seen == [(own, sender)]


def test_a_server_that_refuses_passes_its_conversations_to_the_next():
    sender = "cd" * 16
    order = server_order(sender, 3)
    handle, _ = servers(down={5005 + order[0]})
    client = RasaClient(URLS, 5, transport=httpx.MockTransport(handle))
    assert ask(client, sender) == 5005 + order[1]


def test_with_every_server_down_rasa_is_unavailable():
    handle, _ = servers(down={5005, 5006, 5007})
    client = RasaClient(URLS, 5, transport=httpx.MockTransport(handle))
    with pytest.raises(RasaUnavailable):
        ask(client, "ef" * 16)


def test_a_server_that_fails_after_taking_the_message_is_not_asked_again():
    """A timeout or a 500 may come after the server acted: the message is
    not sent to a second server, which could act on it twice."""
    calls: list[int] = []

    def handle(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.port)
        raise httpx.ReadTimeout("no answer", request=request)

    client = RasaClient(URLS, 5, transport=httpx.MockTransport(handle))
    with pytest.raises(RasaUnavailable):
        ask(client, "01" * 16)
    assert len(calls) == 1


def test_a_single_url_still_works():
    handle, _ = servers()
    assert ask(RasaClient(URLS[0], 5, transport=httpx.MockTransport(handle)), "aa" * 16) == 5005
