"""The assistant's processes under supervisor, which starts them and starts
again any one that dies (a crash, the out-of-memory killer, `kill -9`),
while the others keep serving.

One list of programs serves `make run` (output on the console) and the
integration tests' stack (output to one log file per program). The
configuration is written to the var directory at each start; the Rasa
token is not in it: supervisord reads it from its own environment.
`supervisorctl -c var/supervisord.conf status` shows each process.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
CONFIG_NAME = "supervisord.conf"
SOCKET_NAME = "supervisor.sock"
# A Unix socket's path must fit in 108 bytes; a deeper var directory puts
# the socket in the system's temporary directory instead.
MAX_SOCKET_PATH = 100
# A process that dies is started again at once; one that cannot stay up for
# STARTSECS seconds (a bad setting fails sooner) is tried STARTRETRIES times, then left FATAL (and
# `supervisorctl status` says so) rather than restarted for ever.
STARTSECS = 20
STARTRETRIES = 5
STOPWAITSECS = 20


@dataclass(frozen=True)
class Program:
    name: str
    command: list[str]
    # Started in this order (lower first) and stopped in reverse.
    priority: int
    # A one-off (waiting for the stack to be ready) is not started again.
    restart: bool = True
    # Set for this program on top of supervisord's own environment.
    environment: tuple[tuple[str, str], ...] = ()
    stopsignal: str = "TERM"


def port_of(url: str) -> int:
    """The port of a loopback URL from the settings."""
    port = urlsplit(url).port
    if port is None:
        raise ValueError(f"no port in {url!r}")
    return port


def rasa_command(settings: Settings, port: int, endpoints: Path, *, debug: bool) -> list[str]:
    command = [str(settings.rasa_venv_dir.resolve() / "bin" / "rasa"), "run",
               "--model", str((settings.models_dir / "councilbot.tar.gz").resolve()),
               "--endpoints", str(endpoints), "--credentials", str(ROOT / "credentials.yml"),
               "--interface", "127.0.0.1", "--port", str(port),
               "--enable-api", "--auth-token", "%(ENV_COUNCILBOT_RASA_TOKEN)s"]
    if debug:
        # Rasa at DEBUG logs the text it receives: if raw personal data ever
        # got past the gateway, the privacy tests would find it in its log.
        command.append("--debug")
    return command


def actions_command(port: int) -> list[str]:
    return [sys.executable, "-m", "actions", "--host", "127.0.0.1", "--port", str(port)]


GATEWAY = [sys.executable, "-m", "bot.cli", "serve"]
READY = Program("ready", [sys.executable, "-m", "bot.cli", "wait-ready", "--timeout", "600"],
                priority=90, restart=False)


def programs(settings: Settings, *, rasa_debug: bool = False, announce: bool = False) -> list[Program]:
    """The action server, Rasa and the gateway; with `announce`, a one-off
    that says where to open the assistant once everything is healthy."""
    found = [
        Program("actions", actions_command(port_of(settings.actions_url)), priority=10),
        Program("rasa", rasa_command(settings, port_of(settings.rasa_url), ROOT / "endpoints.yml",
                                     debug=rasa_debug), priority=20),
        Program("gateway", GATEWAY, priority=30),
    ]
    return found + [READY] if announce else found


def _quote(part: str) -> str:
    """One command-line word for supervisor, which splits on spaces like a
    shell and expands %(...)s: a literal % is doubled, except in the
    environment references this module writes itself."""
    if not part.startswith("%(ENV_"):
        part = part.replace("%", "%%")
    if any(c in part for c in " \t\"'"):
        part = '"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return part


def _environment(pairs: tuple[tuple[str, str], ...]) -> str:
    """supervisor's `environment=KEY="value",...`; values are quoted, and a
    literal % doubled."""
    def quoted(value: str) -> str:
        if '"' in value or "\n" in value:
            raise ValueError("an environment value for supervisor may not hold quotes or newlines")
        return '"' + value.replace("%", "%%") + '"'
    return ",".join(f"{key}={quoted(value)}" for key, value in pairs)


def socket_path(var_dir: Path) -> Path:
    path = var_dir.resolve() / SOCKET_NAME
    if len(str(path)) <= MAX_SOCKET_PATH:
        return path
    import hashlib
    import tempfile

    digest = hashlib.sha256(str(var_dir.resolve()).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"councilbot-{digest}.sock"


def render(found: list[Program], var_dir: Path, log_dir: Path | None) -> str:
    """supervisord's configuration. Programs write to `log_dir/NAME.log`
    (appended to, never rotated away), or to the console when it is None."""
    var_dir = var_dir.resolve()

    def log(name: str) -> list[str]:
        if log_dir is None:
            return ["stdout_logfile=/dev/stdout", "stdout_logfile_maxbytes=0"]
        return [f"stdout_logfile={log_dir.resolve() / f'{name}.log'}", "stdout_logfile_maxbytes=0",
                "stdout_logfile_backups=0"]

    lines = [
        "; Written by `councilbot supervise` at each start: edit bot/supervision.py instead.",
        "[supervisord]",
        "nodaemon=true",
        f"pidfile={var_dir / 'supervisord.pid'}",
        *(["logfile=/dev/stdout", "logfile_maxbytes=0"] if log_dir is None
          else [f"logfile={log_dir.resolve() / 'supervisord.log'}", "logfile_maxbytes=0"]),
        "loglevel=info",
        "",
        "[unix_http_server]",
        f"file={socket_path(var_dir)}",
        "chmod=0700",
        "",
        "[rpcinterface:supervisor]",
        "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
        "",
        "[supervisorctl]",
        f"serverurl=unix://{socket_path(var_dir)}",
        "",
    ]
    for program in found:
        lines += [
            f"[program:{program.name}]",
            "command=" + " ".join(_quote(p) for p in program.command),
            f"priority={program.priority}",
            f"directory={Path.cwd()}",
            "autostart=true",
            f"autorestart={'true' if program.restart else 'false'}",
            f"startsecs={STARTSECS if program.restart else 0}",
            f"startretries={STARTRETRIES}",
            "exitcodes=0",
            f"stopsignal={program.stopsignal}",
            *([f"environment={_environment(program.environment)}"] if program.environment else []),
            f"stopwaitsecs={STOPWAITSECS}",
            "stopasgroup=true",
            "killasgroup=true",
            "redirect_stderr=true",
            *log(program.name),
            "",
        ]
    return "\n".join(lines)


def write_config(settings: Settings, *, log_dir: Path | None, rasa_debug: bool = False,
                 announce: bool = False, profile: str = "default") -> Path:
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
    if profile == "cluster":
        from bot.cluster.programs import cluster_programs

        found = cluster_programs(settings, rasa_debug=rasa_debug)
        found = found + [READY] if announce else found
    else:
        found = programs(settings, rasa_debug=rasa_debug, announce=announce)
    path = settings.var_dir / CONFIG_NAME
    path.write_text(render(found, settings.var_dir, log_dir))
    path.chmod(0o600)
    return path


def supervise(settings: Settings, *, log_dir: Path | None, rasa_debug: bool = False,
              announce: bool = False, profile: str = "default") -> None:
    """Writes the configuration and becomes supervisord (never returns).
    The cluster profile first initialises PostgreSQL's data directory."""
    if not os.environ.get("COUNCILBOT_RASA_TOKEN"):
        raise SystemExit("COUNCILBOT_RASA_TOKEN is not set: the gateway needs it to pause "
                         "conversations in Rasa (make run makes one).")
    if profile == "cluster":
        from bot.cluster.programs import prepare

        prepare(settings)
    config = write_config(settings, log_dir=log_dir, rasa_debug=rasa_debug, announce=announce,
                          profile=profile)
    binary = Path(sys.executable).parent / "supervisord"
    os.execv(str(binary), [str(binary), "--nodaemon", "--configuration", str(config)])
