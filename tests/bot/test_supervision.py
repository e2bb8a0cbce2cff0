"""The supervisor configuration `councilbot supervise` writes."""

from __future__ import annotations

import configparser
from pathlib import Path

import pytest

from bot.settings import Settings
from bot.supervision import Program, programs, render, socket_path


@pytest.fixture()
def settings(tmp_path, monkeypatch) -> Settings:
    monkeypatch.setenv("COUNCILBOT_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("COUNCILBOT_RASA_URL", "http://127.0.0.1:6105")
    monkeypatch.setenv("COUNCILBOT_ACTIONS_URL", "http://127.0.0.1:6155")
    return Settings.from_env()


def parse(text: str) -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser()
    parser.read_string(text)
    return parser


@pytest.mark.parametrize("log_dir, expected", [(None, "/dev/stdout"), ("logs", "rasa.log")])
def test_each_process_restarts_and_logs_where_asked(settings, tmp_path, log_dir, expected):
    found = programs(settings, announce=True)
    config = parse(render(found, settings.var_dir, tmp_path / log_dir if log_dir else None))
    assert [s.removeprefix("program:") for s in config.sections() if s.startswith("program:")] == [
        "actions", "rasa", "gateway", "ready"]
    for name in ("actions", "rasa", "gateway"):
        assert config.get(f"program:{name}", "autorestart") == "true"
        assert config.get(f"program:{name}", "killasgroup") == "true"
    assert config.get("program:ready", "autorestart") == "false"
    assert config.get("program:rasa", "stdout_logfile").endswith(expected)


def test_ports_come_from_the_settings_and_the_token_from_the_environment(settings):
    config = parse(render(programs(settings), settings.var_dir, None))
    rasa = config.get("program:rasa", "command")
    assert "--port 6105" in rasa and "--auth-token %(ENV_COUNCILBOT_RASA_TOKEN)s" in rasa
    assert "--port 6155" in config.get("program:actions", "command")
    assert "--debug" not in rasa
    assert "--debug" in parse(render(programs(settings, rasa_debug=True), settings.var_dir, None)).get(
        "program:rasa", "command")


@pytest.mark.parametrize("word, written", [
    ("plain", "plain"),
    ("100%", "100%%"),
    ("with space", '"with space"'),
    ("%(ENV_COUNCILBOT_RASA_TOKEN)s", "%(ENV_COUNCILBOT_RASA_TOKEN)s"),
])
def test_command_words_are_quoted_for_supervisor(tmp_path, word, written):
    text = render([Program("x", ["/bin/echo", word], priority=1)], tmp_path, None)
    assert f"command=/bin/echo {written}\n" in text


def test_a_deep_var_directory_puts_the_socket_where_it_fits(tmp_path):
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    assert len(str(socket_path(deep))) <= 100
    assert socket_path(Path("var")).name == "supervisor.sock"
