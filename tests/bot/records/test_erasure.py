"""Erasure on request: one conversation, gone from both stores and from the
files' bytes, an audit entry without content, and never while a person from
the contact team has the conversation."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from bot.db.tables import audit_log, handoffs, messages, sessions
from bot.records import HandoffOpen, NothingStored
from tests.support.records import file_bytes, gateway_file

CANARY = "marmoset-teapot-4417"


def _rows(engine, table, session_id: str) -> int:
    key = table.c.id if table is sessions else table.c.session_id
    with engine.connect() as conn:
        query = sa.select(sa.func.count()).select_from(table).where(key == session_id)
        return conn.execute(query).scalar_one()


def test_erasure_removes_the_conversation_from_every_store(records, conversations, handoffs_done, engine):
    session_id, other = conversations.make("question", "another"), conversations.make("mine stays")
    handoffs_done(session_id)
    report = records.erase(session_id)
    assert report.rows == {"messages": 4, "handoffs": 1, "sessions": 1} and report.tracker_events == 2
    for table in (sessions, messages, handoffs):
        assert _rows(engine, table, session_id) == 0
    assert conversations.tracker_rows(session_id) == 0
    assert _rows(engine, messages, other) == 2 and conversations.tracker_rows(other) == 1


def test_the_audit_keeps_the_erasure_and_the_agents_actions_without_content(
        records, conversations, handoffs_done, engine):
    session_id = conversations.make(f"my {CANARY}")
    handoffs_done(session_id)
    records.erase(session_id, actor="cli")
    with engine.connect() as conn:
        entries = conn.execute(sa.select(audit_log).order_by(audit_log.c.id)).all()
    assert [e.action for e in entries] == ["claim", "resolve", "conversation_erased"]
    erased = entries[-1]
    assert erased.actor == "cli"
    assert erased.detail == f"session={session_id} messages=3 handoffs=1 tracker_events=1"
    assert all(CANARY not in str(tuple(e)) for e in entries)


@pytest.mark.parametrize("status", ["waiting", "active"])
def test_an_open_handoff_is_never_erased(records, conversations, handoffs, sam, engine, status):
    session_id = conversations.make("question")
    handoff = handoffs.start(session_id, "request").handoff
    if status == "active":
        handoffs.claim(handoff.id, sam)
    with pytest.raises(HandoffOpen) as refused:
        records.erase(session_id)
    assert refused.value.status == status
    assert _rows(engine, messages, session_id) == 2
    assert conversations.tracker_rows(session_id) == 1


def test_unknown_conversations_are_reported(records):
    with pytest.raises(NothingStored):
        records.erase("0" * 32)


def test_a_conversation_only_rasa_holds_is_erased_there(records, conversations):
    conversations.rasa_event("a" * 32, "opened, never recorded")
    assert records.erase("a" * 32).tracker_events == 1
    assert conversations.tracker_rows("a" * 32) == 0


def test_erased_text_is_gone_from_both_files(records, conversations, engine, tracker_path):
    gateway_db = gateway_file(engine)
    session_id = conversations.make(f"my {CANARY} question")
    conversations.make("kept-wombat-2201")
    records.erase(session_id)
    for path in (gateway_db, tracker_path):
        on_disk = file_bytes(path)
        assert CANARY.encode() not in on_disk, path.name
        assert b"kept-wombat-2201" in on_disk, path.name


@pytest.fixture()
def handoffs_done(handoffs, sam, log):
    """A handoff claimed and resolved, with the joining notice stored, as
    the gateway does."""
    from bot.conversations import Outgoing

    def finish(session_id: str) -> None:
        handoff = handoffs.start(session_id, "request").handoff
        handoffs.claim(handoff.id, sam)
        log.append(session_id, [Outgoing("system", "You are now talking to Sam.")])
        handoffs.resolve(handoff.id, sam, "answered")
    return finish
