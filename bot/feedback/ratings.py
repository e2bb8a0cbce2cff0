"""Ratings of answers. The answer message itself (in its `extra`) says it has
been rated, so it cannot be rated twice; the rating goes to the `feedback`
table, which has no session id. A reason given after a "no" is written to
any one "no without a reason" row of the same topic, section and day: such
rows cannot be told apart, so which one it lands on changes nothing, and no
link from the conversation to its row is ever needed.

While the conversation is kept, its answer message records `"rating":
"awaiting_reason"` (a "no" that may still get a reason, with the day) or
`"rated"`; it goes with the conversation. The `feedback` row stays."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from bot.db.tables import feedback, messages
from bot.performance.counters import UK, MonthlyCounters

# Codes (stored) and the words the resident sees. Plain English, no free text.
REASONS = {
    "did_not_answer": "It did not answer my question",
    "hard_to_understand": "It was hard to understand",
    "wrong_or_out_of_date": "The information looked wrong or out of date",
    "wanted_a_person": "I wanted to talk to a person",
}
UNRATED, AWAITING_REASON, RATED = "unrated", "awaiting_reason", "rated"
ATTEMPTS = 5


class FeedbackRefused(ValueError):
    """The rating was not stored; the subclass says why."""


class UnknownMessage(FeedbackRefused):
    pass


class NotAnAnswer(FeedbackRefused):
    pass


class AlreadyRated(FeedbackRefused):
    pass


class BadReason(FeedbackRefused):
    pass


def rated_answer(sender: str, extra: dict[str, Any]) -> dict[str, Any] | None:
    """The topic and section of a confident answer from the knowledge files,
    or None for anything else (system messages, handovers, "not sure")."""
    answer = extra.get("answer")
    if sender != "assistant" or not isinstance(answer, dict) or answer.get("confident") is not True:
        return None
    return answer if answer.get("topic") else None


def feedback_state(sender: str, extra: dict[str, Any]) -> str | None:
    """`unrated`, `awaiting_reason` or `rated` for an answer; None for a
    message that is never rated."""
    if rated_answer(sender, extra) is None:
        return None
    state = extra.get("rating")
    return state if state in (AWAITING_REASON, RATED) else UNRATED


class Ratings:
    def __init__(self, engine: Engine, clock: Callable[[], dt.datetime],
                 counters: MonthlyCounters | None = None, zone: dt.tzinfo = UK) -> None:
        self._engine = engine
        self._clock = clock
        self._counters = counters
        self._zone = zone

    def today(self) -> dt.date:
        return self._clock().astimezone(self._zone).date()

    def rate(self, session_id: str, seq: int, helpful: bool, reason: str | None = None) -> str:
        """Stores a rating (or the reason after a "no") and returns the
        answer's new state. Raises a `FeedbackRefused` having stored nothing."""
        if reason is not None and reason not in REASONS:
            raise BadReason(reason)
        if reason is not None and helpful:
            raise BadReason("a reason goes only with 'no'")
        for _ in range(ATTEMPTS):
            with self._engine.begin() as conn:
                state = self._try(conn, session_id, seq, helpful, reason)
            if state is not None:
                return state
        # Another request kept changing the same message: it has been rated.
        raise AlreadyRated(seq)

    def _try(self, conn: Connection, session_id: str, seq: int, helpful: bool,
             reason: str | None) -> str | None:
        row = conn.execute(select(messages.c.id, messages.c.sender, messages.c.extra).where(
            messages.c.session_id == session_id, messages.c.seq == seq)).first()
        if row is None:
            raise UnknownMessage(seq)
        extra = json.loads(row.extra or "{}")
        answer = rated_answer(row.sender, extra)
        if answer is None:
            raise NotAnAnswer(seq)
        state = feedback_state(row.sender, extra)
        if state == RATED or (state == AWAITING_REASON and (helpful or reason is None)):
            raise AlreadyRated(seq)

        today = self.today()
        marked = {k: v for k, v in extra.items() if k not in ("rating", "rated_on")}
        if state == UNRATED and not helpful and reason is None:
            marked.update(rating=AWAITING_REASON, rated_on=today.isoformat())
        else:
            marked["rating"] = RATED
        # Compare and set: only the request that changes the message stores.
        changed = conn.execute(update(messages).where(messages.c.id == row.id, messages.c.extra == row.extra)
                               .values(extra=json.dumps(marked, ensure_ascii=False))).rowcount
        if not changed:
            return None
        topic, section = str(answer["topic"]), answer.get("section")
        if state == AWAITING_REASON:
            assert reason is not None
            rated_on = _day(extra.get("rated_on")) or today
            _add_reason(conn, topic, section, rated_on, reason)
        else:
            conn.execute(insert(feedback).values(topic_id=topic, section_id=section, helpful=helpful,
                                                 reason=reason, rated_on=today))
            if self._counters is not None:
                self._counters.add("rated_helpful" if helpful else "rated_not_helpful", conn=conn)
        return marked["rating"]


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _add_reason(conn: Connection, topic: str, section: str | None, rated_on: dt.date, reason: str) -> None:
    same = (feedback.c.topic_id == topic, feedback.c.helpful.is_(False), feedback.c.reason.is_(None),
            feedback.c.section_id.is_(None) if section is None else feedback.c.section_id == section)
    for _ in range(ATTEMPTS):
        # The newest such row: most often the "no" this reason follows.
        found = conn.execute(select(feedback.c.id).where(*same, feedback.c.rated_on == rated_on)
                             .order_by(feedback.c.id.desc()).limit(1)).scalar_one_or_none()
        if found is None:
            break
        if conn.execute(update(feedback).where(feedback.c.id == found, feedback.c.reason.is_(None))
                        .values(reason=reason)).rowcount:
            return
    # No such row is left (removed by hand, say): the reason is kept as a row
    # of its own rather than lost. The monthly counters already counted the "no".
    conn.execute(insert(feedback).values(topic_id=topic, section_id=section, helpful=False,
                                         reason=reason, rated_on=rated_on))
