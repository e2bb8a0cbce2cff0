"""Runs the gateway in one process."""

from __future__ import annotations

from bot.gateway.app import create_app
from bot.settings import Settings


def serve(settings: Settings) -> None:
    app = create_app(settings)
    app.run(host=settings.gateway_host, port=settings.gateway_port, single_process=True,
            access_log=False, motd=False)
