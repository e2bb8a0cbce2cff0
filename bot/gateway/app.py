"""The gateway app factory: `create_app(settings) -> Sanic`."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from importlib import resources

from sanic import Sanic

from bot.council import load_council
from bot.gateway.chat import chat
from bot.gateway.errors import handle_error
from bot.gateway.health import health
from bot.gateway.rasa_client import RasaClient
from bot.gateway.sessions import SessionStore
from bot.gateway.widget import render_page, widget
from bot.settings import Settings

logger = logging.getLogger(__name__)

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
}


def create_app(settings: Settings, name: str = "councilbot_gateway") -> Sanic:
    app = Sanic(name, configure_logging=False)
    app.config.REQUEST_MAX_SIZE = 64 * 1024
    app.config.REQUEST_TIMEOUT = 30
    app.config.FALLBACK_ERROR_FORMAT = "json"
    council = load_council(settings.council_file)
    app.ctx.settings = settings
    app.ctx.council = council
    app.ctx.page = render_page(council)

    app.blueprint(widget)
    app.blueprint(chat)
    app.blueprint(health)
    app.static("/static", str(resources.files("bot.gateway").joinpath("static")), name="static")
    app.error_handler.add(Exception, handle_error)

    @app.before_server_start
    async def start(app: Sanic) -> None:
        from bot.privacy import build_redactor

        app.ctx.redactor = build_redactor(council.own_words())
        app.ctx.privacy_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="privacy")
        app.ctx.sessions = SessionStore(settings.var_dir / "gateway.db")
        app.ctx.rasa = RasaClient(settings.rasa_url, settings.rasa_timeout_seconds)
        logger.info("gateway ready for %s", council.name)

    @app.after_server_stop
    async def stop(app: Sanic) -> None:
        await app.ctx.rasa.close()
        app.ctx.sessions.close()
        app.ctx.privacy_pool.shutdown(wait=False)

    @app.on_response
    async def headers(request, response) -> None:
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)

    return app
