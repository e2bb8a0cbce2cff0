"""Talks to the Rasa server on loopback: its REST channel for the resident's
(minimised) messages, and its token-protected HTTP API to pause and resume a
conversation around a handoff."""

from __future__ import annotations

import logging
from typing import Any

import httpx

logger = logging.getLogger(__name__)


class RasaUnavailable(RuntimeError):
    pass


class RasaClient:
    def __init__(self, base_url: str, timeout: float, token: str = "",
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=timeout, transport=transport)
        self._token = token

    async def send(self, sender: str, text: str) -> list[dict[str, Any]]:
        """`text` is always minimised text: the caller redacts first."""
        try:
            response = await self._client.post(
                "/webhooks/rest/webhook", json={"sender": sender, "message": text})
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
            response = await self._client.post(
                f"/conversations/{sender}/tracker/events", params={"token": self._token,
                                                                  "include_events": "NONE"},
                json=[{"event": event}])
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
        response = await self._client.get(f"/conversations/{sender}/tracker",
                                          params={"token": self._token, "include_events": "NONE"})
        response.raise_for_status()
        return bool(response.json().get("paused"))

    async def close(self) -> None:
        await self._client.aclose()


async def url_is_up(url: str) -> bool:
    try:
        async with httpx.AsyncClient(timeout=3.0) as client:
            return (await client.get(url)).status_code == 200
    except httpx.HTTPError:
        return False
