"""A real migrated database with conversations and ratings written as the
gateway writes them, and knowledge files in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.conversations import ConversationLog
from tests.support import reports


@pytest.fixture()
def chats(engine, clock) -> reports.Chats:
    return reports.Chats(ConversationLog(engine, clock))


@pytest.fixture()
def rate(engine):
    return lambda *args, **kwargs: reports.rate(engine, *args, **kwargs)


@pytest.fixture()
def knowledge(tmp_path) -> Path:
    return reports.write_knowledge(tmp_path / "knowledge")
