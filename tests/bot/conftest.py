"""Real, migrated SQLite databases and a hand-moved clock for the services."""

from __future__ import annotations

import pytest

from tests.support.clock import Clock


@pytest.fixture()
def clock() -> Clock:
    return Clock()


@pytest.fixture()
def engine(tmp_path):
    from bot.db import connect, upgrade

    engine = connect(f"sqlite:///{tmp_path / 'councilbot.db'}")
    upgrade(engine)
    yield engine
    engine.dispose()
