"""A resident's copy: what is stored (minimised), with times and who spoke."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from bot.conversations import Outgoing
from bot.db.tables import audit_log


@pytest.fixture()
def session_id(log, clock):
    session_id = log.new_id()
    log.open(session_id)
    log.append(session_id, [Outgoing("assistant", "Hello, I am an AI assistant.")])
    clock.advance(minutes=1)
    log.append(session_id, [Outgoing("resident", "my email is <EMAIL>, when is my bin collected")])
    log.append(session_id, [Outgoing("assistant", "Bins are collected weekly.", {"sources": [
        {"title": "Bin collection days", "url": "https://www.example.gov.uk/bins"}]})])
    log.append(session_id, [Outgoing("system", "You are in the queue.", {"kind": "queue"})])
    log.append(session_id, [Outgoing("agent", "Hi, I can help.", agent_name="Sam"),
                            Outgoing("agent", "Done.")])
    return session_id


@pytest.mark.parametrize(
    "seq, line",
    [
        (0, "[23 Nov 2026 10:00] Assistant: Hello, I am an AI assistant."),
        (1, "[23 Nov 2026 10:01] You: my email is <EMAIL>, when is my bin collected"),
        (2, "[23 Nov 2026 10:01] Assistant: Bins are collected weekly."),
        (3, "    Source: Bin collection days (https://www.example.gov.uk/bins)"),
        (4, "[23 Nov 2026 10:01] Assistant: You are in the queue."),
        (5, "[23 Nov 2026 10:01] Sam: Hi, I can help."),
        (6, "[23 Nov 2026 10:01] Contact team: Done."),
    ],
)
def test_the_text_copy_says_when_and_who(records, session_id, seq, line):
    export = records.export(session_id, "text")
    assert export.content_type.startswith("text/plain")
    body = export.body.split("\n\n", 1)[1].splitlines()
    assert body[seq] == line


def test_the_text_copy_explains_itself(records, session_id, council):
    export = records.export(session_id)
    head = export.body.split("\n\n", 1)[0]
    assert council.name in head and session_id in head and "UK time" in head and "<EMAIL>" in head
    assert export.filename == f"conversation-2026-11-23-{session_id[:8]}.txt"


def test_the_json_copy(records, session_id, council):
    export = records.export(session_id, "json")
    data = json.loads(export.body)
    assert export.filename.endswith(".json") and export.content_type.startswith("application/json")
    assert data["session_id"] == session_id and data["council"] == council.name
    assert [m["speaker"] for m in data["messages"]] == [
        "Assistant", "You", "Assistant", "Assistant", "Sam", "Contact team"]
    assert data["messages"][1] == {"at": "2026-11-23T10:01:00+00:00", "from": "resident",
                                   "speaker": "You",
                                   "text": "my email is <EMAIL>, when is my bin collected"}
    assert data["messages"][2]["sources"][0]["title"] == "Bin collection days"


def test_unknown_conversations_and_formats(records, session_id):
    assert records.export("0" * 32) is None
    with pytest.raises(ValueError, match="format"):
        records.export(session_id, "pdf")


def test_a_copy_made_by_staff_is_audited_and_a_residents_is_not(records, session_id, engine):
    records.export(session_id)
    records.export(session_id, "json", actor="cli")
    with engine.connect() as conn:
        entries = conn.execute(sa.select(audit_log.c.actor, audit_log.c.action, audit_log.c.detail)).all()
    assert [tuple(e) for e in entries] == [
        ("cli", "transcript_exported", f"session={session_id} format=json")]
