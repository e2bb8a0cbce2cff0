"""Every table the gateway writes. No column holds raw text a resident or an
agent typed: message text is stored only after the privacy gate. The
feedback and monthly counts hold no session id, so no row of theirs leads
back to a conversation, and the purge and erasure leave them alone."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.types import TypeDecorator

metadata = MetaData()


class UtcDateTime(TypeDecorator):
    """Aware UTC datetimes in, aware UTC datetimes out, on every engine
    (SQLite keeps no time zone of its own)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("datetimes stored must carry a time zone")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


sessions = Table(
    "sessions", metadata,
    Column("id", String(32), primary_key=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_active_at", UtcDateTime, nullable=False),
    # Last sign of the resident (a message, a websocket ping): a waiting
    # handoff whose resident has gone is abandoned after a while.
    Column("resident_seen_at", UtcDateTime, nullable=False),
    Column("last_seq", Integer, nullable=False, server_default=text("0")),
    # Special category data (health, religion, ...) was seen in it: the
    # conversation is kept for the council's shorter retention period.
    Column("special_category", Boolean, nullable=False, server_default=false()),
)

messages = Table(
    "messages", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(32), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("sender", String(16), nullable=False),  # resident | assistant | agent | system
    Column("text", Text, nullable=False),  # minimised text only
    Column("extra", Text, nullable=False, server_default=text("'{}'")),  # JSON: buttons, sources, kind
    Column("agent_name", String(80), nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("session_id", "seq", name="uq_messages_session_seq"),
)

agents = Table(
    "agents", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("display_name", String(80), nullable=False),
    Column("role", String(16), nullable=False),  # agent | supervisor
    Column("password_hash", String(255), nullable=False),
    Column("availability", String(16), nullable=False, server_default=text("'away'")),
    Column("failed_signins", Integer, nullable=False, server_default=text("0")),
    Column("locked_until", UtcDateTime, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
)

handoffs = Table(
    "handoffs", metadata,
    Column("id", String(32), primary_key=True),
    Column("session_id", String(32), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("status", String(16), nullable=False),
    Column("priority", String(8), nullable=False),  # urgent | normal
    Column("reason", String(16), nullable=False),  # request | sensitive | failed_turns
    Column("category", String(32), nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("claimed_at", UtcDateTime, nullable=True),
    Column("last_agent_reply_at", UtcDateTime, nullable=True),
    Column("ended_at", UtcDateTime, nullable=True),
    Column("agent_id", Integer, ForeignKey("agents.id", ondelete="SET NULL"), nullable=True),
    Column("agent_name", String(80), nullable=True),
    Column("outcome", String(40), nullable=True),
    Index("ix_handoffs_status_priority", "status", "priority", "created_at"),
    # One open handoff per conversation, enforced by the database itself.
    Index("uq_handoffs_open_session", "session_id", unique=True,
          sqlite_where=text("status IN ('waiting', 'active')"),
          postgresql_where=text("status IN ('waiting', 'active')")),
)

console_sessions = Table(
    "console_sessions", metadata,
    Column("token_hash", String(64), primary_key=True),  # SHA-256 of the cookie value
    Column("agent_id", Integer, ForeignKey("agents.id", ondelete="CASCADE"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_seen_at", UtcDateTime, nullable=False),
)

audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", String(32), nullable=False),
    Column("handoff_id", String(32), nullable=True),
    Column("detail", String(120), nullable=True),  # an outcome, a status: never message text
)

# "Was this helpful?": one row per rating, anonymous. No session id, no text,
# no time finer than the day; `id` is a surrogate key and means nothing.
feedback = Table(
    "feedback", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("topic_id", String(80), nullable=False),
    Column("section_id", String(160), nullable=True),
    Column("helpful", Boolean, nullable=False),
    Column("reason", String(32), nullable=True),  # a code from bot/feedback/ratings.py, never text
    Column("rated_on", Date, nullable=False),
    Index("ix_feedback_topic", "topic_id", "rated_on"),
)

# The open performance figures: one counter per month (YYYY-MM, UK time) and
# metric, incremented as things happen, so they outlive the conversations.
monthly_counts = Table(
    "monthly_counts", metadata,
    Column("month", String(7), primary_key=True),
    Column("metric", String(32), primary_key=True),
    Column("count", Integer, nullable=False, server_default=text("0")),
)
