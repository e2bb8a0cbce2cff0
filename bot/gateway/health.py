"""Health: the gateway itself, and whether Rasa and the actions answer."""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from bot.gateway.rasa_client import url_is_up

health = Blueprint("health")


@health.get("/health/live")
async def live(request: Request) -> HTTPResponse:
    """The gateway itself answers (the load balancer's check): whether Rasa
    answers is /health's business."""
    return json({"status": "ok"})


@health.get("/health")
async def check(request: Request) -> HTTPResponse:
    """Ready: every Rasa server and action server answers."""
    settings = request.app.ctx.settings
    rasa = [await url_is_up(f"{url}/") for url in settings.rasa_servers]
    checks = {
        "gateway": True,
        "rasa": all(rasa),
        "actions": all([await url_is_up(f"{url}/health") for url in settings.actions_servers]),
    }
    ok = all(checks.values())
    return json({"status": "ok" if ok else "unavailable", "checks": checks},
                status=200 if ok else 503)
