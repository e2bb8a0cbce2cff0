"""Conversations as the gateway and Rasa store them, for the records tests:
a tracker store with Rasa 3.6's `events` table, sessions with minimised
messages, and the raw bytes of a database file."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.conversations import ConversationLog, Outgoing

# Rasa 3.6's SQLTrackerStore creates this table (rasa/core/tracker_store.py).
RASA_EVENTS = """
CREATE TABLE events (
    id INTEGER NOT NULL PRIMARY KEY,
    sender_id VARCHAR(255) NOT NULL,
    type_name VARCHAR(255) NOT NULL,
    timestamp FLOAT,
    intent_name VARCHAR(255),
    action_name VARCHAR(255),
    data TEXT
);
CREATE INDEX ix_events_sender_id ON events (sender_id);
"""


def make_tracker(path: Path) -> Path:
    with sqlite3.connect(path) as db:
        db.executescript(RASA_EVENTS)
    return path


def gateway_file(engine: Engine) -> Path:
    """The gateway's SQLite file. What lies on disk after a delete is
    SQLite's business here (secure delete, VACUUM, the WAL checkpoint);
    PostgreSQL keeps a dead row's bytes until VACUUM, so it is not checked."""
    if engine.dialect.name != "sqlite":
        pytest.skip("the deleted text's bytes are checked in SQLite's file only")
    return Path(engine.url.database)


def file_bytes(path: Path) -> bytes:
    """The database file and its write-ahead log, as they lie on disk."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def tracker_rows(path: Path, sender_id: str) -> int:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM events WHERE sender_id = ?", (sender_id,)).fetchone()[0]


class Conversations:
    """Makes conversations as the gateway would: a session, minimised
    messages, and Rasa's events under the same id."""

    def __init__(self, log: ConversationLog, tracker_path: Path, clock: Callable[[], dt.datetime]) -> None:
        self.log = log
        self.tracker_path = tracker_path
        self.clock = clock

    def make(self, *texts: str, special: bool = False) -> str:
        session_id = self.log.new_id()
        self.log.open(session_id)
        self.log.append(session_id, [Outgoing("assistant", "Hello, I am the council's assistant.")])
        for text in texts:
            self.log.append(session_id, [Outgoing("resident", text)])
            self.rasa_event(session_id, text)
        if special:
            self.log.flag_special_category(session_id)
        return session_id

    def rasa_event(self, sender_id: str, text: str, at: dt.datetime | None = None) -> None:
        at = at or self.clock()
        with sqlite3.connect(self.tracker_path) as db:
            db.execute("INSERT INTO events (sender_id, type_name, timestamp, intent_name, data) "
                       "VALUES (?, 'user', ?, 'ask_service', ?)",
                       (sender_id, at.timestamp(), json.dumps({"event": "user", "text": text})))

    def tracker_rows(self, sender_id: str) -> int:
        return tracker_rows(self.tracker_path, sender_id)
