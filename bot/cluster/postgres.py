"""A private PostgreSQL on loopback, run from Debian's binaries, for the
gateway's tables (`councilbot`) and Rasa's tracker store (`rasa`).

`initialise` makes the data directory once and is safe to call at every
start; `server_command` is the foreground server supervisor runs (SIGINT is
a fast shutdown). Beside the data directory `DATA` sit `DATA-passwords/`
(one file per role, 0600, made with `secrets`; no password is ever printed,
logged or sent in a statement) and `DATA-socket/` for the Unix socket.

PostgreSQL refuses to run as root: as root, initdb and the server run as the
`postgres` system user, which owns the data directory.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pwd
import secrets
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import psycopg
from psycopg import sql

logger = logging.getLogger(__name__)

SUPERUSER = "postgres"
# Each owns the database of the same name.
ROLES = ("councilbot", "rasa")
SERVER_USER = "postgres"
HOST = "127.0.0.1"
# A Unix socket's path must fit in 108 bytes; a deep var directory puts the
# socket in the system's temporary directory instead.
MAX_SOCKET_PATH = 100
LONGEST_SOCKET_NAME = ".s.PGSQL.65535.lock"
CONFIG_NAME = "councilbot.conf"
READY_MARK = "councilbot.initialised"
SETUP_HINT = "run scripts/setup-cluster.sh to install Debian's postgresql package"


class ClusterError(RuntimeError):
    """The private PostgreSQL cannot be set up or started."""


def bindir() -> Path:
    """The directory holding initdb and postgres: `pg_config --bindir`, else
    the newest of Debian's /usr/lib/postgresql/*/bin."""
    try:
        found = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True,
                               check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        found = ""
    if found and (Path(found) / "initdb").is_file():
        return Path(found)
    versions = [p for p in Path("/usr/lib/postgresql").glob("*/bin") if (p / "initdb").is_file()]
    versions.sort(key=lambda p: [int(x) for x in p.parent.name.split(".") if x.isdigit()], reverse=True)
    if versions:
        return versions[0]
    raise ClusterError(f"PostgreSQL's server programs (initdb, postgres) were not found: {SETUP_HINT}.")


def passwords_dir(data_dir: Path) -> Path:
    return data_dir.parent / f"{data_dir.name}-passwords"


def password_file(data_dir: Path, role: str) -> Path:
    return passwords_dir(data_dir) / role


def password(data_dir: Path, role: str) -> str:
    path = password_file(data_dir, role)
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        raise ClusterError(f"no password for {role!r} at {path}: run initialise first") from None


def socket_dir(data_dir: Path) -> Path:
    data_dir = data_dir.resolve()
    beside = data_dir.parent / f"{data_dir.name}-socket"
    if len(str(beside / LONGEST_SOCKET_NAME)) <= MAX_SOCKET_PATH:
        return beside
    digest = hashlib.sha256(str(data_dir).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"councilbot-pg-{digest}"


def database_url(data_dir: Path, port: int, name: str, driver: str = "postgresql+psycopg") -> str:
    """The URL for database `name` as its own role, over TCP on loopback."""
    if name not in ROLES:
        raise ValueError(f"unknown database {name!r}: use one of {', '.join(ROLES)}")
    return f"{driver}://{name}:{quote(password(data_dir, name), safe='')}@{HOST}:{port}/{name}"


# -- running as the server's user ------------------------------------------

def _as_root() -> bool:
    return os.geteuid() == 0


def _server_ids() -> tuple[int, int]:
    if not _as_root():
        return os.getuid(), os.getgid()
    try:
        entry = pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise ClusterError(f"PostgreSQL will not run as root and there is no {SERVER_USER!r} system user "
                           f"to run it as: {SETUP_HINT}, which creates it.") from None
    return entry.pw_uid, entry.pw_gid


def _run_as() -> list[str]:
    """The prefix that drops root for the server's user (empty otherwise).
    setpriv execs in place, so a signal to the process reaches postgres."""
    if not _as_root():
        return []
    _server_ids()
    if setpriv := shutil.which("setpriv"):
        return [setpriv, f"--reuid={SERVER_USER}", f"--regid={SERVER_USER}", "--init-groups", "--"]
    if runuser := shutil.which("runuser"):
        return [runuser, "-u", SERVER_USER, "--"]
    raise ClusterError("running PostgreSQL as root needs setpriv or runuser (Debian's util-linux) "
                       f"to switch to the {SERVER_USER!r} user")


def _give_to_server(path: Path, mode: int) -> None:
    os.chmod(path, mode)
    if _as_root():
        uid, gid = _server_ids()
        os.chown(path, uid, gid)


def _make_traversable(path: Path) -> None:
    """As root, lets the server's user reach `path` by adding search (never
    read) permission for others to any ancestor that withholds it."""
    if not _as_root():
        return
    uid, gid = _server_ids()
    groups = set(os.getgrouplist(SERVER_USER, gid))
    for parent in path.resolve().parents:
        st = parent.stat()
        if (st.st_uid == uid and st.st_mode & stat.S_IXUSR) or \
                (st.st_gid in groups and st.st_mode & stat.S_IXGRP) or st.st_mode & stat.S_IXOTH:
            continue
        logger.info("letting the %s user through %s (search only)", SERVER_USER, parent)
        os.chmod(parent, stat.S_IMODE(st.st_mode) | stat.S_IXOTH)


def _private_dir(path: Path) -> None:
    """A directory only the server's user can use; one that exists must be
    a real directory of theirs (the socket may live in /tmp)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    st = path.lstat()
    if not stat.S_ISDIR(st.st_mode):
        raise ClusterError(f"{path} is not a directory: remove it and start again")
    if st.st_uid not in {os.getuid(), _server_ids()[0]}:
        raise ClusterError(f"{path} belongs to another user: remove it or choose another data directory")
    _give_to_server(path, 0o700)


def _ensure_password(data_dir: Path, role: str) -> str:
    path = password_file(data_dir, role)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        os.chmod(path, 0o600)
        return password(data_dir, role)
    with os.fdopen(fd, "w") as out:
        out.write(secrets.token_urlsafe(32) + "\n")
    return password(data_dir, role)


# -- commands --------------------------------------------------------------

def _command(data_dir: Path, port: int, listen: str, settings: Mapping[str, str] | None) -> list[str]:
    command = [*_run_as(), str(bindir() / "postgres"), "-D", str(data_dir.resolve()), "-p", str(port),
               "-k", str(socket_dir(data_dir)), "-c", f"listen_addresses={listen}"]
    for key, value in (settings or {}).items():
        command += ["-c", f"{key}={value}"]
    return command


def server_command(data_dir: Path, port: int, settings: Mapping[str, str] | None = None) -> list[str]:
    """The server in the foreground, on loopback only. `settings` are extra
    `-c` options (the tests' throwaway server turns fsync off)."""
    return _command(data_dir, port, HOST, settings)


def stop(process: subprocess.Popen, timeout: float = 30.0) -> None:
    """A fast shutdown (SIGINT): open transactions are rolled back."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def admin(data_dir: Path, port: int, dbname: str = "postgres") -> Iterator[psycopg.Connection]:
    """The superuser, through the Unix socket, in autocommit."""
    with psycopg.connect(host=str(socket_dir(data_dir)), port=port, user=SUPERUSER, dbname=dbname,
                         password=password(data_dir, SUPERUSER), autocommit=True,
                         connect_timeout=5) as conn:
        yield conn


def wait_ready(data_dir: Path, port: int, timeout: float = 30.0,
               process: subprocess.Popen | None = None) -> None:
    """Returns once the server takes connections; raises `ClusterError` if
    `process` ends first or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        if process is not None and process.poll() is not None:
            raise ClusterError(f"PostgreSQL stopped while starting (exit {process.returncode}): "
                               "see its log for why")
        try:
            with admin(data_dir, port):
                return
        except psycopg.OperationalError as exc:
            if time.monotonic() > deadline:
                raise ClusterError(f"PostgreSQL did not take connections on port {port} within "
                                   f"{timeout:.0f}s: {exc}") from None
        time.sleep(0.1)


# -- initialising ----------------------------------------------------------

def _initdb(data_dir: Path) -> None:
    superuser = _ensure_password(data_dir, SUPERUSER)
    # initdb reads the password from a file the server's user can read; it
    # lives only as long as initdb runs.
    with tempfile.TemporaryDirectory(prefix="councilbot-pg-") as tmp:
        _give_to_server(Path(tmp), 0o700)
        pwfile = Path(tmp) / "pwfile"
        fd = os.open(pwfile, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(superuser + "\n")
        _give_to_server(pwfile, 0o600)
        # C collation: text sorts by bytes, as on SQLite, and the same on
        # every machine.
        result = subprocess.run(
            [*_run_as(), str(bindir() / "initdb"), "-D", str(data_dir.resolve()), f"--username={SUPERUSER}",
             f"--pwfile={pwfile}", "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C"],
            capture_output=True, text=True, cwd="/")
    if result.returncode != 0:
        raise ClusterError(f"initdb failed for {data_dir}:\n{(result.stdout + result.stderr).strip()}")
    logger.info("made a PostgreSQL data directory at %s", data_dir)


def _write_config(data_dir: Path, port: int) -> None:
    def literal(value: str) -> str:
        return "'" + value.replace("'", "''") + "'"

    config = data_dir / CONFIG_NAME
    config.write_text(
        "# Written by bot/cluster/postgres.py at each initialise: edits are lost.\n"
        f"listen_addresses = {literal(HOST)}\n"
        f"port = {port}\n"
        f"unix_socket_directories = {literal(str(socket_dir(data_dir)))}\n"
        "unix_socket_permissions = 0700\n"
        "password_encryption = 'scram-sha-256'\n")
    _give_to_server(config, 0o600)
    main = data_dir / "postgresql.conf"
    include = f"include = {literal(CONFIG_NAME)}\n"
    if include not in main.read_text():
        with main.open("a") as out:
            out.write("\n" + include)


def _ensure_roles(conn: psycopg.Connection, data_dir: Path) -> None:
    """Each role with its own database. The password goes to the server as
    a SCRAM verifier made here, so it is in no statement the server logs."""
    for role in ROLES:
        verifier = conn.pgconn.encrypt_password(_ensure_password(data_dir, role).encode(), role.encode(),
                                                b"scram-sha-256").decode()
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        conn.execute(sql.SQL("{} ROLE {} LOGIN PASSWORD {}").format(
            sql.SQL("ALTER" if exists else "CREATE"), sql.Identifier(role), sql.Literal(verifier)))
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (role,)).fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {} OWNER {} ENCODING 'UTF8'").format(
                sql.Identifier(role), sql.Identifier(role)))
            conn.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(sql.Identifier(role)))
        logger.info("PostgreSQL role and database %r ready", role)


def _is_ready(data_dir: Path) -> bool:
    return (data_dir / READY_MARK).exists() and all(
        password_file(data_dir, role).exists() for role in (SUPERUSER, *ROLES))


def initialise(data_dir: Path, port: int) -> None:
    """Makes the data directory, its configuration and the roles and
    databases, as far as they are missing; the server is started briefly
    (on the Unix socket only) when roles are still to be made, unless it is
    running already."""
    data_dir = Path(data_dir)
    _server_ids()
    bindir()
    data_dir.mkdir(parents=True, exist_ok=True)
    _give_to_server(data_dir, 0o700)
    _make_traversable(data_dir)
    _private_dir(socket_dir(data_dir))
    _make_traversable(socket_dir(data_dir))
    if not (data_dir / "PG_VERSION").exists():
        _initdb(data_dir)
    elif not password_file(data_dir, SUPERUSER).exists():
        raise ClusterError(f"the superuser's password for {data_dir} is gone "
                           f"({password_file(data_dir, SUPERUSER)}): remove the data directory "
                           "to make a new one")
    _write_config(data_dir, port)
    if _is_ready(data_dir):
        return
    try:
        with admin(data_dir, port) as conn:
            _ensure_roles(conn, data_dir)
    except psycopg.OperationalError:
        _with_brief_server(data_dir, port)
    mark = data_dir / READY_MARK
    mark.write_text("roles and databases made\n")
    _give_to_server(mark, 0o600)


def _with_brief_server(data_dir: Path, port: int) -> None:
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(_command(data_dir, port, "", None), stdout=log, stderr=subprocess.STDOUT,
                                   cwd="/")
        try:
            wait_ready(data_dir, port, process=process)
            with admin(data_dir, port) as conn:
                _ensure_roles(conn, data_dir)
        except ClusterError as exc:
            log.seek(0)
            raise ClusterError(f"{exc}\n{log.read().decode(errors='replace')[-2000:]}") from None
        finally:
            stop(process)
