"""The gateway's record of each conversation: its session, and every message
in it with a sequence number, so that a client that lost its connection (or
a gateway that restarted) can catch up with nothing lost or doubled.

Only minimised text is ever stored here."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, insert, select, update

from bot.db.tables import messages, sessions
from bot.feedback.ratings import feedback_state
from bot.replies import REQUEST_HUMAN, TALK_TO_A_PERSON

SENDERS = ("resident", "assistant", "agent", "system")
# The widget's always-visible control.
ALWAYS_OFFERED = {REQUEST_HUMAN: TALK_TO_A_PERSON}


@dataclass(frozen=True)
class Message:
    seq: int
    sender: str
    text: str
    extra: dict[str, Any] = field(default_factory=dict)
    agent_name: str | None = None

    def as_api(self) -> dict[str, Any]:
        body: dict[str, Any] = {"seq": self.seq, "from": self.sender, "text": self.text}
        for key in ("buttons", "sources", "download", "kind", "translation"):
            if self.extra.get(key):
                body[key] = self.extra[key]
        if self.agent_name:
            body["agent"] = self.agent_name
        # An answer from the knowledge files can be rated: the widget asks
        # "Was this helpful?" while this says it may.
        if state := feedback_state(self.sender, self.extra):
            body["feedback"] = {"state": state}
        return body


@dataclass(frozen=True)
class Outgoing:
    """A message about to be stored: minimised text and its extras."""

    sender: str
    text: str
    extra: dict[str, Any] = field(default_factory=dict)
    agent_name: str | None = None


def _message(row: Any) -> Message:
    return Message(row.seq, row.sender, row.text, json.loads(row.extra or "{}"), row.agent_name)


class ConversationLog:
    def __init__(self, engine: Engine, clock: Callable[[], dt.datetime]) -> None:
        self._engine = engine
        self._clock = clock

    @staticmethod
    def new_id() -> str:
        return uuid.uuid4().hex

    def open(self, session_id: str) -> None:
        now = self._clock()
        with self._engine.begin() as conn:
            conn.execute(insert(sessions).values(id=session_id, created_at=now, last_active_at=now,
                                                 resident_seen_at=now))

    def exists(self, session_id: str) -> bool:
        with self._engine.connect() as conn:
            return conn.execute(select(sessions.c.id).where(sessions.c.id == session_id)).first() is not None

    def flag_special_category(self, session_id: str) -> None:
        """Special category data (health, religion, ...) was seen in this
        conversation, so it is kept only for the council's shorter retention
        period. The flag is never cleared."""
        with self._engine.begin() as conn:
            conn.execute(update(sessions).where(sessions.c.id == session_id)
                         .values(special_category=True))

    def seen(self, session_id: str) -> None:
        """The resident is still there (a message or a websocket ping)."""
        with self._engine.begin() as conn:
            conn.execute(update(sessions).where(sessions.c.id == session_id)
                         .values(resident_seen_at=self._clock()))

    def append(self, session_id: str, items: Iterable[Outgoing]) -> list[Message]:
        """Stores messages in order, each with the conversation's next
        sequence number, in one transaction."""
        stored: list[Message] = []
        now = self._clock()
        with self._engine.begin() as conn:
            for item in items:
                if item.sender not in SENDERS:
                    raise ValueError(f"unknown sender {item.sender!r}")
                seq = conn.execute(
                    update(sessions).where(sessions.c.id == session_id)
                    .values(last_seq=sessions.c.last_seq + 1, last_active_at=now)
                    .returning(sessions.c.last_seq)).scalar_one()
                conn.execute(insert(messages).values(
                    session_id=session_id, seq=seq, sender=item.sender, text=item.text,
                    extra=json.dumps(item.extra, ensure_ascii=False), agent_name=item.agent_name,
                    created_at=now))
                stored.append(Message(seq, item.sender, item.text, dict(item.extra), item.agent_name))
        return stored

    def since(self, session_id: str, after_seq: int = 0) -> list[Message]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(messages).where(messages.c.session_id == session_id,
                                                       messages.c.seq > after_seq)
                                .order_by(messages.c.seq)).all()
        return [_message(r) for r in rows]

    def last(self, session_id: str) -> Message | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(messages).where(messages.c.session_id == session_id)
                               .order_by(messages.c.seq.desc()).limit(1)).first()
        return _message(row) if row is not None else None

    def offered(self, session_id: str) -> dict[str, str]:
        """Every button payload this conversation has been offered (the only
        payloads a resident may send back), with the title it was last
        offered under."""
        with self._engine.connect() as conn:
            rows = conn.execute(select(messages.c.extra).where(
                messages.c.session_id == session_id, messages.c.sender.in_(("assistant", "system")))
                .order_by(messages.c.seq)).all()
        offered = dict(ALWAYS_OFFERED)
        for (extra,) in rows:
            for button in json.loads(extra or "{}").get("buttons") or ():
                offered[str(button.get("payload"))] = str(button.get("title") or "")
        return offered
