"""The cluster profile's supervisor configuration, HAProxy's and Redis's:
what each process is given, written the way supervisor and the servers read
it. The running cluster is tested in tests/integration/test_cluster.py."""

from __future__ import annotations

import configparser
import subprocess

import pytest

from bot.cluster import haproxy, redis
from bot.cluster.layout import ClusterLayout
from bot.settings import Settings
from bot.supervision import Program, render

PORTS = {"COUNCILBOT_GATEWAY_PORT": "7000", "COUNCILBOT_RASA_URL": "http://127.0.0.1:7105",
         "COUNCILBOT_ACTIONS_URL": "http://127.0.0.1:7155"}


@pytest.fixture()
def settings(tmp_path, monkeypatch) -> Settings:
    monkeypatch.setenv("COUNCILBOT_VAR_DIR", str(tmp_path / "var"))
    for key, value in PORTS.items():
        monkeypatch.setenv(key, value)
    return Settings.from_env()


def test_the_ports_follow_the_usual_ones_unless_set(settings):
    layout = ClusterLayout.from_settings(settings, {})
    assert layout.public_port == 7000 and layout.gateway_ports == (7001, 7002)
    assert layout.rasa_ports == (7105, 7106) and layout.actions_ports == (7155, 7156)
    moved = ClusterLayout.from_settings(settings, {"COUNCILBOT_CLUSTER_RASA_PORTS": "9001,9002",
                                                   "COUNCILBOT_REDIS_PORT": "9100"})
    assert moved.rasa_ports == (9001, 9002) and moved.redis_port == 9100
    with pytest.raises(ValueError, match="needs 2 ports"):
        ClusterLayout.from_settings(settings, {"COUNCILBOT_CLUSTER_GATEWAY_PORTS": "9001"})


def test_a_programs_environment_is_quoted_for_supervisor(tmp_path):
    program = Program("gateway-1", ["serve"], priority=30, environment=(
        ("COUNCILBOT_DATABASE_URL", "postgresql+psycopg://councilbot:a%2Fb@127.0.0.1:5433/councilbot"),
        ("COUNCILBOT_GATEWAY_PORT", "8001")))
    config = configparser.RawConfigParser()
    config.read_string(render([program], tmp_path, None))
    # supervisor expands %(...)s: a literal % is doubled.
    assert config.get("program:gateway-1", "environment") == (
        'COUNCILBOT_DATABASE_URL="postgresql+psycopg://councilbot:a%%2Fb@127.0.0.1:5433/councilbot",'
        'COUNCILBOT_GATEWAY_PORT="8001"')
    with pytest.raises(ValueError):
        render([Program("x", ["x"], 1, environment=(("A", 'say "hi"'),))], tmp_path, None)


def test_haproxy_accepts_its_configuration(tmp_path):
    config = haproxy.write_config("127.0.0.1", 7000, [7001, 7002], tmp_path)
    text = config.read_text()
    assert "server gateway-1 127.0.0.1:7001" in text and "server gateway-2 127.0.0.1:7002" in text
    # The client's own X-Forwarded-For is replaced, never passed on.
    assert "set-header X-Forwarded-For %[src]" in text
    checked = subprocess.run([haproxy.binary(), "-c", "-f", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_redis_keeps_nothing_on_disk_and_listens_on_loopback(tmp_path):
    text = redis.write_config(7380, tmp_path).read_text()
    assert "bind 127.0.0.1" in text and 'save ""' in text and "appendonly no" in text
    assert redis.url(7380) == "redis://127.0.0.1:7380/0"
