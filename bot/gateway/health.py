"""Health: the gateway itself, and whether Rasa and the actions answer."""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from bot.gateway.rasa_client import url_is_up

health = Blueprint("health")


@health.get("/health")
async def check(request: Request) -> HTTPResponse:
    settings = request.app.ctx.settings
    checks = {
        "gateway": True,
        "rasa": await url_is_up(f"{settings.rasa_url}/"),
        "actions": await url_is_up(f"{settings.actions_url}/health"),
    }
    ok = all(checks.values())
    return json({"status": "ok" if ok else "unavailable", "checks": checks},
                status=200 if ok else 503)
