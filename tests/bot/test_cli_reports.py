"""`councilbot report`, run as a content editor would, against a real
database and a temporary knowledge folder, with the clock in the test's
hands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot import cli
from bot.conversations import ConversationLog
from bot.reports import encoder
from tests.support.reports import ELSEWHERE, Chats, write_knowledge

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def chats(engine, clock) -> Chats:
    return Chats(ConversationLog(engine, clock))


@pytest.fixture()
def run(monkeypatch, capsys, clock, tmp_path, embedder, engine):
    """The command pointed at the test's database and knowledge folder; the
    model is the session's, not loaded again."""
    monkeypatch.setenv("COUNCILBOT_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("COUNCILBOT_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("COUNCILBOT_KNOWLEDGE_DIR", str(write_knowledge(tmp_path / "knowledge")))
    monkeypatch.setenv("COUNCILBOT_COUNCIL_FILE", str(ROOT / "config" / "council.yml"))
    monkeypatch.setattr(cli, "_utc_now", clock)
    monkeypatch.setattr(encoder, "_embedder", lambda: embedder)

    def councilbot(*args: str) -> tuple[int, str, str]:
        code = cli.main(["report", *args])
        out = capsys.readouterr()
        return code, out.out, out.err
    return councilbot


def test_the_text_report_for_an_editor(run, chats):
    chats.asked("where are the nearest public toilets")
    chats.asked("are the toilets in the park open")
    chats.asked("how do i renew my passport", ELSEWHERE)
    code, out, err = run()
    assert code == 0, err
    assert out.startswith("Report for content editors: Northbrook")
    assert "Covers 24 October 2026 to 23 November 2026 (the last 30 days)." in out
    assert "3 questions in 2 groups, most asked first." in out
    assert "Signposted to: passports" in out
    assert "Overdue, oldest first:" in out and "pay-council-tax.md" in out
    assert "error" not in err


def test_json_for_the_last_week(run, chats, clock):
    chats.asked("where are the nearest public toilets")
    clock.advance(days=10)
    chats.asked("who is my local councillor")
    code, out, _ = run("--days", "7", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["days"] == 7 and data["first_day"] == "2026-11-26"
    assert [g["question"] for g in data["unanswered"]["groups"]] == ["who is my local councillor"]


def test_html_to_a_file(run, chats, tmp_path):
    chats.asked('<script>alert("x")</script>')
    target = tmp_path / "report.html"
    code, out, _ = run("--format", "html", "--out", str(target))
    assert code == 0
    assert out == f"Wrote the report to {target}.\n"
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script>" not in page
    assert "&lt;script&gt;" in page


@pytest.mark.parametrize("days", ["0", "367"])
def test_a_period_out_of_range_says_what_to_do(run, days):
    code, out, err = run("--days", days)
    assert code == 2 and out == ""
    assert "between 1 and 366 days" in err


def test_nothing_to_report_loads_no_model(run, monkeypatch):
    def refuse():
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(encoder, "_embedder", refuse)
    code, out, _ = run()
    assert code == 0
    assert "No questions in this period that the assistant could not answer." in out
