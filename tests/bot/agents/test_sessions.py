"""Console sessions end when idle; only a hash of the cookie is stored."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from bot.agents import accounts, sessions
from bot.db.tables import console_sessions

IDLE = dt.timedelta(minutes=30)


def test_a_session_lives_while_used_and_ends_when_idle(engine, clock):
    sam = accounts.add(engine, "sam", "Sam", "agent", "correct horse battery", clock())
    token, csrf = sessions.start(engine, sam.id, clock())
    for _ in range(3):
        clock.advance(minutes=20)
        assert sessions.resume(engine, token, clock(), IDLE) == (sam, csrf)
    clock.advance(minutes=31)
    assert sessions.resume(engine, token, clock(), IDLE) is None
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(console_sessions)).scalar_one() == 0


def test_a_websocket_check_does_not_keep_a_session_alive(engine, clock):
    sam = accounts.add(engine, "sam", "Sam", "agent", "correct horse battery", clock())
    token, _ = sessions.start(engine, sam.id, clock())
    clock.advance(minutes=20)
    assert sessions.resume(engine, token, clock(), IDLE, touch=False) is not None
    clock.advance(minutes=11)
    assert sessions.resume(engine, token, clock(), IDLE) is None


def test_only_the_hash_of_the_token_is_stored(engine, clock):
    sam = accounts.add(engine, "sam", "Sam", "agent", "correct horse battery", clock())
    token, _ = sessions.start(engine, sam.id, clock())
    with engine.connect() as conn:
        stored = conn.execute(sa.select(console_sessions.c.token_hash)).scalar_one()
    assert token not in stored and len(stored) == 64


def test_unknown_and_odd_tokens_are_no_session(engine, clock):
    for token in ("", "x" * 500, "not-a-token"):
        assert sessions.resume(engine, token, clock(), IDLE) is None


def test_csrf_tokens_must_match_exactly():
    assert sessions.csrf_matches("abc", "abc")
    assert not sessions.csrf_matches("abc", "abd")
    assert not sessions.csrf_matches("abc", None)
    assert not sessions.csrf_matches("abc", "")


def test_removing_an_agent_ends_their_sessions(engine, clock):
    sam = accounts.add(engine, "sam", "Sam", "agent", "correct horse battery", clock())
    token, _ = sessions.start(engine, sam.id, clock())
    accounts.remove(engine, "sam")
    assert sessions.resume(engine, token, clock(), IDLE) is None


def test_signing_everyone_out_ends_every_session_and_a_new_sign_in_works(engine, clock):
    sam = accounts.add(engine, "sam", "Sam", "agent", "correct horse battery", clock())
    alex = accounts.add(engine, "alex", "Alex", "agent", "staple battery horse", clock())
    tokens = [sessions.start(engine, a.id, clock())[0] for a in (sam, alex, sam)]
    assert sessions.end_all(engine) == 3
    assert all(sessions.resume(engine, t, clock(), IDLE) is None for t in tokens)
    fresh, csrf = sessions.start(engine, sam.id, clock())
    assert sessions.resume(engine, fresh, clock(), IDLE) == (sam, csrf)
