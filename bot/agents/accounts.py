"""Agent accounts. Passwords are hashed with argon2 (argon2-cffi's defaults);
repeated wrong passwords lock an account for a while."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from bot.db.tables import agents

ROLES = ("agent", "supervisor")
AVAILABILITY = ("available", "away")
MIN_PASSWORD_CHARS = 12
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
_hasher = PasswordHasher()
# Verified against when the username is unknown, so a wrong username takes
# as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


@dataclass(frozen=True)
class Agent:
    id: int
    username: str
    name: str
    role: str
    availability: str

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"


@dataclass(frozen=True)
class SignIn:
    agent: Agent | None
    outcome: str  # ok | wrong | locked
    locked_until: dt.datetime | None = None


def _agent(row) -> Agent:
    return Agent(row.id, row.username, row.display_name, row.role, row.availability)


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_CHARS:
        raise ValueError(f"the password must be at least {MIN_PASSWORD_CHARS} characters")
    if len(password) > 1024:
        raise ValueError("the password is too long (at most 1024 characters)")


def add(engine: Engine, username: str, name: str, role: str, password: str, now: dt.datetime) -> Agent:
    username = username.strip().lower()
    if not _USERNAME.match(username):
        raise ValueError("a username is 2 to 64 lower-case letters, digits, dots, dashes or underscores")
    if role not in ROLES:
        raise ValueError(f"the role must be one of: {', '.join(ROLES)}")
    if not name.strip():
        raise ValueError("the display name (shown to residents) must not be empty")
    check_password(password)
    try:
        with engine.begin() as conn:
            conn.execute(insert(agents).values(username=username, display_name=name.strip()[:80], role=role,
                                               password_hash=_hasher.hash(password), created_at=now))
    except IntegrityError:
        raise ValueError(f"an agent called {username!r} already exists") from None
    found = get_by_username(engine, username)
    assert found is not None
    return found


def remove(engine: Engine, username: str) -> None:
    with engine.begin() as conn:
        if conn.execute(delete(agents).where(agents.c.username == username)).rowcount != 1:
            raise ValueError(f"there is no agent called {username!r}")


def reset_password(engine: Engine, username: str, password: str) -> None:
    check_password(password)
    with engine.begin() as conn:
        done = conn.execute(update(agents).where(agents.c.username == username).values(
            password_hash=_hasher.hash(password), failed_signins=0, locked_until=None)).rowcount
    if done != 1:
        raise ValueError(f"there is no agent called {username!r}")


def all_agents(engine: Engine) -> list[Agent]:
    with engine.connect() as conn:
        return [_agent(r) for r in conn.execute(select(agents).order_by(agents.c.username))]


def get(engine: Engine, agent_id: int) -> Agent | None:
    with engine.connect() as conn:
        row = conn.execute(select(agents).where(agents.c.id == agent_id)).first()
    return _agent(row) if row is not None else None


def get_by_username(engine: Engine, username: str) -> Agent | None:
    with engine.connect() as conn:
        row = conn.execute(select(agents).where(agents.c.username == username)).first()
    return _agent(row) if row is not None else None


def set_availability(engine: Engine, agent_id: int, availability: str) -> None:
    if availability not in AVAILABILITY:
        raise ValueError(f"availability must be one of: {', '.join(AVAILABILITY)}")
    with engine.begin() as conn:
        conn.execute(update(agents).where(agents.c.id == agent_id).values(availability=availability))


def authenticate(engine: Engine, username: str, password: str, now: dt.datetime,
                 max_failures: int, lockout: dt.timedelta) -> SignIn:
    username = username.strip().lower()
    with engine.begin() as conn:
        # On PostgreSQL the row stays locked until the count is written, so
        # parallel wrong guesses cannot each count from the same number.
        row = conn.execute(select(agents).where(agents.c.username == username).with_for_update()).first()
        if row is None:
            _verify(_DUMMY_HASH, password)
            return SignIn(None, "wrong")
        if row.locked_until is not None and row.locked_until > now:
            return SignIn(None, "locked", row.locked_until)
        if _verify(row.password_hash, password):
            conn.execute(update(agents).where(agents.c.id == row.id)
                         .values(failed_signins=0, locked_until=None))
            return SignIn(_agent(row), "ok")
        failures = row.failed_signins + 1
        locked_until = now + lockout if failures >= max_failures else None
        conn.execute(update(agents).where(agents.c.id == row.id).values(
            failed_signins=0 if locked_until else failures, locked_until=locked_until))
        return SignIn(None, "locked" if locked_until else "wrong", locked_until)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
