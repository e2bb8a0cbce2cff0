"""The schema comes from the migrations alone, and keeps its promises."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DatabaseError, IntegrityError

from bot.db.tables import audit_log, handoffs, metadata, sessions

NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


def test_the_migrations_build_every_table_in_the_metadata(engine):
    assert set(sa.inspect(engine).get_table_names()) == set(metadata.tables) | {"alembic_version"}


def test_upgrading_twice_changes_nothing(engine):
    from bot.db import upgrade

    upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == "0003"


@pytest.mark.parametrize("statement", [
    sa.update(audit_log).values(action="claim"),
    sa.delete(audit_log),
])
def test_the_audit_log_is_append_only(engine, statement):
    with engine.begin() as conn:
        conn.execute(sa.insert(audit_log).values(at=NOW, actor="sam", action="view"))
    with pytest.raises(DatabaseError, match="append-only"), engine.begin() as conn:
        conn.execute(statement)


def _session(conn, session_id: str) -> None:
    conn.execute(sa.insert(sessions).values(id=session_id, created_at=NOW, last_active_at=NOW,
                                            resident_seen_at=NOW))


def _handoff(conn, handoff_id: str, status: str) -> None:
    conn.execute(sa.insert(handoffs).values(id=handoff_id, session_id="s" * 32, status=status,
                                            priority="normal", reason="request", created_at=NOW,
                                            updated_at=NOW))


def test_a_conversation_has_at_most_one_open_handoff(engine):
    with engine.begin() as conn:
        _session(conn, "s" * 32)
        _handoff(conn, "a" * 32, "resolved")
        _handoff(conn, "b" * 32, "waiting")
    with pytest.raises(IntegrityError), engine.begin() as conn:
        _handoff(conn, "c" * 32, "active")


def test_times_come_back_in_utc(engine):
    with engine.begin() as conn:
        _session(conn, "t" * 32)
        row = conn.execute(sa.select(sessions)).one()
    assert row.created_at == NOW and row.created_at.tzinfo == dt.UTC


def test_a_naive_time_is_refused(engine):
    with pytest.raises(sa.exc.StatementError, match="time zone"), engine.begin() as conn:
        conn.execute(sa.insert(audit_log).values(at=NOW.replace(tzinfo=None), actor="x", action="view"))


def test_0002_flags_no_existing_conversation_as_special_category(empty_engine):
    from bot.db import upgrade

    engine = empty_engine
    upgrade(engine, "0001")
    with engine.begin() as conn:
        _session(conn, "o" * 32)
    upgrade(engine)
    with engine.begin() as conn:
        assert conn.execute(sa.select(sessions.c.special_category)).scalar_one() is False
        _session(conn, "n" * 32)
        assert conn.execute(sa.select(sessions.c.special_category)
                            .where(sessions.c.id == "n" * 32)).scalar_one() is False


def test_0002_downgrades_without_losing_a_message(empty_engine):
    from alembic import command

    from bot.db import upgrade
    from bot.db.migrate import alembic_config
    from bot.db.tables import messages

    engine = empty_engine
    upgrade(engine)
    with engine.begin() as conn:
        _session(conn, "d" * 32)
        conn.execute(sa.insert(messages).values(session_id="d" * 32, seq=1, sender="assistant",
                                                text="hello", created_at=NOW))
    command.downgrade(alembic_config(engine), "0001")
    inspector = sa.inspect(engine)
    assert "special_category" not in {c["name"] for c in inspector.get_columns("sessions")}
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM messages")).scalar_one() == 1


@pytest.mark.parametrize("table", ["feedback", "monthly_counts"])
def test_0003_tables_name_no_conversation(engine, table):
    columns = {c["name"] for c in sa.inspect(engine).get_columns(table)}
    assert not columns & {"session_id", "text", "created_at", "extra"}
    assert sa.inspect(engine).get_foreign_keys(table) == []


def test_0003_upgrades_and_downgrades_an_existing_database(empty_engine):
    from alembic import command

    from bot.db import upgrade
    from bot.db.migrate import alembic_config

    engine = empty_engine
    upgrade(engine, "0002")
    with engine.begin() as conn:
        _session(conn, "k" * 32)
    upgrade(engine)
    assert {"feedback", "monthly_counts"} <= set(sa.inspect(engine).get_table_names())
    command.downgrade(alembic_config(engine), "0002")
    tables = set(sa.inspect(engine).get_table_names())
    assert "feedback" not in tables and "monthly_counts" not in tables
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM sessions")).scalar_one() == 1
