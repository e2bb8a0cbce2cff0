from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.agents import accounts
from bot.conversations import ConversationLog
from bot.council import load_council
from bot.handoff.service import HandoffService

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "correct horse battery"


@pytest.fixture()
def centre():
    return load_council(ROOT / "config" / "council.yml").contact_centre


@pytest.fixture()
def log(engine, clock):
    return ConversationLog(engine, clock)


@pytest.fixture()
def service(engine, centre, clock):
    return HandoffService(engine, centre, clock, abandon_after=dt.timedelta(minutes=10),
                          reply_within=dt.timedelta(minutes=3))


@pytest.fixture()
def conversation(log):
    def make() -> str:
        session_id = log.new_id()
        log.open(session_id)
        return session_id
    return make


@pytest.fixture()
def sam(engine, clock):
    return accounts.add(engine, "sam", "Sam", "agent", PASSWORD, clock())


@pytest.fixture()
def alex(engine, clock):
    return accounts.add(engine, "alex", "Alex", "agent", PASSWORD, clock())
