"""The gateway's periodic retention purge (`bot/records`), on a worker
thread so the event loop keeps serving while the files are compacted."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from sanic import Sanic

logger = logging.getLogger(__name__)


async def purge_forever(app: Sanic, sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
    """Purges once at start-up (a gateway restarted more often than the
    interval still purges), then every `COUNCILBOT_PURGE_INTERVAL_SECONDS`.
    The records service reads `app.ctx.clock`, so tests control time. A
    run with nothing due writes no audit entry, so the supervisors' audit
    view is not filled with empty runs; the command line always writes one."""
    loop = asyncio.get_running_loop()
    while True:
        try:
            await loop.run_in_executor(None, lambda: app.ctx.records.purge(audit_when_idle=False))
        except Exception as exc:  # noqa: BLE001 - the purge must outlive one bad run
            logger.error("retention purge failed: %s", type(exc).__name__)
        await sleep(app.ctx.settings.purge_interval_seconds)
