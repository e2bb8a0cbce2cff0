"""The load balancer of the cluster profile, Debian's HAProxy, on one public
port in front of the gateways.

Any gateway can serve any request (conversations, handoffs and live events
are shared through PostgreSQL and Redis), so requests are spread round
robin; a gateway that refuses a connection is skipped and retried on the
other. Each request's client address is set from the connection, replacing
any X-Forwarded-For the client sent: the gateways believe that header only
from this proxy (COUNCILBOT_TRUSTED_PROXIES). Only errors are logged, and
never a request's body."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path


def binary() -> str:
    found = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
    if found is None:
        raise SystemExit("haproxy is not installed: run scripts/setup-cluster.sh")
    return found


def render(public_host: str, public_port: int, gateway_ports: Sequence[int]) -> str:
    servers = [f"    server gateway-{n} 127.0.0.1:{port} check inter 2s fall 2 rise 1"
               for n, port in enumerate(gateway_ports, start=1)]
    return "\n".join([
        "# Written by `councilbot supervise --profile cluster` at each start.",
        "global",
        "    log stdout format raw local0 info",
        "    maxconn 4000",
        "",
        "defaults",
        "    mode http",
        "    log global",
        "    option httplog",
        "    option dontlog-normal",
        "    timeout connect 5s",
        # A slow client has 10 s to send its request's headers.
        "    timeout http-request 10s",
        "    timeout client 60s",
        "    timeout server 60s",
        # A live connection (websocket) may stay open, quiet but pinged.
        "    timeout tunnel 1h",
        "    retries 2",
        "    option redispatch",
        # Only a connection that failed before the request was sent is tried
        # again: a message is never sent twice.
        "    retry-on conn-failure",
        "",
        "frontend public",
        f"    bind {public_host}:{public_port}",
        "    http-request set-header X-Forwarded-For %[src]",
        "    default_backend gateways",
        "",
        "backend gateways",
        "    balance roundrobin",
        "    option httpchk GET /health/live",
        "    http-check expect status 200",
        *servers,
        "",
    ])


def write_config(public_host: str, public_port: int, gateway_ports: Sequence[int], cluster_dir: Path) -> Path:
    cluster_dir.mkdir(parents=True, exist_ok=True)
    path = cluster_dir / "haproxy.cfg"
    path.write_text(render(public_host, public_port, gateway_ports))
    return path


def server_command(config: Path) -> list[str]:
    # -db: stay in the foreground for supervisor; -W: master-worker.
    return [binary(), "-W", "-db", "-f", str(config.resolve())]
