"""What the purge deletes, and when: from a conversation's last activity,
30 days, or 7 with special category data; never while a handoff is open;
from both stores; and so that the text is gone from the files' bytes."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from bot.agents import sessions as console_sessions
from bot.db.tables import agents, audit_log, messages, sessions
from bot.db.tables import console_sessions as console_table
from bot.db.tables import handoffs as handoff_rows
from tests.support.records import file_bytes, gateway_file

CANARY = "quokka-lantern-7731"


def _count(engine, table, **where) -> int:
    query = sa.select(sa.func.count()).select_from(table)
    for column, value in where.items():
        query = query.where(table.c[column] == value)
    with engine.connect() as conn:
        return conn.execute(query).scalar_one()


def _open_handoff(handoffs_service, session_id, status, agent):
    handoff = handoffs_service.start(session_id, "request").handoff
    if status in ("active", "resolved"):
        handoffs_service.claim(handoff.id, agent)
    if status == "resolved":
        handoffs_service.resolve(handoff.id, agent, "answered")


@pytest.mark.parametrize(
    "idle_days, special, handoff, purged",
    [
        (1, False, None, False),
        (29, False, None, False),
        (30, False, None, False),  # exactly the period: kept until it has passed
        (31, False, None, True),
        (6, True, None, False),
        (8, True, None, True),
        (31, True, None, True),
        (31, False, "waiting", False),
        (31, False, "active", False),
        (8, True, "active", False),
        (31, False, "resolved", True),
        (8, True, "resolved", True),
    ],
)
def test_what_is_purged_at_which_age(records, conversations, handoffs, sam, clock, engine,
                                     idle_days, special, handoff, purged):
    session_id = conversations.make("my bin was missed", special=special)
    if handoff:
        _open_handoff(handoffs, session_id, handoff, sam)
    clock.advance(days=idle_days)
    report = records.purge()
    assert [c.session_id for c in report.conversations] == ([session_id] if purged else [])
    assert _count(engine, sessions, id=session_id) == (0 if purged else 1)
    assert _count(engine, messages, session_id=session_id) == (0 if purged else 2)
    assert conversations.tracker_rows(session_id) == (0 if purged else 1)
    assert report.kept_open == (1 if handoff in ("waiting", "active") and idle_days > 7 else 0)


def test_the_period_runs_from_the_last_activity(records, conversations, log, clock):
    session_id = conversations.make("first question")
    clock.advance(days=20)
    log.seen(session_id)  # the resident came back; nothing new was said
    clock.advance(days=20)
    assert records.purge().conversations == []
    clock.advance(days=11)
    assert [c.session_id for c in records.purge().conversations] == [session_id]


def test_a_purge_clears_every_table_keyed_by_the_session_and_keeps_the_rest(
        records, conversations, handoffs, sam, clock, engine):
    old = conversations.make("old question")
    _open_handoff(handoffs, old, "resolved", sam)
    console_sessions.start(engine, sam.id, clock())
    clock.advance(days=25)
    recent = conversations.make("recent question")
    clock.advance(days=6)

    report = records.purge()

    assert report.rows == {"messages": 2, "handoffs": 1, "sessions": 1}
    assert report.tracker_events == 1
    assert _count(engine, handoff_rows) == 0
    assert _count(engine, sessions) == 1 and _count(engine, messages, session_id=recent) == 2
    assert conversations.tracker_rows(recent) == 1
    assert _count(engine, agents) == 1 and _count(engine, console_table) == 1


def test_one_audit_entry_per_run_with_counts_only(records, conversations, clock, engine):
    kept = conversations.make("question")
    clock.advance(days=31)
    gone = [conversations.make("a"), conversations.make("b", special=True)]
    clock.advance(days=31)
    records.purge()
    with engine.connect() as conn:
        entries = conn.execute(sa.select(audit_log).where(audit_log.c.action == "retention_purge")).all()
    assert len(entries) == 1
    detail = entries[0].detail
    assert entries[0].actor == "system" and entries[0].handoff_id is None
    assert re.fullmatch(r"(\w+=\d+ ?)+", detail), detail
    assert "conversations=3 special=1 messages=6" in detail
    assert all(s not in detail for s in [kept, *gone])


def test_an_idle_run_can_leave_the_audit_log_alone(records, engine):
    records.purge(audit_when_idle=False)
    assert _count(engine, audit_log) == 0
    records.purge()
    assert _count(engine, audit_log, action="retention_purge") == 1


def test_a_dry_run_deletes_nothing_and_says_what_would_go(records, conversations, clock, engine):
    session_id = conversations.make("question", "another")
    clock.advance(days=31)
    report = records.purge(dry_run=True)
    assert report.dry_run and [c.session_id for c in report.conversations] == [session_id]
    assert report.rows["messages"] == 3 and report.tracker_events == 2
    assert _count(engine, sessions) == 1 and conversations.tracker_rows(session_id) == 2
    assert _count(engine, audit_log) == 0


def test_conversations_only_rasa_holds_go_after_the_standard_period(records, conversations, log, clock):
    conversations.rasa_event("f" * 32, "opened but never recorded by the gateway")
    conversations.rasa_event("default", "from a rasa shell")
    still_live = conversations.make("question")
    clock.advance(days=29)
    log.seen(still_live)
    conversations.rasa_event("e" * 32, "recent")
    clock.advance(days=2)
    report = records.purge()
    assert sorted(report.tracker_only) == ["default", "f" * 32]
    assert conversations.tracker_rows("f" * 32) == 0 and conversations.tracker_rows("e" * 32) == 1
    # Rasa's events are old, but the gateway's session is not: the gateway decides.
    assert conversations.tracker_rows(still_live) == 1


def test_no_tracker_store_yet_is_not_an_error_and_is_not_created(engine, council, clock, conversations,
                                                                 tmp_path):
    from bot.records import Records, TrackerStore

    missing = tmp_path / "not-yet" / "tracker.db"
    records = Records(engine, TrackerStore(f"sqlite:///{missing}"), council, clock)
    conversations.make("question")
    clock.advance(days=31)
    assert len(records.purge().conversations) == 1
    assert not missing.exists()


def test_purged_text_is_gone_from_both_files(records, conversations, clock, engine, tracker_path):
    gateway_db = gateway_file(engine)
    kept_text = "kept-wombat-2201"
    session_id = conversations.make(f"my {CANARY} question")
    clock.advance(days=25)
    conversations.make(kept_text)
    assert CANARY.encode() in file_bytes(gateway_db) and CANARY.encode() in file_bytes(tracker_path)

    clock.advance(days=6)
    assert [c.session_id for c in records.purge().conversations] == [session_id]

    for path in (gateway_db, tracker_path):
        on_disk = file_bytes(path)
        assert CANARY.encode() not in on_disk, path.name
        assert kept_text.encode() in on_disk, path.name
