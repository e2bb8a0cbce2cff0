"""A resident's right to erasure: one conversation, gone from every store on
request (the resident's own button, or the data protection officer acting
on a request by email).

While a handoff is open (waiting for a person, or with one), the
conversation is not erased: the request is refused with a message saying
why and what to do. A person from the contact team is working from that
transcript, and an urgent one may be a risk to someone's life; a button
press (perhaps by someone else at the same keyboard) must not pull it from
under them, or from the queue. Once the agent resolves or hands back, or a
normal wait is abandoned, the same request succeeds. The retention purge
keeps such conversations for the same reason.

The audit entry keeps the session id and the counts, nothing else. The id
is a random number that, once every row it named is deleted, leads to no
message, time or handoff of the resident's; it lets the data protection
officer show that a particular request was carried out."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import Engine, select

from bot.agents import audit
from bot.db.tables import handoffs, sessions
from bot.handoff.states import OPEN
from bot.records.stores import TrackerStore, checkpoint, delete_conversations, lock_sessions

logger = logging.getLogger(__name__)


class NothingStored(LookupError):
    """Neither store holds anything under this session id."""


class HandoffOpen(RuntimeError):
    """A person from the contact team has the conversation (or it is queued
    for one); it is erased once they have finished with it."""

    def __init__(self, status: str) -> None:
        super().__init__(f"the conversation's handoff is {status}")
        self.status = status


@dataclass(frozen=True)
class ErasureReport:
    session_id: str
    rows: dict[str, int]
    tracker_events: int

    def counts(self) -> str:
        return (f"session={self.session_id} messages={self.rows.get('messages', 0)} "
                f"handoffs={self.rows.get('handoffs', 0)} tracker_events={self.tracker_events}")


def _open_status(conn, session_id: str) -> str | None:
    return conn.execute(select(handoffs.c.status).where(
        handoffs.c.session_id == session_id, handoffs.c.status.in_(OPEN))).scalar_one_or_none()


def erase(engine: Engine, tracker: TrackerStore, session_id: str, now: dt.datetime,
          actor: str = "resident") -> ErasureReport:
    """Raises `HandoffOpen` or `NothingStored`, having deleted nothing."""
    with engine.connect() as conn:
        status = _open_status(conn, session_id)
        known = conn.execute(select(sessions.c.id).where(sessions.c.id == session_id)).first() is not None
    if status is not None:
        raise HandoffOpen(status)
    if not known and not tracker.count([session_id]):
        raise NothingStored(session_id)

    tracker_events = tracker.delete([session_id])
    with engine.begin() as conn:
        lock_sessions(conn, [session_id])
        status = _open_status(conn, session_id)
        if status is not None:
            raise HandoffOpen(status)
        rows = delete_conversations(conn, [session_id])
        report = ErasureReport(session_id, rows, tracker_events)
        audit.record(conn, now, actor, "conversation_erased", detail=report.counts())
    # Secure delete has zeroed the rows in both files; the checkpoint clears
    # the older copies of those pages from the write-ahead log. (The purge
    # also rewrites the files; an erasure does not hold the database for that.)
    checkpoint(engine)
    tracker.checkpoint()
    logger.info("session %s erased (%d messages, %d tracker events)", session_id[:8],
                rows.get("messages", 0), tracker_events)
    return report
