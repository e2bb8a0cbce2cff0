"""The gateway's record of open chat sessions (SQLite under var/).

It holds ids and times only: no message text, ever."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import uuid
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    last_active_at TEXT NOT NULL,
    messages INTEGER NOT NULL DEFAULT 0
);
"""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class SessionStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(SCHEMA)
        self._lock = threading.Lock()

    @staticmethod
    def new_id() -> str:
        return uuid.uuid4().hex

    def add(self, session_id: str) -> None:
        """Records a session once the assistant has opened it."""
        now = _now()
        with self._lock:
            self._db.execute("INSERT INTO sessions (id, created_at, last_active_at) VALUES (?, ?, ?)",
                             (session_id, now, now))
        return session_id

    def exists(self, session_id: str) -> bool:
        with self._lock:
            row = self._db.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return row is not None

    def touch(self, session_id: str) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE sessions SET last_active_at = ?, messages = messages + 1 WHERE id = ?",
                (_now(), session_id))

    def close(self) -> None:
        self._db.close()
