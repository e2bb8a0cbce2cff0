"""Agent accounts: argon2 hashes, roles, and the lock after wrong passwords."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from bot.agents import accounts
from bot.db.tables import agents

PASSWORD = "correct horse battery"
LOCK = dt.timedelta(minutes=15)


def sign_in(engine, clock, password: str, username: str = "sam"):
    return accounts.authenticate(engine, username, password, clock(), max_failures=3, lockout=LOCK)


@pytest.fixture()
def sam(engine, clock):
    return accounts.add(engine, "sam", "Sam", "agent", PASSWORD, clock())


def test_the_password_is_stored_only_as_an_argon2_hash(engine, sam):
    with engine.connect() as conn:
        stored = conn.execute(sa.select(agents.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


@pytest.mark.parametrize("username, name, role, password, problem", [
    ("sam", "Sam", "agent", "short", "at least 12"),
    ("Not Valid!", "Sam", "agent", PASSWORD, "username"),
    ("jo", "Jo", "boss", PASSWORD, "role"),
    ("jo", "  ", "agent", PASSWORD, "display name"),
])
def test_bad_accounts_are_refused_with_the_reason(engine, clock, username, name, role, password, problem):
    with pytest.raises(ValueError, match=problem):
        accounts.add(engine, username, name, role, password, clock())


def test_a_username_is_taken_once(engine, clock, sam):
    with pytest.raises(ValueError, match="already exists"):
        accounts.add(engine, "SAM", "Sam again", "agent", PASSWORD, clock())


def test_the_right_password_signs_in(engine, clock, sam):
    result = sign_in(engine, clock, PASSWORD)
    assert result.outcome == "ok" and result.agent == sam


@pytest.mark.parametrize("username, password", [("sam", "wrong password!"), ("nobody", PASSWORD)])
def test_a_wrong_username_or_password_does_not(engine, clock, sam, username, password):
    result = sign_in(engine, clock, password, username)
    assert result.outcome == "wrong" and result.agent is None


def test_repeated_wrong_passwords_lock_the_account_for_a_time(engine, clock, sam):
    outcomes = [sign_in(engine, clock, "nope nope nope").outcome for _ in range(3)]
    assert outcomes == ["wrong", "wrong", "locked"]
    assert sign_in(engine, clock, PASSWORD).outcome == "locked"
    clock.advance(minutes=16)
    assert sign_in(engine, clock, PASSWORD).outcome == "ok"


def test_parallel_wrong_passwords_each_count(engine, clock, sam):
    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite has no row lock to take: run with --database postgresql")
    barrier = threading.Barrier(3)

    def guess() -> str:
        barrier.wait()
        return sign_in(engine, clock, "nope nope nope").outcome

    with ThreadPoolExecutor(3) as pool:
        outcomes = sorted(pool.map(lambda _: guess(), range(3)))
    assert outcomes == ["locked", "wrong", "wrong"]
    assert sign_in(engine, clock, PASSWORD).outcome == "locked"


def test_a_good_sign_in_clears_the_count(engine, clock, sam):
    sign_in(engine, clock, "nope nope nope")
    sign_in(engine, clock, "nope nope nope")
    assert sign_in(engine, clock, PASSWORD).outcome == "ok"
    assert sign_in(engine, clock, "nope nope nope").outcome == "wrong"


def test_reset_password_unlocks(engine, clock, sam):
    for _ in range(3):
        sign_in(engine, clock, "nope nope nope")
    accounts.reset_password(engine, "sam", "a brand new password")
    assert sign_in(engine, clock, "a brand new password").outcome == "ok"


def test_remove_and_list(engine, clock, sam):
    accounts.add(engine, "alex", "Alex", "supervisor", PASSWORD, clock())
    assert [(a.username, a.role) for a in accounts.all_agents(engine)] == [("alex", "supervisor"),
                                                                            ("sam", "agent")]
    accounts.remove(engine, "sam")
    assert [a.username for a in accounts.all_agents(engine)] == ["alex"]
    with pytest.raises(ValueError, match="no agent"):
        accounts.remove(engine, "sam")


def test_availability_is_available_or_away(engine, sam):
    accounts.set_availability(engine, sam.id, "available")
    assert accounts.get(engine, sam.id).availability == "available"
    with pytest.raises(ValueError):
        accounts.set_availability(engine, sam.id, "asleep")
