"""Where each process of the cluster profile listens, and where its data
lives: one place for the supervisor, the tests and docs/operations.md.

The public port is the gateway's usual one (COUNCILBOT_GATEWAY_PORT): HAProxy
takes it, and the two gateways sit on the next two ports. Rasa's and the
action server's usual ports are the first of two each. PostgreSQL and Redis
have ports of their own, chosen not to clash with system-wide servers. Every
port can be set (the tests use free ones)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.settings import PREFIX, Settings
from bot.supervision import port_of

SERVERS = 2
POSTGRES_PORT = 5433
REDIS_PORT = 6380


def _ports(env: Mapping[str, str], name: str, first: int) -> tuple[int, ...]:
    raw = env.get(PREFIX + name)
    if raw:
        ports = tuple(int(p) for p in raw.split(","))
        if len(ports) != SERVERS:
            raise ValueError(f"{PREFIX}{name} needs {SERVERS} ports, comma-separated")
        return ports
    return tuple(first + n for n in range(SERVERS))


@dataclass(frozen=True)
class ClusterLayout:
    var_dir: Path
    public_host: str
    public_port: int
    gateway_ports: tuple[int, ...]
    rasa_ports: tuple[int, ...]
    actions_ports: tuple[int, ...]
    postgres_port: int
    redis_port: int

    @classmethod
    def from_settings(cls, settings: Settings, env: Mapping[str, str] | None = None) -> ClusterLayout:
        env = os.environ if env is None else env
        return cls(
            var_dir=settings.var_dir,
            public_host=settings.gateway_host,
            public_port=settings.gateway_port,
            gateway_ports=_ports(env, "CLUSTER_GATEWAY_PORTS", settings.gateway_port + 1),
            rasa_ports=_ports(env, "CLUSTER_RASA_PORTS", port_of(settings.rasa_url)),
            actions_ports=_ports(env, "CLUSTER_ACTIONS_PORTS", port_of(settings.actions_url)),
            postgres_port=int(env.get(PREFIX + "POSTGRES_PORT") or POSTGRES_PORT),
            redis_port=int(env.get(PREFIX + "REDIS_PORT") or REDIS_PORT),
        )

    @property
    def cluster_dir(self) -> Path:
        return self.var_dir / "cluster"

    @property
    def postgres_dir(self) -> Path:
        return self.cluster_dir / "postgres"

    def rasa_urls(self) -> str:
        return ",".join(f"http://127.0.0.1:{port}" for port in self.rasa_ports)

    def actions_urls(self) -> str:
        return ",".join(f"http://127.0.0.1:{port}" for port in self.actions_ports)
