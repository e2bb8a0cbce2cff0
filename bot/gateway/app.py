"""The gateway app factory: `create_app(settings) -> Sanic`."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from importlib import resources

from sanic import Sanic

from bot.agents import sessions as console_sessions
from bot.council import load_council
from bot.gateway.chat import chat
from bot.gateway.clients import ClientLimits, kind_of
from bot.gateway.console import console
from bot.gateway.errors import handle_error
from bot.gateway.health import health
from bot.gateway.hub import Hub
from bot.gateway.purge import purge_forever
from bot.gateway.ratelimit import SlidingWindow
from bot.gateway.transparency import transparency
from bot.gateway.widget import render_page, widget
from bot.settings import Settings

logger = logging.getLogger(__name__)

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
        "form-action 'self'"
    ),
}
SIGNIN_WINDOW_SECONDS = 300


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def live_hub(settings: Settings) -> Hub:
    """Inside this process alone, or between gateways through Redis."""
    if not settings.redis_url:
        return Hub()
    from bot.gateway.redis_hub import RedisHub

    return RedisHub(settings.redis_url)


def create_app(settings: Settings, name: str = "councilbot_gateway",
               clock: Callable[[], dt.datetime] = utc_now) -> Sanic:
    app = Sanic(name, configure_logging=False)
    app.config.REQUEST_MAX_SIZE = 64 * 1024
    app.config.REQUEST_TIMEOUT = 30
    app.config.FALLBACK_ERROR_FORMAT = "json"
    app.config.WEBSOCKET_MAX_SIZE = 8 * 1024
    app.config.WEBSOCKET_PING_INTERVAL = 20
    app.config.WEBSOCKET_PING_TIMEOUT = 20
    council = load_council(settings.council_file)
    if council.contact_centre is None:
        raise ValueError("council config: 'contact_centre' is needed for handing conversations to people")
    app.ctx.settings = settings
    app.ctx.council = council
    app.ctx.clock = clock
    app.ctx.page = render_page(council)
    app.ctx.hub = live_hub(settings)
    app.ctx.signin_limit = SlidingWindow(settings.signin_attempts_per_client, SIGNIN_WINDOW_SECONDS)
    app.ctx.limits = ClientLimits(settings)

    app.blueprint(widget)
    app.blueprint(chat)
    app.blueprint(console)
    app.blueprint(health)
    app.blueprint(transparency)
    app.static("/static", str(resources.files("bot.gateway").joinpath("static")), name="static")
    if settings.frontend_dir.is_dir():
        app.static("/console/govuk", str(settings.frontend_dir.resolve()), name="govuk")
    else:
        logger.warning("GOV.UK Frontend not found at %s: the console will be unstyled "
                       "(run scripts/setup-frontend.sh)", settings.frontend_dir)
    app.error_handler.add(Exception, handle_error)

    @app.before_server_start
    async def start(app: Sanic) -> None:
        from bot.gateway.services import build_conversations

        app.ctx.privacy_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="privacy")
        await app.ctx.hub.start()
        await build_conversations(app, settings, council, clock)
        # The chat's own "delete my conversation" button erases through the
        # same records as DELETE /api/sessions/{id}.
        if app.ctx.conversations.records is None:
            app.ctx.conversations.records = app.ctx.records
        app.ctx.sweeper = app.add_task(sweep_forever(app), name="handoff-sweeper")
        app.ctx.purger = app.add_task(purge_forever(app), name="retention-purge")
        logger.info("gateway ready for %s", council.name)

    @app.after_server_stop
    async def stop(app: Sanic) -> None:
        await app.ctx.conversations.rasa.close()
        await app.ctx.hub.stop()
        app.ctx.records.close()
        app.ctx.db.dispose()
        app.ctx.privacy_pool.shutdown(wait=False)

    @app.on_request
    async def limit(request) -> None:
        kind = kind_of(request)
        if kind is not None:
            app.ctx.limits.check(request, kind)

    @app.on_response
    async def headers(request, response) -> None:
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)

    return app


async def sweep_forever(app: Sanic) -> None:
    """Abandons waits whose resident has gone, returns unanswered claims to
    the queue, and ends idle console sessions."""
    settings = app.ctx.settings
    idle = dt.timedelta(seconds=settings.console_idle_seconds)
    while True:
        await asyncio.sleep(settings.handoff_sweep_seconds)
        try:
            await app.ctx.conversations.sweep()
            console_sessions.end_idle(app.ctx.db, app.ctx.clock(), idle)
        except Exception as exc:  # noqa: BLE001 - the sweeper must outlive one bad pass
            logger.error("handoff sweep failed: %s", type(exc).__name__)
