"""The cluster profile's processes under supervisor: PostgreSQL and Redis,
two action servers, two Rasa servers (each with its own action server), two
gateways and HAProxy in front of them. Supervisor starts again any one that
dies, as in the default profile (bot/supervision.py). The database URLs,
with their passwords, are in supervisord's configuration file, which only
its owner can read (0600), like the password files themselves."""

from __future__ import annotations

import os
import secrets

from bot.cluster import haproxy, postgres, redis
from bot.cluster.layout import ClusterLayout
from bot.settings import PREFIX, Settings
from bot.supervision import GATEWAY, ROOT, Program, actions_command, rasa_command


def prepare(settings: Settings) -> ClusterLayout:
    """Before supervisord starts: PostgreSQL's data directory, its roles and
    databases (once), and one pseudonym key for both gateways (kept in
    supervisord's environment only, never written down)."""
    layout = ClusterLayout.from_settings(settings)
    postgres.initialise(layout.postgres_dir, layout.postgres_port)
    os.environ.setdefault(PREFIX + "PSEUDONYM_KEY", secrets.token_hex(32))
    return layout


def cluster_programs(settings: Settings, *, rasa_debug: bool = False) -> list[Program]:
    layout = ClusterLayout.from_settings(settings)
    redis_config = redis.write_config(layout.redis_port, layout.cluster_dir)
    balancer = haproxy.write_config(layout.public_host, layout.public_port, layout.gateway_ports,
                                    layout.cluster_dir)
    data, port = layout.postgres_dir, layout.postgres_port
    # Rasa's own SQLAlchemy 1.4 with psycopg2.
    rasa_tracker = postgres.database_url(data, port, "rasa", driver="postgresql")
    found = [
        Program("postgres", postgres.server_command(data, port), priority=1, stopsignal="INT"),
        Program("redis", redis.server_command(redis_config), priority=1),
    ]
    for n, actions_port in enumerate(layout.actions_ports, start=1):
        found.append(Program(f"actions-{n}", actions_command(actions_port), priority=10))
    for n, (rasa_port, actions_port) in enumerate(zip(layout.rasa_ports, layout.actions_ports,
                                                      strict=True), start=1):
        found.append(Program(
            f"rasa-{n}", rasa_command(settings, rasa_port, ROOT / "endpoints-cluster.yml", debug=rasa_debug),
            priority=20, environment=(
                ("COUNCILBOT_ACTION_ENDPOINT", f"http://127.0.0.1:{actions_port}/webhook"),
                ("COUNCILBOT_RASA_TRACKER_URL", rasa_tracker),
                ("COUNCILBOT_REDIS_PORT", str(layout.redis_port)))))
    for n, gateway_port in enumerate(layout.gateway_ports, start=1):
        found.append(Program(f"gateway-{n}", GATEWAY, priority=30, environment=(
            (PREFIX + "GATEWAY_PORT", str(gateway_port)),
            (PREFIX + "DATABASE_URL", postgres.database_url(data, port, "councilbot")),
            (PREFIX + "TRACKER_DB_URL", postgres.database_url(data, port, "rasa")),
            (PREFIX + "REDIS_URL", redis.url(layout.redis_port)),
            (PREFIX + "RASA_URLS", layout.rasa_urls()),
            (PREFIX + "ACTIONS_URLS", layout.actions_urls()),
            (PREFIX + "TRUSTED_PROXIES", "127.0.0.1/32"))))
    found.append(Program("haproxy", haproxy.server_command(balancer), priority=40))
    return found
