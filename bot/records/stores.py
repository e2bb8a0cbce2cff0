"""The two places a conversation is kept, as the records see them: the
gateway's own tables, and Rasa's tracker store. Both are cleared with
SQLite's secure delete on, and a purge compacts them afterwards, so deleted
text does not linger in the files' free pages."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    delete,
    event,
    func,
    inspect,
    select,
)

from bot.db.tables import audit_log, metadata, sessions
from bot.settings import Settings

logger = logging.getLogger(__name__)

# Enough ids per statement for any engine's parameter limit.
CHUNK = 500

# Rasa 3.6's SQLTrackerStore keeps a conversation as rows of `events`, keyed
# by `sender_id`, which is the gateway's session id (see rasa_client.py).
_rasa = MetaData()
events = Table(
    "events", _rasa,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False),
    Column("timestamp", Float),
)


def chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def session_tables() -> list[Table]:
    """Every gateway table holding rows of a conversation, children first and
    `sessions` last. A table added later with a `session_id` column is
    cleared too; the audit log keeps its rows, which hold no content."""
    children = [t for t in reversed(metadata.sorted_tables)
                if "session_id" in t.c and t is not audit_log]
    return [*children, sessions]


def lock_sessions(conn: Connection, session_ids: Sequence[str]) -> None:
    """Holds these sessions' rows until the transaction ends, so that no
    message or handoff joins one between the check and the delete (its
    foreign key check waits). SQLite has no row locks to take."""
    if conn.dialect.name == "sqlite":
        return
    for part in chunks(sorted(session_ids)):
        conn.execute(select(sessions.c.id).where(sessions.c.id.in_(part)).order_by(sessions.c.id)
                     .with_for_update())


def delete_conversations(conn: Connection, session_ids: Sequence[str]) -> dict[str, int]:
    """Deletes the conversations from every gateway table (not relying on
    ON DELETE CASCADE, so the counts are exact); returns rows per table."""
    counts: dict[str, int] = {}
    for table in session_tables():
        key = table.c.id if table is sessions else table.c.session_id
        removed = 0
        for part in chunks(session_ids):
            removed += conn.execute(delete(table).where(key.in_(part))).rowcount
        counts[table.name] = removed
    return counts


def count_rows(conn: Connection, session_ids: Sequence[str]) -> dict[str, int]:
    """What `delete_conversations` would delete."""
    counts: dict[str, int] = {}
    for table in session_tables():
        key = table.c.id if table is sessions else table.c.session_id
        counts[table.name] = sum(
            conn.execute(select(func.count()).select_from(table).where(key.in_(part))).scalar_one()
            for part in chunks(session_ids))
    return counts


def compact(engine: Engine) -> None:
    """SQLite keeps a deleted row's bytes in the file's free pages until
    VACUUM rewrites it, and in the write-ahead log until a checkpoint.
    PostgreSQL's autovacuum reclaims dead rows by itself."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM")
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def checkpoint(engine: Engine) -> None:
    """Moves the write-ahead log into the file and empties it: after a secure
    delete, the log's older copies of the pages are the last place the text
    could be."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def tracker_url(settings: Settings) -> str:
    """`COUNCILBOT_TRACKER_DB_URL` if set (PostgreSQL, say), else the SQLite
    file Rasa's endpoints.yml is given in `COUNCILBOT_TRACKER_DB`."""
    return settings.tracker_db_url or f"sqlite:///{Path(settings.tracker_db)}"


def _tracker_pragmas(dbapi_connection, _record) -> None:
    # Rasa owns this file: its journal mode is left as Rasa set it.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


class TrackerStore:
    """Rasa's tracker store, cleared directly through SQL. Rasa reads a
    tracker from the store on every message, so a deleted conversation is
    simply gone for it too. A SQLite file that does not exist yet (Rasa has
    not started) holds nothing, and is never created here."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine: Engine | None = None

    def _sqlite_path(self) -> Path | None:
        return Path(self.url.removeprefix("sqlite:///")) if self.url.startswith("sqlite:///") else None

    def engine(self) -> Engine | None:
        if self._engine is None:
            path = self._sqlite_path()
            if path is not None and not path.exists():
                return None
            self._engine = create_engine(self.url, pool_pre_ping=True)
            if self._engine.dialect.name == "sqlite":
                event.listen(self._engine, "connect", _tracker_pragmas)
        if not inspect(self._engine).has_table("events"):
            return None
        return self._engine

    def count(self, sender_ids: Sequence[str]) -> int:
        engine = self.engine()
        if engine is None or not sender_ids:
            return 0
        with engine.connect() as conn:
            return sum(conn.execute(select(func.count()).select_from(events)
                                    .where(events.c.sender_id.in_(part))).scalar_one()
                       for part in chunks(sender_ids))

    def delete(self, sender_ids: Sequence[str]) -> int:
        engine = self.engine()
        if engine is None or not sender_ids:
            return 0
        with engine.begin() as conn:
            return sum(conn.execute(delete(events).where(events.c.sender_id.in_(part))).rowcount
                       for part in chunks(sender_ids))

    def idle_since(self, before: dt.datetime) -> list[str]:
        """Conversations whose newest event is older than `before`."""
        engine = self.engine()
        if engine is None:
            return []
        with engine.connect() as conn:
            return list(conn.execute(select(events.c.sender_id).group_by(events.c.sender_id)
                                     .having(func.max(events.c.timestamp) < before.timestamp()))
                        .scalars())

    def checkpoint(self) -> None:
        engine = self.engine()
        if engine is not None:
            checkpoint(engine)

    def compact(self) -> None:
        engine = self.engine()
        if engine is not None:
            compact(engine)

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def unknown_to_gateway(conn: Connection, session_ids: Iterable[str]) -> list[str]:
    """Of these ids, the ones the gateway has no session for."""
    ids = list(session_ids)
    known: set[str] = set()
    for part in chunks(ids):
        known.update(conn.execute(select(sessions.c.id).where(sessions.c.id.in_(part))).scalars())
    return [i for i in ids if i not in known]
