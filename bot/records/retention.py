"""How long conversations are kept, and the purge that deletes them after.

A conversation is kept for the council's `transcript_retention_days` after
its last activity (a message stored, or the resident's last sign of life),
or for the shorter `special_category_retention_days` if special category
data was seen in it. Then it goes from every store at once: the gateway's
tables and Rasa's tracker store. A conversation with an open handoff is
kept while a person is working on it."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, and_, exists, or_, select, true

from bot.agents import audit
from bot.council import Council
from bot.db.tables import handoffs, sessions
from bot.handoff.states import OPEN
from bot.records.stores import (
    TrackerStore,
    compact,
    count_rows,
    delete_conversations,
    lock_sessions,
    unknown_to_gateway,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetentionPolicy:
    standard: dt.timedelta
    special_category: dt.timedelta

    @classmethod
    def from_council(cls, council: Council) -> RetentionPolicy:
        return cls(dt.timedelta(days=council.transcript_retention_days),
                   dt.timedelta(days=council.special_category_retention_days))


@dataclass(frozen=True)
class Expired:
    session_id: str
    last_active_at: dt.datetime
    special_category: bool


@dataclass(frozen=True)
class PurgeReport:
    conversations: list[Expired]
    rows: dict[str, int]
    tracker_events: int
    # Conversations Rasa holds that the gateway never recorded (a session
    # whose opening failed half way, say), past the standard period.
    tracker_only: list[str] = field(default_factory=list)
    kept_open: int = 0
    dry_run: bool = False

    @property
    def special(self) -> int:
        return sum(1 for c in self.conversations if c.special_category)

    @property
    def nothing_due(self) -> bool:
        return not self.conversations and not self.tracker_only and not self.kept_open

    def counts(self) -> str:
        """The audit log's detail: numbers only, never an id or any text."""
        return (f"conversations={len(self.conversations)} special={self.special} "
                f"messages={self.rows.get('messages', 0)} handoffs={self.rows.get('handoffs', 0)} "
                f"tracker_events={self.tracker_events} tracker_only={len(self.tracker_only)} "
                f"kept_open={self.kept_open}")


def _idle_before(cutoff: dt.datetime):
    return and_(sessions.c.last_active_at < cutoff, sessions.c.resident_seen_at < cutoff)


def _due(policy: RetentionPolicy, now: dt.datetime):
    return or_(
        and_(sessions.c.special_category == true(), _idle_before(now - policy.special_category)),
        _idle_before(now - policy.standard),
    )


def _has_open_handoff():
    return exists(select(handoffs.c.id).where(handoffs.c.session_id == sessions.c.id,
                                              handoffs.c.status.in_(OPEN)))


def find_expired(conn: Connection, policy: RetentionPolicy, now: dt.datetime) -> tuple[list[Expired], int]:
    """The conversations past their period, oldest first, and how many more
    are past it but kept because a handoff is open."""
    due = _due(policy, now)
    rows = conn.execute(select(sessions.c.id, sessions.c.last_active_at, sessions.c.special_category)
                        .where(due, ~_has_open_handoff()).order_by(sessions.c.last_active_at)).all()
    kept = conn.execute(select(sessions.c.id).where(due, _has_open_handoff())).all()
    return [Expired(r.id, r.last_active_at, bool(r.special_category)) for r in rows], len(kept)


def _still_due(conn: Connection, ids: list[str], policy: RetentionPolicy, now: dt.datetime) -> list[str]:
    """Checked again inside the deleting transaction: a resident may have
    come back, or a handoff opened, since the conversations were found."""
    if not ids:
        return []
    return list(conn.execute(select(sessions.c.id).where(
        sessions.c.id.in_(ids), _due(policy, now), ~_has_open_handoff())).scalars())


def purge(engine: Engine, tracker: TrackerStore, policy: RetentionPolicy, now: dt.datetime, *,
          actor: str = "system", dry_run: bool = False, audit_when_idle: bool = True) -> PurgeReport:
    """Deletes every expired conversation from both stores, then compacts
    both files. One audit entry per run, with counts only (none for a dry
    run, nor for an idle run when `audit_when_idle` is off)."""
    with engine.connect() as conn:
        expired, kept = find_expired(conn, policy, now)
        tracker_only = unknown_to_gateway(conn, tracker.idle_since(now - policy.standard))
    ids = [c.session_id for c in expired]
    if dry_run:
        with engine.connect() as conn:
            rows = count_rows(conn, ids)
        return PurgeReport(expired, rows, tracker.count(ids + tracker_only), tracker_only, kept, True)

    # Rasa's copy first: should the gateway's delete then fail, the next run
    # finds the same conversations again and finishes the job.
    tracker_events = tracker.delete(ids + tracker_only)
    with engine.begin() as conn:
        lock_sessions(conn, ids)
        still = set(_still_due(conn, ids, policy, now))
        expired = [c for c in expired if c.session_id in still]
        rows = delete_conversations(conn, [c.session_id for c in expired])
        report = PurgeReport(expired, rows, tracker_events, tracker_only, kept)
        if audit_when_idle or not report.nothing_due:
            audit.record(conn, now, actor, "retention_purge", detail=report.counts())
    if expired or tracker_events:
        compact(engine)
        tracker.compact()
    logger.info("retention purge: %s", report.counts())
    return report

