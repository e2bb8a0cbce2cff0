"""Console sign-in sessions. The cookie holds a random token; the database
holds only its SHA-256, with the CSRF token and when it was last used, so an
idle session ends by itself."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import Engine, delete, insert, select, update

from bot.agents.accounts import Agent, get
from bot.db.tables import console_sessions


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(engine: Engine, agent_id: int, now: dt.datetime) -> tuple[str, str]:
    """A new session: returns (cookie token, CSRF token)."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with engine.begin() as conn:
        conn.execute(insert(console_sessions).values(token_hash=_hash(token), agent_id=agent_id,
                                                     csrf_token=csrf, created_at=now, last_seen_at=now))
    return token, csrf


def resume(engine: Engine, token: str, now: dt.datetime, idle: dt.timedelta,
           touch: bool = True) -> tuple[Agent, str] | None:
    """The agent and CSRF token of a live session, which counts as used now
    (unless `touch` is false: a websocket ping is not the agent at work);
    None for an unknown or idle session (which is ended)."""
    if not token or len(token) > 128:
        return None
    key = _hash(token)
    with engine.begin() as conn:
        row = conn.execute(select(console_sessions).where(console_sessions.c.token_hash == key)).first()
        if row is None:
            return None
        if now - row.last_seen_at > idle:
            conn.execute(delete(console_sessions).where(console_sessions.c.token_hash == key))
            return None
        if touch:
            conn.execute(update(console_sessions).where(console_sessions.c.token_hash == key)
                         .values(last_seen_at=now))
    agent = get(engine, row.agent_id)
    return (agent, row.csrf_token) if agent is not None else None


def end(engine: Engine, token: str) -> None:
    with engine.begin() as conn:
        conn.execute(delete(console_sessions).where(console_sessions.c.token_hash == _hash(token)))


def end_all(engine: Engine) -> int:
    """Ends every console session: every agent signs in again."""
    with engine.begin() as conn:
        return conn.execute(delete(console_sessions)).rowcount


def end_idle(engine: Engine, now: dt.datetime, idle: dt.timedelta) -> int:
    with engine.begin() as conn:
        return conn.execute(delete(console_sessions)
                            .where(console_sessions.c.last_seen_at < now - idle)).rowcount


def csrf_matches(expected: str, given: str | None) -> bool:
    return bool(given) and secrets.compare_digest(expected.encode(), str(given).encode())
