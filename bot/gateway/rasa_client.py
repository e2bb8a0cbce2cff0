"""Talks to the Rasa servers on loopback: the REST channel for the resident's
(minimised) messages, and the token-protected HTTP API to pause and resume a
conversation around a handoff.

With several servers (the cluster profile), a conversation always goes to
the same one, chosen from its id, so two servers never work one conversation
at once: Rasa's lock store only orders the messages inside one server. Only
when that server refuses the connection (it is down, so it is working on
nothing) does the conversation go to the next; every server reads the same
tracker store, so the conversation carries on there."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import httpx

logger = logging.getLogger(__name__)


class RasaUnavailable(RuntimeError):
    pass


def server_order(sender: str, count: int) -> list[int]:
    """The servers to try for a conversation, its own first. The same for
    every gateway: the choice is a hash of the id, not a process's state."""
    first = int.from_bytes(hashlib.sha256(sender.encode()).digest()[:8], "big") % count
    return [(first + step) % count for step in range(count)]


class RasaClient:
    def __init__(self, base_urls: str | Sequence[str], timeout: float, token: str = "",
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        urls = [base_urls] if isinstance(base_urls, str) else list(base_urls)
        if not urls:
            raise ValueError("no Rasa server URL")
        self._clients = [httpx.AsyncClient(base_url=url, timeout=timeout, transport=transport)
                         for url in urls]
        self._token = token

    async def _request(self, sender: str,
                       call: Callable[[httpx.AsyncClient], Awaitable[httpx.Response]]) -> httpx.Response:
        order = server_order(sender, len(self._clients))
        for position, index in enumerate(order):
            try:
                return await call(self._clients[index])
            except httpx.ConnectError:
                if position == len(order) - 1:
                    raise
                logger.warning("Rasa server %d refused the connection; trying the next", index + 1)
        raise AssertionError("unreachable")

    async def send(self, sender: str, text: str) -> list[dict[str, Any]]:
        """`text` is always minimised text: the caller redacts first."""
        try:
            response = await self._request(sender, lambda client: client.post(
                "/webhooks/rest/webhook", json={"sender": sender, "message": text}))
            response.raise_for_status()
            replies = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            logger.warning("Rasa did not answer: %s", type(exc).__name__)
            raise RasaUnavailable from exc
        return replies if isinstance(replies, list) else []

    async def _append_event(self, sender: str, event: str) -> None:
        if not self._token:
            raise RasaUnavailable("no Rasa API token is configured (COUNCILBOT_RASA_TOKEN)")
        try:
            response = await self._request(sender, lambda client: client.post(
                f"/conversations/{sender}/tracker/events", params={"token": self._token,
                                                                  "include_events": "NONE"},
                json=[{"event": event}]))
            response.raise_for_status()
        except httpx.HTTPError as exc:
            logger.warning("Rasa did not take the %s event: %s", event, type(exc).__name__)
            raise RasaUnavailable from exc

    async def pause(self, sender: str) -> None:
        """While a person has the conversation the gateway sends Rasa nothing;
        the pause also stops Rasa acting should anything reach it."""
        await self._append_event(sender, "pause")

    async def resume(self, sender: str) -> None:
        await self._append_event(sender, "resume")

    async def is_paused(self, sender: str) -> bool:
        response = await self._request(sender, lambda client: client.get(
            f"/conversations/{sender}/tracker", params={"token": self._token, "include_events": "NONE"}))
        response.raise_for_status()
        return bool(response.json().get("paused"))

    async def close(self) -> None:
        for client in self._clients:
            await client.aclose()


async def url_is_up(url: str) -> bool:
    try:
        async with httpx.AsyncClient(timeout=3.0) as client:
            return (await client.get(url)).status_code == 200
    except httpx.HTTPError:
        return False
