"""The private PostgreSQL, as bot/cluster/postgres.py makes and runs it: the
session's throwaway server is one (run with `--database postgresql`)."""

from __future__ import annotations

import socket
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from bot.cluster import postgres

pytestmark = pytest.mark.database

LISTEN = "0A"


def _system_identifier(server) -> int:
    with postgres.admin(server.data_dir, server.port) as conn:
        return conn.execute("SELECT system_identifier FROM pg_control_system()").fetchone()[0]


def _connects_as(url: str) -> tuple[str, str]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return tuple(conn.execute(sa.text("SELECT current_user, current_database()")).one())
    finally:
        engine.dispose()


def _listening(port: int) -> set[str]:
    """The addresses a TCP socket listens on at `port`, from /proc/net."""
    found = set()
    for table, size in (("/proc/net/tcp", 4), ("/proc/net/tcp6", 16)):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == LISTEN and int(hex_port, 16) == port:
                raw = bytes.fromhex(address)
                # The kernel writes each 32-bit word in host (little-endian) order.
                words = b"".join(raw[i:i + 4][::-1] for i in range(0, size, 4))
                found.add(socket.inet_ntop(socket.AF_INET if size == 4 else socket.AF_INET6, words))
    return found


def test_initialising_again_changes_nothing(postgresql):
    passwords = {role: postgres.password(postgresql.data_dir, role)
                 for role in (postgres.SUPERUSER, *postgres.ROLES)}
    before = _system_identifier(postgresql)
    postgres.initialise(postgresql.data_dir, postgresql.port)
    # Without the mark, the roles are made again on the running server.
    (postgresql.data_dir / postgres.READY_MARK).unlink()
    postgres.initialise(postgresql.data_dir, postgresql.port)
    assert (postgresql.data_dir / postgres.READY_MARK).exists()
    assert _system_identifier(postgresql) == before
    assert {role: postgres.password(postgresql.data_dir, role) for role in passwords} == passwords
    for role in postgres.ROLES:
        assert _connects_as(postgres.database_url(postgresql.data_dir, postgresql.port, role)) == (role, role)


@pytest.mark.parametrize("role", [postgres.SUPERUSER, *postgres.ROLES])
def test_password_files_are_private_and_never_written_elsewhere(postgresql, role):
    path = postgres.password_file(postgresql.data_dir, role)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    secret = postgres.password(postgresql.data_dir, role)
    assert len(secret) >= 32
    log = postgresql.log_path.read_text()
    assert "database system is ready to accept connections" in log
    assert secret not in log
    for name in ("postgresql.conf", "postgresql.auto.conf", postgres.CONFIG_NAME):
        assert secret not in (postgresql.data_dir / name).read_text(), name


def test_the_data_directory_is_the_servers_alone(postgresql):
    assert stat.S_IMODE(postgresql.data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(postgres.socket_dir(postgresql.data_dir).stat().st_mode) == 0o700


def test_the_server_listens_on_loopback_only(postgresql):
    assert _listening(postgresql.port) == {"127.0.0.1"}
    with postgres.admin(postgresql.data_dir, postgresql.port) as conn:
        assert conn.execute("SHOW listen_addresses").fetchone()[0] == "127.0.0.1"


def test_the_socket_path_fits_however_deep_the_data_directory(tmp_path):
    deep = tmp_path.joinpath(*["a-rather-long-folder-name"] * 6, "postgres")
    assert len(str(postgres.socket_dir(deep) / postgres.LONGEST_SOCKET_NAME)) <= postgres.MAX_SOCKET_PATH
    assert postgres.socket_dir(deep) == postgres.socket_dir(deep)


@pytest.mark.parametrize("role, other", [("councilbot", "rasa"), ("rasa", "councilbot")])
def test_each_role_reaches_its_own_database_only(postgresql, role, other):
    url = postgres.database_url(postgresql.data_dir, postgresql.port, role)
    assert url.startswith(f"postgresql+psycopg://{role}:")
    assert _connects_as(url) == (role, role)
    elsewhere = make_url(url).set(database=other).render_as_string(hide_password=False)
    with pytest.raises(sa.exc.OperationalError, match="permission denied"):
        _connects_as(elsewhere)


def test_an_unknown_database_is_refused(postgresql):
    with pytest.raises(ValueError, match="unknown database 'tracker'"):
        postgres.database_url(postgresql.data_dir, postgresql.port, "tracker")
