"""Starts the real stack (action server, Rasa, gateway) on free loopback
ports, with every process's output captured to a log file, for the
integration tests and the latency benchmark."""

from __future__ import annotations

import datetime as dt
import os
import secrets
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
            **self.extra_env,
        }

    def _start(self, name: str, command: list[str]) -> None:
        log = (self.log_dir / f"{name}.log").open("wb")
        self.processes[name] = subprocess.Popen(
            command, cwd=self.work_dir, env=self.env(), stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL)

    def start(self, timeout: float = 300.0) -> Stack:
        if not MODEL.exists():
            raise StackFailed(f"no trained Rasa model at {MODEL}: run 'make train' first")
        self.var_dir.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.write_council()
        self._start("actions", [sys.executable, "-m", "actions", "--port", str(self.actions_port)])
        # Rasa at DEBUG logs the text it receives: if raw personal data ever
        # got past the gateway, the privacy tests would find it here.
        self._start("rasa", [str(RASA), "run", "--model", str(MODEL),
                             "--endpoints", str(ROOT / "endpoints.yml"),
                             "--credentials", str(ROOT / "credentials.yml"),
                             "--interface", "127.0.0.1", "--port", str(self.rasa_port), "--debug",
                             "--enable-api", "--auth-token", self.rasa_token])
        self.start_gateway()
        self.wait_healthy(timeout)
        return self

    def start_gateway(self) -> None:
        self._start("gateway", [sys.executable, "-m", "bot.cli", "serve"])

    def restart_gateway(self, timeout: float = 120.0) -> None:
        """Stops the gateway the hard way and starts it again on the same port."""
        process = self.processes["gateway"]
        process.kill()
        process.wait(timeout=20)
        # Keep the first run's log: the privacy scan reads both.
        log = self.log_dir / "gateway.log"
        log.rename(self.log_dir / f"gateway-{int(time.time() * 1000)}.log")
        self.start_gateway()
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
        while time.monotonic() < deadline:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    raise StackFailed(f"{name} exited early:\n{self.log_tail(name)}")
            try:
                if httpx.get(f"{self.url}/health", timeout=3).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(1)
        raise StackFailed("the stack did not become healthy in time:\n" +
                          "\n".join(self.log_tail(n) for n in self.processes))

    def log_tail(self, name: str, lines: int = 30) -> str:
        path = self.log_dir / f"{name}.log"
        text = path.read_text(errors="replace") if path.exists() else ""
        return f"--- {name} ---\n" + "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@contextmanager
def temporary_stack() -> Iterator[Stack]:
    """A whole stack with a fresh index in a temporary directory, for the
    benchmarks and evaluations run outside pytest."""
    import tempfile

    from bot.knowledge.embedder import Embedder
    from bot.knowledge.index import build_index

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        build_index(ROOT / "knowledge", work / "index", Embedder())
        (work / "stack").mkdir()
        stack = Stack(work_dir=work / "stack", index_dir=work / "index")
        try:
            stack.start()
            yield stack
        finally:
            stack.stop()
