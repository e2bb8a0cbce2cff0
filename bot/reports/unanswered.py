"""The questions residents typed that the assistant declined, or answered
only on a weak word match, read from the conversations still kept. Only the
minimised text is ever stored, so only the minimised text is read.

A reply's question is the resident's message just before it in the same
conversation. A button pressed is not a question the resident wrote (its
message holds the button's payload), so it is left out."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, and_, or_, select

from bot.db.tables import messages
from bot.knowledge.elsewhere import PREFIX as ELSEWHERE_PREFIX

NOT_SURE, ELSEWHERE, LOW = "not_sure", "elsewhere", "low"
# In the order the report lists them.
REASONS = {
    NOT_SURE: "not sure",
    ELSEWHERE: "signposted elsewhere",
    LOW: "answered on a weak match",
}


@dataclass(frozen=True)
class Unanswered:
    text: str
    reason: str
    # The likeliest topic's id, or `elsewhere:<entry>` for a signpost.
    guess: str | None = None


def weak(answer: Any) -> tuple[str, str | None] | None:
    """Why a reply's `answer` metadata puts its question in the report, and
    the page it pointed to; None for a sound answer. A "not sure" stored
    before replies said why counts as not sure."""
    if not isinstance(answer, dict):
        return None
    if answer.get("confident") is True:
        return (LOW, _text(answer.get("topic"))) if answer.get("low") is True else None
    if answer.get("confident") is not False:
        return None
    guess = _text(answer.get("guess"))
    if answer.get("declined") == ELSEWHERE:
        return ELSEWHERE, guess and ELSEWHERE_PREFIX + guess
    return NOT_SURE, guess


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def unanswered_since(engine: Engine, since: dt.datetime) -> list[Unanswered]:
    """Every such question asked at or after `since`, oldest conversation
    first. One question counts once, however many replies it got."""
    replies = and_(messages.c.sender == "assistant", messages.c.extra.contains('"answer"'))
    query = (select(messages.c.session_id, messages.c.seq, messages.c.sender, messages.c.text,
                    messages.c.extra)
             .where(messages.c.created_at >= since, or_(messages.c.sender == "resident", replies))
             .order_by(messages.c.session_id, messages.c.seq))
    found: list[Unanswered] = []
    asked: tuple[str, int, str | None] | None = None  # session, seq, typed text (None: a button)
    counted: tuple[str, int] | None = None
    with engine.connect() as conn:
        for row in conn.execute(query):
            extra = json.loads(row.extra or "{}")
            if row.sender == "resident":
                asked = (row.session_id, row.seq, None if extra.get("payload") else row.text)
                continue
            why = weak(extra.get("answer"))
            if why is None or asked is None or asked[0] != row.session_id or asked[2] is None:
                continue
            if counted == asked[:2]:
                continue
            counted = asked[:2]
            found.append(Unanswered(asked[2], *why))
    return found
