"""Real, migrated databases (a SQLite file, or with `--database postgresql` a
database on a real PostgreSQL) and a hand-moved clock for the services."""

from __future__ import annotations

import pytest

from tests.support.clock import Clock


@pytest.fixture()
def clock() -> Clock:
    return Clock()


@pytest.fixture()
def empty_engine(request, tmp_path):
    """A database with no tables yet, for the migrations' own tests."""
    if request.config.getoption("--database") == "postgresql":
        server = request.getfixturevalue("postgresql")
        name, engine = server.new_database(migrated=False)
        yield engine
        engine.dispose()
        server.drop(name)
        return
    from bot.db import connect

    engine = connect(f"sqlite:///{tmp_path / 'empty.db'}")
    yield engine
    engine.dispose()


@pytest.fixture()
def engine(request, tmp_path):
    if request.config.getoption("--database") == "postgresql":
        server = request.getfixturevalue("postgresql")
        name, engine = server.new_database()
        yield engine
        engine.dispose()
        server.drop(name)
        return
    from bot.db import connect, upgrade

    engine = connect(f"sqlite:///{tmp_path / 'councilbot.db'}")
    upgrade(engine)
    yield engine
    engine.dispose()
