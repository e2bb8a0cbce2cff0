"""The handoff service: open a handoff for a conversation, move it through
its states on behalf of agents and the clock, and describe the queue.

Every status change goes through `states.apply_move`; every agent action is
written to the audit log in the same transaction."""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Row, case, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from bot.agents import audit
from bot.agents.accounts import Agent
from bot.council import ContactCentre
from bot.db.tables import agents, console_sessions, handoffs, sessions
from bot.handoff import hours
from bot.handoff.states import ACTIVE, NORMAL, OPEN, URGENT, WAITING, MoveRefused, apply_move

REASONS = ("request", "failed_turns", "sensitive")


def api_reason(row: Row) -> str:
    return f"sensitive:{row.category}" if row.reason == "sensitive" else row.reason


@dataclass(frozen=True)
class Started:
    handoff: Row
    created: bool  # a new handoff, rather than one already open
    escalated: bool  # an open normal handoff raised to urgent


class NotYours(RuntimeError):
    """The agent is not the one handling this conversation."""


class HandoffService:
    def __init__(self, engine: Engine, centre: ContactCentre, clock: Callable[[], dt.datetime],
                 abandon_after: dt.timedelta, reply_within: dt.timedelta,
                 agent_active_within: dt.timedelta = dt.timedelta(minutes=30)) -> None:
        self._engine = engine
        self._centre = centre
        self._clock = clock
        self._abandon_after = abandon_after
        self._reply_within = reply_within
        self._agent_active_within = agent_active_within

    def now(self) -> dt.datetime:
        return self._clock()

    # -- reading -------------------------------------------------------------

    def get(self, handoff_id: str) -> Row | None:
        with self._engine.connect() as conn:
            return conn.execute(select(handoffs).where(handoffs.c.id == handoff_id)).first()

    def open_for(self, session_id: str) -> Row | None:
        with self._engine.connect() as conn:
            return conn.execute(select(handoffs).where(handoffs.c.session_id == session_id,
                                                       handoffs.c.status.in_(OPEN))).first()

    def latest_for(self, session_id: str) -> Row | None:
        with self._engine.connect() as conn:
            return conn.execute(select(handoffs).where(handoffs.c.session_id == session_id)
                                .order_by(handoffs.c.created_at.desc()).limit(1)).first()

    def queue(self) -> list[Row]:
        """Open handoffs: waiting before active, urgent first, then oldest."""
        order = (case((handoffs.c.status == WAITING, 0), else_=1),
                 case((handoffs.c.priority == URGENT, 0), else_=1), handoffs.c.created_at)
        with self._engine.connect() as conn:
            return conn.execute(select(handoffs).where(handoffs.c.status.in_(OPEN)).order_by(*order)).all()

    def everything(self, limit: int = 500) -> list[Row]:
        with self._engine.connect() as conn:
            return conn.execute(select(handoffs).order_by(handoffs.c.created_at.desc()).limit(limit)).all()

    def positions(self, queue: list[Row] | None = None) -> dict[str, int]:
        """Each waiting handoff's place in the queue (1 is next), from one
        read of the queue."""
        rows = self.queue() if queue is None else queue
        waiting = [r.id for r in rows if r.status == WAITING]
        return {handoff_id: i + 1 for i, handoff_id in enumerate(waiting)}

    def position(self, row: Row, positions: dict[str, int] | None = None) -> int | None:
        if row.status != WAITING:
            return None
        return (self.positions() if positions is None else positions).get(row.id)

    def agents_on_duty(self) -> int:
        since = self._clock() - self._agent_active_within
        with self._engine.connect() as conn:
            return conn.execute(
                select(func.count(func.distinct(agents.c.id)))
                .select_from(agents.join(console_sessions, console_sessions.c.agent_id == agents.c.id))
                .where(agents.c.availability == "available", console_sessions.c.last_seen_at >= since)
            ).scalar_one()

    def wait_minutes(self, position: int, on_duty: int | None = None) -> int:
        """A rough wait: the conversations ahead, shared between the agents
        on duty, at the council's usual minutes per conversation."""
        per_agent = position / max(1, self.agents_on_duty() if on_duty is None else on_duty)
        return max(1, math.ceil(per_agent * self._centre.minutes_per_conversation))

    def is_open(self) -> bool:
        return hours.is_open(self._centre, self._clock())

    def next_open(self) -> dt.datetime | None:
        return hours.next_open(self._centre, self._clock())

    def resident_view(self, row: Row | None, positions: dict[str, int] | None = None,
                      on_duty: int | None = None) -> dict[str, Any] | None:
        if row is None:
            return None
        view: dict[str, Any] = {"id": row.id, "status": row.status, "priority": row.priority,
                                "reason": api_reason(row)}
        if row.status == ACTIVE and row.agent_name:
            view["agent"] = row.agent_name
        position = self.position(row, positions)
        if position is not None:
            view["position"] = position
            view["wait_minutes"] = self.wait_minutes(position, on_duty)
        return view

    def summary(self, row: Row, last_message: str | None = None,
                positions: dict[str, int] | None = None) -> dict[str, Any]:
        """What the console shows of one handoff."""
        def when(value: dt.datetime | None) -> str | None:
            return value.isoformat() if value else None
        end = row.claimed_at or row.ended_at or self._clock()
        return {
            "id": row.id, "session_id": row.session_id, "status": row.status, "priority": row.priority,
            "reason": api_reason(row), "category": row.category, "created_at": when(row.created_at),
            "claimed_at": when(row.claimed_at), "resolved_at": when(row.ended_at),
            "waiting_seconds": max(0, int((end - row.created_at).total_seconds())),
            "agent": row.agent_name, "agent_username": self._username(row.agent_id),
            "outcome": row.outcome, "last_message": last_message,
            "position": self.position(row, positions),
        }

    def _username(self, agent_id: int | None) -> str | None:
        if agent_id is None:
            return None
        with self._engine.connect() as conn:
            return conn.execute(select(agents.c.username).where(agents.c.id == agent_id)).scalar_one_or_none()

    # -- changing ------------------------------------------------------------

    def start(self, session_id: str, reason: str, category: str | None = None) -> Started:
        """Opens a handoff for the conversation, or returns the open one,
        raising it to urgent if this start is for a sensitive topic."""
        if reason not in REASONS:
            raise ValueError(f"unknown handoff reason {reason!r}")
        priority = URGENT if reason == "sensitive" else NORMAL
        now = self._clock()
        existing = self.open_for(session_id)
        if existing is None:
            try:
                with self._engine.begin() as conn:
                    handoff_id = uuid.uuid4().hex
                    conn.execute(insert(handoffs).values(
                        id=handoff_id, session_id=session_id, status=WAITING, priority=priority,
                        reason=reason, category=category, created_at=now, updated_at=now))
                    row = conn.execute(select(handoffs).where(handoffs.c.id == handoff_id)).one()
                return Started(row, created=True, escalated=False)
            except IntegrityError:
                # Another request opened one a moment ago: use that one.
                existing = self.open_for(session_id)
                if existing is None:
                    raise
        if priority == URGENT and existing.priority == NORMAL:
            with self._engine.begin() as conn:
                conn.execute(update(handoffs).where(handoffs.c.id == existing.id).values(
                    priority=URGENT, reason=reason, category=category, updated_at=now))
                row = conn.execute(select(handoffs).where(handoffs.c.id == existing.id)).one()
            return Started(row, created=False, escalated=True)
        return Started(existing, created=False, escalated=False)

    def claim(self, handoff_id: str, agent: Agent) -> Row:
        """Raises `MoveRefused` (with the row as it is) if someone else got it first."""
        now = self._clock()
        with self._engine.begin() as conn:
            row = apply_move(conn, handoff_id, "claim", now, agent_id=agent.id, agent_name=agent.name,
                             claimed_at=now, last_agent_reply_at=None)
            audit.record(conn, now, agent.username, "claim", handoff_id)
        return row

    def _own(self, handoff_id: str, agent: Agent) -> Row:
        row = self.get(handoff_id)
        if row is None or row.status != ACTIVE or row.agent_id != agent.id:
            raise NotYours(handoff_id)
        return row

    def record_reply(self, handoff_id: str, agent: Agent) -> Row:
        row = self._own(handoff_id, agent)
        now = self._clock()
        with self._engine.begin() as conn:
            conn.execute(update(handoffs).where(handoffs.c.id == handoff_id)
                         .values(last_agent_reply_at=now, updated_at=now))
            audit.record(conn, now, agent.username, "reply", handoff_id)
        return row

    def _agent_move(self, handoff_id: str, agent: Agent, move: str, **changes: Any) -> Row:
        self._own(handoff_id, agent)
        now = self._clock()
        with self._engine.begin() as conn:
            row = apply_move(conn, handoff_id, move, now, **changes)
            audit.record(conn, now, agent.username, move, handoff_id, changes.get("outcome"))
        return row

    def release(self, handoff_id: str, agent: Agent) -> Row:
        return self._agent_move(handoff_id, agent, "release", agent_id=None, agent_name=None,
                                claimed_at=None)

    def resolve(self, handoff_id: str, agent: Agent, outcome: str) -> Row:
        if outcome not in {o.id for o in self._centre.outcomes}:
            raise ValueError(f"unknown outcome {outcome!r}")
        return self._agent_move(handoff_id, agent, "resolve", outcome=outcome)

    def hand_back(self, handoff_id: str, agent: Agent) -> Row:
        return self._agent_move(handoff_id, agent, "hand_back")

    def sweep(self) -> list[tuple[str, Row]]:
        """Ends waits the clock has decided: a normal handoff whose resident
        has gone is abandoned; a claim with no agent reply in time goes back
        to the queue. Returns what changed."""
        now = self._clock()
        changed: list[tuple[str, Row]] = []
        with self._engine.connect() as conn:
            gone = conn.execute(
                select(handoffs.c.id).select_from(handoffs.join(sessions))
                .where(handoffs.c.status == WAITING, handoffs.c.priority == NORMAL,
                       sessions.c.resident_seen_at < now - self._abandon_after)).scalars().all()
            unanswered = conn.execute(select(handoffs.c.id).where(
                handoffs.c.status == ACTIVE, handoffs.c.last_agent_reply_at.is_(None),
                handoffs.c.claimed_at < now - self._reply_within)).scalars().all()
        for handoff_id, move, action in [(h, "abandon", "abandoned") for h in gone] + \
                                        [(h, "release", "released_unanswered") for h in unanswered]:
            extra = {"agent_id": None, "agent_name": None, "claimed_at": None} if move == "release" else {}
            try:
                with self._engine.begin() as conn:
                    row = apply_move(conn, handoff_id, move, now, **extra)
                    audit.record(conn, now, "system", action, handoff_id)
            except MoveRefused:
                continue  # an agent acted on it meanwhile
            changed.append((move, row))
        return changed
