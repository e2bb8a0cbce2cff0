"""Builds the gateway's services once per process, when the server starts:
the database (migrated to the newest schema), the records (retention,
erasure, copies), the privacy gate, the safety net and the conversation
router."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import time
from collections.abc import Callable, Iterator

from sanic import Sanic

from bot.conversations import ConversationLog
from bot.council import Council
from bot.db import connect, database_url, upgrade
from bot.feedback import Ratings
from bot.gateway.conversation import Conversations, Gated
from bot.gateway.rasa_client import RasaClient
from bot.handoff.service import HandoffService
from bot.performance.counters import UK, MonthlyCounters
from bot.records import Records
from bot.settings import Settings


@contextlib.contextmanager
def step(timings: dict[str, float], name: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[name] = (time.perf_counter() - started) * 1000


async def build_conversations(app: Sanic, settings: Settings, council: Council,
                              clock: Callable[[], dt.datetime]) -> None:
    from bot.knowledge.embedder import Embedder
    from bot.language import InterpreterReplies, LanguageDetector
    from bot.privacy import council_redactor
    from bot.safety import SafetyNet

    engine = connect(database_url(settings))
    upgrade(engine)
    app.ctx.db = engine
    app.ctx.records = Records.from_settings(engine, settings, council, clock)
    zone = council.contact_centre.timezone if council.contact_centre else UK
    app.ctx.counters = MonthlyCounters(engine, clock, zone)
    app.ctx.ratings = Ratings(engine, clock, app.ctx.counters, zone)
    redactor = council_redactor(council, settings.pseudonym_key)
    safety = SafetyNet.load(embedder=Embedder(), cache_dir=settings.var_dir / "cache")
    detector = LanguageDetector.load()
    pool = app.ctx.privacy_pool
    loop = asyncio.get_running_loop()

    def gate_now(text: str, session_id: str, submitted: float) -> Gated:
        # The raw text lives only in this call: out come the minimised text,
        # at most the name of a sensitive category, the special category flag
        # and, for a message plainly not in English, its language's code.
        timings = {"queue": (time.perf_counter() - submitted) * 1000}
        with step(timings, "safety"):
            finding = safety.check(text)
        with step(timings, "privacy"):
            redaction = redactor.redact(text, session_id)
        with step(timings, "language"):
            language = detector.detect(text)
        return Gated(redaction.text, finding.category if finding else None,
                     redaction.special_category, language, timings)

    def redact_now(text: str, session_id: str) -> Gated:
        redaction = redactor.redact(text, session_id)
        return Gated(redaction.text, None, redaction.special_category)

    async def gate(text: str, session_id: str) -> Gated:
        return await loop.run_in_executor(pool, gate_now, text, session_id, time.perf_counter())

    async def redact(text: str, session_id: str) -> Gated:
        return await loop.run_in_executor(pool, redact_now, text, session_id)

    def second_opinion_now(text: str) -> tuple[str, bool]:
        opinion = safety.second_opinion(text)
        return opinion.category, opinion.agrees

    async def second_opinion(text: str) -> tuple[str, bool]:
        return await loop.run_in_executor(pool, second_opinion_now, text)

    centre = council.contact_centre
    assert centre is not None
    handoffs = HandoffService(engine, centre, clock,
                              abandon_after=dt.timedelta(seconds=settings.handoff_abandon_seconds),
                              reply_within=dt.timedelta(seconds=settings.handoff_reply_seconds),
                              agent_active_within=dt.timedelta(seconds=settings.console_idle_seconds))
    app.ctx.conversations = Conversations(
        council=council, log=ConversationLog(engine, clock), handoffs=handoffs,
        rasa=RasaClient(settings.rasa_servers, settings.rasa_timeout_seconds, settings.rasa_token),
        hub=app.ctx.hub, gate=gate, second_opinion=second_opinion, redact=redact,
        counters=app.ctx.counters, interpreter=InterpreterReplies(council))
