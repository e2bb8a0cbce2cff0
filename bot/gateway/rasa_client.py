"""Talks to the Rasa server's REST channel on loopback."""

from __future__ import annotations

import logging
from typing import Any

import httpx

logger = logging.getLogger(__name__)


class RasaUnavailable(RuntimeError):
    pass


class RasaClient:
    def __init__(self, base_url: str, timeout: float) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=timeout)

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

    async def close(self) -> None:
        await self._client.aclose()


async def url_is_up(url: str) -> bool:
    try:
        async with httpx.AsyncClient(timeout=3.0) as client:
            return (await client.get(url)).status_code == 200
    except httpx.HTTPError:
        return False
