"""Starts the real stack (action server, Rasa, gateway) on free loopback
ports under supervisor, exactly as `make run` does, with every process's
output captured to a log file, for the integration tests and the
benchmarks. Supervisor starts again any process that dies: `kill` is how
the fault tests make one die."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import yaml

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "councilbot.tar.gz"
RASA = ROOT / ".venv-rasa" / "bin" / "rasa"


class StackFailed(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Stack:
    work_dir: Path
    index_dir: Path
    gateway_port: int = field(default_factory=free_port)
    rasa_port: int = field(default_factory=free_port)
    actions_port: int = field(default_factory=free_port)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    rasa_token: str = field(default_factory=lambda: secrets.token_hex(16))
    # The contact centre is open around the clock in tests, whatever the
    # time CI runs; opening hours are tested with a controlled clock.
    always_open: bool = True
    extra_env: dict[str, str] = field(default_factory=dict)
    # "default": one of each process on SQLite; "cluster": PostgreSQL,
    # Redis, two gateways, Rasa and action servers behind HAProxy.
    profile: str = "default"
    cluster_ports: dict[str, str] = field(default_factory=lambda: {
        "COUNCILBOT_CLUSTER_GATEWAY_PORTS": f"{free_port()},{free_port()}",
        "COUNCILBOT_CLUSTER_RASA_PORTS": f"{free_port()},{free_port()}",
        "COUNCILBOT_CLUSTER_ACTIONS_PORTS": f"{free_port()},{free_port()}",
        "COUNCILBOT_POSTGRES_PORT": str(free_port()),
        "COUNCILBOT_REDIS_PORT": str(free_port()),
    })

    @property
    def var_dir(self) -> Path:
        return self.work_dir / "var"

    @property
    def log_dir(self) -> Path:
        return self.work_dir / "logs"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.gateway_port}"

    @property
    def council_file(self) -> Path:
        return self.work_dir / "council.yml"

    def write_council(self) -> None:
        data = yaml.safe_load((ROOT / "config" / "council.yml").read_text())
        if self.always_open:
            data["contact_centre"]["hours"] = {day: "00:00-24:00" for day in data["contact_centre"]["hours"]}
            data["contact_centre"]["closed_dates"] = []
        self.council_file.write_text(yaml.safe_dump(data, sort_keys=False))

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "COUNCILBOT_VAR_DIR": str(self.var_dir),
            "COUNCILBOT_INDEX_DIR": str(self.index_dir),
            # The editors' report looks up titles and review dates here.
            "COUNCILBOT_KNOWLEDGE_DIR": str(ROOT / "knowledge"),
            "COUNCILBOT_COUNCIL_FILE": str(self.council_file),
            "COUNCILBOT_RASA_TOKEN": self.rasa_token,
            "COUNCILBOT_FRONTEND_DIR": str(ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
            "COUNCILBOT_MODELS_DIR": str(MODEL.parent),
            "COUNCILBOT_RASA_VENV": str(RASA.parents[1]),
            "COUNCILBOT_HANDOFF_SWEEP_SECONDS": "1",
            # Every test signs in from 127.0.0.1; the per-client limit is
            # tested on its own (tests/bot/gateway/test_ratelimit.py).
            "COUNCILBOT_SIGNIN_ATTEMPTS_PER_CLIENT": "10000",
            # Likewise the public API's limits (tests/integration/test_abuse.py).
            "COUNCILBOT_SESSIONS_PER_CLIENT_PER_MINUTE": "1000000",
            "COUNCILBOT_MESSAGES_PER_CLIENT_PER_MINUTE": "1000000",
            "COUNCILBOT_LIVE_CONNECTIONS_PER_CLIENT_PER_MINUTE": "1000000",
            "COUNCILBOT_GATEWAY_PORT": str(self.gateway_port),
            "COUNCILBOT_RASA_URL": f"http://127.0.0.1:{self.rasa_port}",
            "COUNCILBOT_ACTIONS_URL": f"http://127.0.0.1:{self.actions_port}",
            "COUNCILBOT_ACTION_ENDPOINT": f"http://127.0.0.1:{self.actions_port}/webhook",
            "COUNCILBOT_TRACKER_DB": str(self.var_dir / "tracker.db"),
            "COUNCILBOT_LOG_LEVEL": "DEBUG",
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            **(self.cluster_env() if self.profile == "cluster" else {}),
            **self.extra_env,
        }

    def cluster_env(self) -> dict[str, str]:
        """What the command line (agents, records) needs to reach the
        cluster's stores; each server's own settings are supervisor's."""
        from bot.cluster import postgres, redis

        layout = self.layout()
        data, port = layout.postgres_dir, layout.postgres_port
        return {**self.cluster_ports,
                "COUNCILBOT_DATABASE_URL": postgres.database_url(data, port, "councilbot"),
                "COUNCILBOT_TRACKER_DB_URL": postgres.database_url(data, port, "rasa"),
                "COUNCILBOT_REDIS_URL": redis.url(layout.redis_port),
                "COUNCILBOT_RASA_URLS": layout.rasa_urls(),
                "COUNCILBOT_ACTIONS_URLS": layout.actions_urls()}

    def layout(self):
        from bot.cluster.layout import ClusterLayout
        from bot.settings import Settings

        env = {"COUNCILBOT_VAR_DIR": str(self.var_dir), "COUNCILBOT_GATEWAY_PORT": str(self.gateway_port),
               "COUNCILBOT_RASA_URL": f"http://127.0.0.1:{self.rasa_port}",
               "COUNCILBOT_ACTIONS_URL": f"http://127.0.0.1:{self.actions_port}", **self.cluster_ports}
        return ClusterLayout.from_settings(Settings.from_env(env), env)

    def database_url(self, which: str) -> str:
        """The SQLAlchemy URL of the gateway's tables ("councilbot") or of
        Rasa's tracker store ("rasa"), on this profile."""
        if self.profile == "cluster":
            from bot.cluster import postgres

            layout = self.layout()
            return postgres.database_url(layout.postgres_dir, layout.postgres_port, which)
        name = {"councilbot": "councilbot.db", "rasa": "tracker.db"}[which]
        return f"sqlite:///{self.var_dir / name}"

    def rows(self, which: str) -> bytes:
        """Every row of every table in that database, as text: what a privacy
        check reads, whichever engine holds it."""
        from sqlalchemy import MetaData, create_engine, select

        engine = create_engine(self.database_url(which))
        try:
            tables = MetaData()
            tables.reflect(engine)
            with engine.connect() as conn:
                return "\n".join(repr(tuple(row)) for table in tables.sorted_tables
                                  for row in conn.execute(select(table))).encode()
        finally:
            engine.dispose()

    def logs_of(self, kind: str) -> bytes:
        """Every log of one kind of process ("rasa", "gateway", ...), however
        many of them the profile runs."""
        return b"".join(p.read_bytes() for p in sorted(self.log_dir.glob(f"{kind}*.log")))

    @property
    def rasa_api(self) -> str:
        """A Rasa server's HTTP API: every one reads the same tracker store."""
        if self.profile != "cluster":
            return f"http://127.0.0.1:{self.rasa_port}"
        return f"http://127.0.0.1:{self.layout().rasa_ports[0]}"

    @property
    def gateway_urls(self) -> list[str]:
        """Each gateway's own address (the cluster's, behind the balancer)."""
        if self.profile != "cluster":
            return [self.url]
        return [f"http://127.0.0.1:{port}" for port in self.layout().gateway_ports]

    @property
    def program_names(self) -> list[str]:
        if self.profile != "cluster":
            return ["actions", "rasa", "gateway"]
        return ["postgres", "redis", "actions-1", "actions-2", "rasa-1", "rasa-2",
                "gateway-1", "gateway-2", "haproxy"]

    @property
    def supervisor_config(self) -> Path:
        return self.var_dir / "supervisord.conf"

    def start(self, timeout: float = 300.0) -> Stack:
        if not MODEL.exists():
            raise StackFailed(f"no trained Rasa model at {MODEL}: run 'make train' first")
        self.var_dir.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.write_council()
        if self.profile == "cluster":
            # Made here, not only by `supervise`, so the command line (adding
            # agents) has the database's address from the start.
            from bot.cluster import postgres

            layout = self.layout()
            postgres.initialise(layout.postgres_dir, layout.postgres_port)
        # Rasa at DEBUG logs the text it receives: if raw personal data ever
        # got past the gateway, the privacy tests would find it in its log.
        log = (self.log_dir / "supervise.log").open("ab")
        self.processes["supervisord"] = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "supervise", "--log-dir", str(self.log_dir), "--rasa-debug",
             "--profile", self.profile],
            cwd=self.work_dir, env=self.env(), stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL)
        self.wait_healthy(timeout)
        return self

    def supervisorctl(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(Path(sys.executable).parent / "supervisorctl"),
                               "-c", str(self.supervisor_config), *args],
                              capture_output=True, text=True, timeout=60)

    def states(self) -> dict[str, str]:
        """Each program's supervisor state: RUNNING, STARTING, BACKOFF..."""
        done = self.supervisorctl("status")
        return {line.split()[0]: line.split()[1] for line in done.stdout.splitlines()
                if len(line.split()) >= 2}

    def pid(self, name: str) -> int | None:
        done = self.supervisorctl("pid", name)
        text = done.stdout.strip()
        return int(text) if text.isdigit() and text != "0" else None

    def kill(self, name: str, timeout: float = 60.0) -> int:
        """Kills one process with SIGKILL, as a crash would, and waits until
        supervisor has started it again; returns the new pid. The stack is
        not healthy yet: `wait_healthy` waits for that."""
        old = self.pid(name)
        if old is None:
            raise StackFailed(f"{name} is not running")
        os.kill(old, signal.SIGKILL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            new = self.pid(name)
            if new is not None and new != old:
                return new
            time.sleep(0.2)
        raise StackFailed(f"supervisor did not start {name} again:\n{self.log_tail('supervisord')}")

    def restart_gateway(self, timeout: float = 120.0) -> None:
        """Stops the gateway the hard way; supervisor starts it again on the
        same port (its log is appended to, so the privacy scan reads both runs)."""
        self.kill("gateway")
        self.wait_healthy(timeout)

    @contextmanager
    def spare_gateway(self, work_dir: Path, env: dict[str, str] | None = None,
                      closed: bool = False, timeout: float = 120.0) -> Iterator[str]:
        """Another real gateway beside the stack's, with its own database and
        settings (a closed contact centre, short timers, no Rasa...)."""
        work_dir.mkdir(parents=True, exist_ok=True)
        council = yaml.safe_load(self.council_file.read_text())
        if closed:
            # Closed all day today (in the council's time zone), open other days.
            centre = council["contact_centre"]
            today = dt.datetime.now(ZoneInfo(centre["timezone"])).strftime("%A").lower()
            centre["hours"] = {day: "closed" if day == today else "09:00-17:00" for day in centre["hours"]}
        (work_dir / "council.yml").write_text(yaml.safe_dump(council, sort_keys=False))
        port = free_port()
        full_env = {**self.env(), "COUNCILBOT_GATEWAY_PORT": str(port),
                    "COUNCILBOT_VAR_DIR": str(work_dir / "var"),
                    "COUNCILBOT_COUNCIL_FILE": str(work_dir / "council.yml"), **(env or {})}
        log = (self.log_dir / f"gateway-{work_dir.name}.log").open("wb")
        process = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve"], env=full_env, cwd=work_dir,
                                   stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                if process.poll() is not None:
                    raise StackFailed(f"the spare gateway exited early: see {log.name}")
                try:
                    if httpx.get(f"{url}/health", timeout=2).status_code in (200, 503):
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise StackFailed("the spare gateway did not start in time")
                time.sleep(0.5)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()

    def councilbot(self, *args: str, stdin: str = "",
                   env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=self.work_dir,
                              env={**self.env(), **(env or {})}, input=stdin, capture_output=True,
                              text=True, timeout=120)

    def add_agent(self, username: str, name: str, password: str, role: str = "agent") -> None:
        done = self.councilbot("agents", "add", username, "--name", name, "--role", role,
                               "--password-stdin", stdin=password + "\n")
        if done.returncode != 0:
            raise StackFailed(f"could not add agent {username}: {done.stderr}")

    def wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        checked = 0.0
        while time.monotonic() < deadline:
            supervisord = self.processes.get("supervisord")
            if supervisord is None or supervisord.poll() is not None:
                raise StackFailed("supervisord exited:\n" + self.log_tail("supervise") +
                                  self.log_tail("supervisord"))
            if time.monotonic() - checked > 5:
                checked = time.monotonic()
                fatal = [name for name, state in self.states().items() if state == "FATAL"]
                if fatal:
                    raise StackFailed(f"{', '.join(fatal)} could not start:\n" +
                                      "\n".join(self.log_tail(n) for n in fatal))
            try:
                if all(httpx.get(f"{url}/health", timeout=3).status_code == 200
                       for url in dict.fromkeys([self.url, *self.gateway_urls])):
                    return
            except httpx.HTTPError:
                pass
            time.sleep(1)
        raise StackFailed("the stack did not become healthy in time:\n" +
                          "\n".join(self.log_tail(n) for n in self.program_names))

    def log_tail(self, name: str, lines: int = 30) -> str:
        path = self.log_dir / f"{name}.log"
        text = path.read_text(errors="replace") if path.exists() else ""
        return f"--- {name} ---\n" + "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """supervisord stops every program (each with its process group) and exits."""
        supervisord = self.processes.get("supervisord")
        if supervisord is None:
            return
        if supervisord.poll() is None:
            supervisord.terminate()
        try:
            supervisord.wait(timeout=90)
        except subprocess.TimeoutExpired:
            supervisord.kill()
            supervisord.wait(timeout=20)


@contextmanager
def temporary_stack(profile: str = "default") -> Iterator[Stack]:
    """A whole stack with a fresh index in a temporary directory, for the
    benchmarks and evaluations run outside pytest."""
    import tempfile

    from bot.knowledge.embedder import Embedder
    from bot.knowledge.index import build_index

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        build_index(ROOT / "knowledge", work / "index", Embedder())
        (work / "stack").mkdir()
        stack = Stack(work_dir=work / "stack", index_dir=work / "index", profile=profile)
        try:
            stack.start(timeout=600 if profile == "cluster" else 300)
            yield stack
        finally:
            stack.stop()
