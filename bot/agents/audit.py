"""The append-only audit log: who did what to which handoff (or, for the
records, to which conversation), and when.
It never holds message content; the database refuses updates and deletes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, Engine, insert, select

from bot.db.tables import audit_log

ACTIONS = frozenset({
    "sign_in", "sign_in_failed", "sign_in_locked", "sign_out", "availability", "view", "claim",
    "reply", "release", "resolve", "hand_back", "released_unanswered", "abandoned",
    "retention_purge", "conversation_erased", "transcript_exported", "report_viewed",
})


def record(conn: Connection, at: dt.datetime, actor: str, action: str, handoff_id: str | None = None,
           detail: str | None = None) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    conn.execute(insert(audit_log).values(at=at, actor=actor[:64], action=action, handoff_id=handoff_id,
                                          detail=(detail or None) and detail[:120]))


def recent(engine: Engine, limit: int = 200) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)).all()
    return [{"at": r.at.isoformat(), "actor": r.actor, "action": r.action, "handoff_id": r.handoff_id,
             "detail": r.detail} for r in rows]
