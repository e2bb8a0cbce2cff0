"""One SQLAlchemy engine per process, from `COUNCILBOT_DATABASE_URL` (default:
a SQLite file under var/)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from bot.settings import Settings


def database_url(settings: Settings) -> str:
    return settings.database_url or f"sqlite:///{Path(settings.var_dir) / 'councilbot.db'}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Deleted rows are overwritten with zeros, not left in free pages.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def connect(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine
