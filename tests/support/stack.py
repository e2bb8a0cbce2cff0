"""Starts the real stack (action server, Rasa, gateway) on free loopback
ports, with every process's output captured to a log file, for the
integration tests and the latency benchmark."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

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

    @property
    def var_dir(self) -> Path:
        return self.work_dir / "var"

    @property
    def log_dir(self) -> Path:
        return self.work_dir / "logs"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.gateway_port}"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "COUNCILBOT_VAR_DIR": str(self.var_dir),
            "COUNCILBOT_INDEX_DIR": str(self.index_dir),
            "COUNCILBOT_COUNCIL_FILE": str(ROOT / "config" / "council.yml"),
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
        self._start("actions", [sys.executable, "-m", "actions", "--port", str(self.actions_port)])
        # Rasa at DEBUG logs the text it receives: if raw personal data ever
        # got past the gateway, the privacy tests would find it here.
        self._start("rasa", [str(RASA), "run", "--model", str(MODEL),
                             "--endpoints", str(ROOT / "endpoints.yml"),
                             "--credentials", str(ROOT / "credentials.yml"),
                             "--interface", "127.0.0.1", "--port", str(self.rasa_port), "--debug"])
        self._start("gateway", [sys.executable, "-m", "bot.cli", "serve"])
        self.wait_healthy(timeout)
        return self

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
