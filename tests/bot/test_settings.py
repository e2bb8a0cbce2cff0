from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings


def test_defaults_are_loopback_and_the_usual_ports():
    settings = Settings.from_env({})
    assert settings.gateway_host == "127.0.0.1"
    assert settings.gateway_port == 8000
    assert settings.rasa_url == "http://127.0.0.1:5005"
    assert settings.index_dir == Path("var/index")


def test_values_come_from_prefixed_variables():
    settings = Settings.from_env({"COUNCILBOT_GATEWAY_PORT": "9000", "COUNCILBOT_VAR_DIR": "/tmp/v"})
    assert settings.gateway_port == 9000
    assert settings.index_dir == Path("/tmp/v/index")


@pytest.mark.parametrize(
    "env, message",
    [
        ({"COUNCILBOT_GATEWAY_PORT": "eighty"}, "COUNCILBOT_GATEWAY_PORT must be a whole number"),
        ({"COUNCILBOT_GATEWAY_PORT": "70000"}, "COUNCILBOT_GATEWAY_PORT must be between"),
        ({"COUNCILBOT_ANSWER_MIN_SCORE": "2"}, "COUNCILBOT_ANSWER_MIN_SCORE must be between 0 and 1"),
        ({"COUNCILBOT_LOG_LEVEL": "LOUD"}, "COUNCILBOT_LOG_LEVEL must be"),
        ({"COUNCILBOT_PURGE_INTERVAL_SECONDS": "0"}, "COUNCILBOT_PURGE_INTERVAL_SECONDS must be between"),
    ],
)
def test_bad_values_name_the_variable(env, message):
    with pytest.raises(ValueError, match=message):
        Settings.from_env(env)


def test_the_tracker_store_defaults_to_rasas_file_under_var():
    from bot.records import tracker_url

    settings = Settings.from_env({"COUNCILBOT_VAR_DIR": "/tmp/v"})
    assert settings.tracker_db == Path("/tmp/v/tracker.db") and settings.purge_interval_seconds == 3600
    assert tracker_url(settings) == "sqlite:////tmp/v/tracker.db"
    assert tracker_url(Settings.from_env({"COUNCILBOT_TRACKER_DB": "var/tracker.db"})) == "sqlite:///var/tracker.db"
    given = Settings.from_env({"COUNCILBOT_TRACKER_DB_URL": "postgresql://rasa@db/tracker"})
    assert tracker_url(given) == "postgresql://rasa@db/tracker"


def test_one_rasa_server_unless_several_are_listed():
    one = Settings.from_env({"COUNCILBOT_RASA_URL": "http://127.0.0.1:6005/"})
    assert one.rasa_servers == ("http://127.0.0.1:6005",) and one.redis_url == ""
    several = Settings.from_env({
        "COUNCILBOT_RASA_URLS": "http://127.0.0.1:5005/, http://127.0.0.1:5006,",
        "COUNCILBOT_ACTIONS_URLS": "http://127.0.0.1:5055,http://127.0.0.1:5056",
        "COUNCILBOT_REDIS_URL": "redis://127.0.0.1:6380/0"})
    assert several.rasa_servers == ("http://127.0.0.1:5005", "http://127.0.0.1:5006")
    assert several.actions_servers == ("http://127.0.0.1:5055", "http://127.0.0.1:5056")
    assert several.redis_url == "redis://127.0.0.1:6380/0"
