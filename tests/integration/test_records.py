"""A resident's rights through the real stack: download a copy of the
conversation (minimised), delete it with a confirmation, and then neither
the gateway's database nor Rasa's tracker store holds anything of it."""

from __future__ import annotations

import random
import string

import pytest
from sqlalchemy import create_engine, text

from tests.support.people import Resident
from tests.support.records import file_bytes

pytestmark = pytest.mark.integration

EMAIL = "ottoline.marchbanks@example.com"


def marker() -> str:
    """A harmless word the privacy gate lets through, new for each
    conversation, to find its text in the files."""
    return "wobble" + "".join(random.choices(string.ascii_lowercase, k=10))


def assert_error(response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"]["code"] == code and body["error"]["message"]
    return body["error"]["message"]


def count(stack, database: str, sql: str, **params) -> int:
    engine = create_engine(stack.database_url(database))
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql), params).scalar_one()
    finally:
        engine.dispose()


def stored_rows(stack, session_id: str) -> dict[str, int]:
    keys = {"sessions": "id", "messages": "session_id", "handoffs": "session_id"}
    gateway = {table: count(stack, "councilbot", f"SELECT count(*) FROM {table} WHERE {key} = :id",
                            id=session_id) for table, key in keys.items()}
    events = count(stack, "rasa", "SELECT count(*) FROM events WHERE sender_id = :id", id=session_id)
    return {**gateway, "events": events}


def stored_bytes(stack, database: str) -> bytes:
    """What could still hold an erased conversation's text. SQLite: the
    file and its write-ahead log, byte for byte (a secure delete overwrites
    the rows). PostgreSQL: every row; its data files and write-ahead log keep
    a deleted row's bytes until vacuum and log recycling reach them
    (docs/records.md)."""
    if stack.profile == "cluster":
        return stack.rows(database)
    return file_bytes(stack.var_dir / {"councilbot": "councilbot.db", "rasa": "tracker.db"}[database])


@pytest.fixture()
def chatted(resident):
    resident.marker = marker()
    resident.say(f"my email is {EMAIL} and my {resident.marker} bin was missed")
    resident.say("how do I pay my council tax")
    return resident


def test_the_resident_downloads_a_minimised_copy(client, chatted):
    response = client.get(f"/api/sessions/{chatted.session_id}/transcript")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;") and chatted.session_id[:8] in disposition
    assert response.headers["cache-control"] == "no-store"
    text = response.text
    assert f"You: my email is <EMAIL> and my {chatted.marker} bin was missed" in text
    assert "Assistant: " in text and "Source: " in text
    assert EMAIL not in text

    data = client.get(f"/api/sessions/{chatted.session_id}/transcript", params={"format": "json"}).json()
    assert data["session_id"] == chatted.session_id
    assert [m["speaker"] for m in data["messages"]][:3] == ["Assistant", "You", "Assistant"]
    assert_error(client.get(f"/api/sessions/{chatted.session_id}/transcript", params={"format": "pdf"}),
                 400, "invalid_format")


@pytest.mark.parametrize("body", [None, {}, {"confirm": False}, {"confirm": "yes"}])
def test_deleting_needs_a_confirmation(client, chatted, stack, body):
    response = client.request("DELETE", f"/api/sessions/{chatted.session_id}", json=body)
    message = assert_error(response, 400, "confirmation_required")
    assert "confirm" in message
    assert stored_rows(stack, chatted.session_id)["messages"] > 0


def test_after_deletion_nothing_of_the_conversation_is_stored(client, chatted, stack):
    session_id = chatted.session_id
    before = stored_rows(stack, session_id)
    assert before["sessions"] == 1 and before["messages"] >= 4 and before["events"] > 0
    with chatted.live() as widget:
        widget.until(lambda f: f["type"] == "handoff")
        response = client.request("DELETE", f"/api/sessions/{session_id}", json={"confirm": True})
        assert response.status_code == 200, response.text
        assert response.json()["deleted"] is True
        widget.until(lambda f: f["type"] == "erased")

    assert stored_rows(stack, session_id) == {"sessions": 0, "messages": 0, "handoffs": 0, "events": 0}
    for database in ("councilbot", "rasa"):
        assert chatted.marker.encode() not in stored_bytes(stack, database), database
    engine = create_engine(stack.database_url("councilbot"))
    with engine.connect() as conn:
        audit = conn.execute(text("SELECT actor, detail FROM audit_log WHERE action = 'conversation_erased' "
                                  "AND detail LIKE :like"), {"like": f"session={session_id}%"}).fetchall()
    engine.dispose()
    assert len(audit) == 1 and audit[0][0] == "resident" and chatted.marker not in audit[0][1]

    # The id no longer works anywhere.
    assert_error(client.get(f"/api/sessions/{session_id}/transcript"), 404, "unknown_session")
    assert_error(client.post(f"/api/sessions/{session_id}/messages", json={"text": "hello"}),
                 404, "unknown_session")
    assert_error(client.request("DELETE", f"/api/sessions/{session_id}", json={"confirm": True}),
                 404, "unknown_session")


def test_a_conversation_with_a_person_is_deleted_once_they_have_finished(client, stack, sam):
    resident = Resident(client)
    handoff = resident.press("/request_human")["handoff"]
    delete = {"method": "DELETE", "url": f"/api/sessions/{resident.session_id}", "json": {"confirm": True}}
    assert "in the queue" in assert_error(client.request(**delete), 409, "handoff_open")
    assert sam.claim(handoff["id"]).status_code == 200
    assert "Tell them you want it deleted" in assert_error(client.request(**delete), 409, "handoff_open")
    assert stored_rows(stack, resident.session_id)["handoffs"] == 1

    assert sam.resolve(handoff["id"]).status_code == 200
    assert client.request(**delete).status_code == 200
    assert stored_rows(stack, resident.session_id) == {"sessions": 0, "messages": 0, "handoffs": 0,
                                                       "events": 0}
    assert sam.api("GET", f"/handoffs/{handoff['id']}").status_code == 404


@pytest.mark.parametrize("method, path", [
    ("GET", "/api/sessions/{}/transcript"),
    ("DELETE", "/api/sessions/{}"),
])
def test_unknown_sessions_are_404(client, method, path):
    for session_id in ("0" * 32, "not-a-session"):
        assert_error(client.request(method, path.format(session_id), json={"confirm": True}),
                     404, "unknown_session")


def test_the_data_protection_officer_exports_and_erases_from_the_command_line(stack, client, tmp_path):
    resident, word = Resident(client), marker()
    resident.say(f"my {word} question about libraries")
    exported = stack.councilbot("privacy", "export", resident.session_id)
    assert exported.returncode == 0, exported.stderr
    assert f"You: my {word} question about libraries" in exported.stdout
    erased = stack.councilbot("privacy", "erase", resident.session_id, "--yes")
    assert erased.returncode == 0, erased.stderr
    assert stored_rows(stack, resident.session_id) == {"sessions": 0, "messages": 0, "handoffs": 0,
                                                       "events": 0}
    assert_error(client.get(f"/api/sessions/{resident.session_id}/transcript"), 404, "unknown_session")
