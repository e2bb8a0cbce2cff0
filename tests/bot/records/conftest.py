"""Both stores, real and on disk: the gateway's migrated SQLite database and
a tracker store with Rasa 3.6's `events` table, and a hand-moved clock."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from bot.agents import accounts
from bot.conversations import ConversationLog
from bot.council import load_council
from bot.handoff.service import HandoffService
from bot.records import Records, TrackerStore
from tests.support.records import Conversations, make_tracker

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture()
def council():
    return dataclasses.replace(load_council(ROOT / "config" / "council.yml"),
                               transcript_retention_days=30, special_category_retention_days=7)


@pytest.fixture()
def tracker_path(tmp_path) -> Path:
    return make_tracker(tmp_path / "tracker.db")


@pytest.fixture()
def tracker(tracker_path):
    store = TrackerStore(f"sqlite:///{tracker_path}")
    yield store
    store.dispose()


@pytest.fixture()
def records(engine, tracker, council, clock):
    return Records(engine, tracker, council, clock)


@pytest.fixture()
def log(engine, clock):
    return ConversationLog(engine, clock)


@pytest.fixture()
def handoffs(engine, council, clock):
    return HandoffService(engine, council.contact_centre, clock,
                          abandon_after=dt.timedelta(minutes=10), reply_within=dt.timedelta(minutes=3))


@pytest.fixture()
def sam(engine, clock):
    return accounts.add(engine, "sam", "Sam", "agent", "a long agent password", clock())


@pytest.fixture()
def conversations(log, tracker_path, clock) -> Conversations:
    return Conversations(log, tracker_path, clock)
