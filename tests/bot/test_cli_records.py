"""`councilbot privacy purge|erase|export`, run as the data protection
officer would, with the clock in the test's hands."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bot import cli
from bot.conversations import ConversationLog
from bot.handoff.service import HandoffService
from tests.support.clock import Clock
from tests.support.records import Conversations, make_tracker, tracker_rows

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def made(tmp_path, monkeypatch, engine, clock) -> Conversations:
    """Conversations in the stores the command line is pointed at."""
    monkeypatch.setenv("COUNCILBOT_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.delenv("COUNCILBOT_TRACKER_DB_URL", raising=False)
    monkeypatch.setenv("COUNCILBOT_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("COUNCILBOT_TRACKER_DB", str(make_tracker(tmp_path / "tracker.db")))
    monkeypatch.setenv("COUNCILBOT_COUNCIL_FILE", str(ROOT / "config" / "council.yml"))
    return Conversations(ConversationLog(engine, clock), tmp_path / "tracker.db", clock)


@pytest.fixture()
def handoffs(engine, council, clock) -> HandoffService:
    return HandoffService(engine, council.contact_centre, clock, dt.timedelta(minutes=10),
                          dt.timedelta(minutes=3))


@pytest.fixture()
def run(monkeypatch, capsys, clock):
    """Runs the command `days` after the test's clock started."""
    start = clock()

    def councilbot(*args: str, days: float = 0) -> tuple[int, str, str]:
        later = Clock(start + dt.timedelta(days=days))
        monkeypatch.setattr(cli, "_utc_now", later)
        code = cli.main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err
    return councilbot


def test_purge_dry_run_says_what_would_go_and_deletes_nothing(made, run, tmp_path):
    old, special = made.make("question"), made.make("health question", special=True)
    made.clock.advance(days=20)
    recent = made.make("recent question")
    code, out, _ = run("privacy", "purge", "--dry-run", days=31)
    assert code == 0
    assert f"{old}  last active 2026-11-23 10:00 UTC  (kept 30 days)" in out
    assert f"{special}  last active 2026-11-23 10:00 UTC  (special category data, kept 7 days)" in out
    assert recent not in out
    assert "Would purge 2 conversation(s), 1 of them with special category data: 4 messages" in out
    assert "nothing was deleted" in out
    assert tracker_rows(tmp_path / "tracker.db", old) == 1


def test_purge_deletes_and_counts(made, run, handoffs, tmp_path):
    gone = made.make("question", "another")
    handoffs.start(made.make("a person please"), "request")
    code, out, _ = run("privacy", "purge", days=31)
    assert code == 0
    assert "Purged 1 conversation(s), 0 of them with special category data: 3 messages, 0 handoffs, " \
           "2 Rasa tracker events" in out
    assert "Kept 1 conversation(s) past their period because a handoff is open" in out
    assert tracker_rows(tmp_path / "tracker.db", gone) == 0
    assert run("privacy", "purge", days=31)[1].startswith("Purged 0 conversation(s)")


def test_erase_with_yes(made, run, tmp_path):
    session_id = made.make("question")
    code, out, _ = run("privacy", "erase", session_id.upper(), "--yes")
    assert code == 0 and f"Erased conversation {session_id}: 2 messages, 0 handoffs and 1 Rasa" in out
    assert tracker_rows(tmp_path / "tracker.db", session_id) == 0
    code, _, err = run("privacy", "erase", session_id, "--yes")
    assert code == 1 and "nothing is stored" in err


def test_erase_asks_first(made, run, monkeypatch):
    session_id = made.make("question")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    code, out, _ = run("privacy", "erase", session_id)
    assert code == 1 and "Nothing was deleted." in out
    monkeypatch.setattr("builtins.input", lambda prompt: "yes")
    assert run("privacy", "erase", session_id)[0] == 0


def test_erase_refuses_an_open_handoff(made, run, handoffs):
    session_id = made.make("a person please")
    handoffs.start(session_id, "request")
    code, _, err = run("privacy", "erase", session_id, "--yes")
    assert code == 1 and "handoff that is waiting" in err and "Nothing was deleted" in err


@pytest.mark.parametrize("bad", ["not-an-id", "0" * 31, "g" * 32])
def test_a_mistyped_id_is_a_usage_error(made, run, bad):
    code, _, err = run("privacy", "erase", bad, "--yes")
    assert code == 2 and "32 characters" in err


def test_export_to_standard_output_and_to_a_file(made, run, tmp_path):
    session_id = made.make("my email is <EMAIL>")
    code, out, _ = run("privacy", "export", session_id)
    assert code == 0 and "You: my email is <EMAIL>" in out and session_id in out
    code, out, _ = run("privacy", "export", session_id, "--format", "json", "--output", str(tmp_path))
    written = tmp_path / f"conversation-2026-11-23-{session_id[:8]}.json"
    assert code == 0 and str(written) in out
    assert json.loads(written.read_text())["messages"][1]["speaker"] == "You"
    code, _, err = run("privacy", "export", "0" * 32)
    assert code == 1 and "no conversation" in err
