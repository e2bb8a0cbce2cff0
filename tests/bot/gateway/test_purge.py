"""The gateway's periodic purge, with the clock and the sleep in the test's
hands: it purges at start-up and then once per interval, by the app's clock."""

from __future__ import annotations

import asyncio
import dataclasses
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from bot.conversations import ConversationLog
from bot.db.tables import audit_log, sessions
from bot.gateway.purge import purge_forever
from bot.records import Records, TrackerStore
from bot.settings import Settings
from tests.support.records import Conversations, make_tracker

DAY = 86400


class Stop(Exception):
    pass


@pytest.fixture()
def app(engine, council, clock, tmp_path):
    tracker = TrackerStore(f"sqlite:///{make_tracker(tmp_path / 'tracker.db')}")
    settings = Settings.from_env({"COUNCILBOT_PURGE_INTERVAL_SECONDS": str(DAY)})
    council = dataclasses.replace(council, transcript_retention_days=30, special_category_retention_days=7)
    yield SimpleNamespace(ctx=SimpleNamespace(settings=settings, clock=clock,
                                              records=Records(engine, tracker, council, clock)))
    tracker.dispose()


def run(app, clock, days: int) -> list[float]:
    """Runs the purge loop for `days` intervals, the clock moving on by each
    sleep."""
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        if len(slept) == days:
            raise Stop
        slept.append(seconds)
        clock.advance(seconds=seconds)

    with pytest.raises(Stop):
        asyncio.run(purge_forever(app, sleep))
    return slept


def _sessions(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(sessions)).scalar_one()


def _purge_entries(engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(sa.select(audit_log.c.detail)
                                 .where(audit_log.c.action == "retention_purge")).scalars())


def test_a_conversation_goes_on_the_first_run_after_its_period(app, engine, clock, tmp_path):
    made = Conversations(ConversationLog(engine, clock), tmp_path / "tracker.db", clock)
    session_id = made.make("my bin was missed")
    slept = run(app, clock, days=30)
    assert slept == [DAY] * 30
    assert _sessions(engine) == 1 and _purge_entries(engine) == []  # idle runs leave no entry
    run(app, clock, days=1)
    assert _sessions(engine) == 0 and made.tracker_rows(session_id) == 0
    assert [d.split()[0] for d in _purge_entries(engine)] == ["conversations=1"]


def test_one_failed_run_does_not_stop_the_purge(app, clock, caplog):
    calls: list[int] = []
    real = app.ctx.records

    class Flaky:
        def purge(self, **kwargs):
            calls.append(1)
            if len(calls) == 1:
                raise sa.exc.OperationalError("DELETE", {}, Exception("database is locked"))
            return real.purge(**kwargs)

    app.ctx.records = Flaky()
    run(app, clock, days=2)
    assert len(calls) == 3
    assert "retention purge failed: OperationalError" in caplog.text
