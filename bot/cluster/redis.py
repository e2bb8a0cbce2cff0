"""Redis for the cluster profile, from Debian's redis-server, on loopback:
Rasa's lock store and the gateways' live events. It keeps nothing on disk:
locks last seconds, and pub/sub holds no history."""

from __future__ import annotations

import shutil
from pathlib import Path


def binary() -> str:
    found = shutil.which("redis-server") or ("/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists()
                                            else None)
    if found is None:
        raise SystemExit("redis-server is not installed: run scripts/setup-cluster.sh")
    return found


def render(port: int, data_dir: Path) -> str:
    return "\n".join([
        "# Written by `councilbot supervise --profile cluster` at each start.",
        "bind 127.0.0.1",
        f"port {port}",
        "protected-mode yes",
        "daemonize no",
        'logfile ""',
        f"dir {data_dir.resolve()}",
        # Nothing to keep: no snapshots, no append-only file.
        'save ""',
        "appendonly no",
        # Locks must never be evicted to make room.
        "maxmemory 256mb",
        "maxmemory-policy noeviction",
        "",
    ])


def write_config(port: int, cluster_dir: Path) -> Path:
    data_dir = cluster_dir / "redis"
    data_dir.mkdir(parents=True, exist_ok=True)
    path = cluster_dir / "redis.conf"
    path.write_text(render(port, data_dir))
    return path


def server_command(config: Path) -> list[str]:
    return [binary(), str(config.resolve())]


def url(port: int, db: int = 0) -> str:
    return f"redis://127.0.0.1:{port}/{db}"
