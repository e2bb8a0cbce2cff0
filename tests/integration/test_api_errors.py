"""Bad input at the API gets a clear JSON error and loses nothing."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration


def assert_error(response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"]["code"] == code
    assert body["error"]["message"]


@pytest.mark.parametrize(
    "body, headers, status, code",
    [
        (b'{"text": ""}', {}, 422, "empty_message"),
        (b'{"text": "   "}', {}, 422, "empty_message"),
        ('{"text": "%s"}' % ("a" * 1001), {}, 413, "message_too_long"),
        (b"not json", {}, 400, "invalid_json"),
        (b"\xff\xfe\x00\x01binary", {"content-type": "application/octet-stream"}, 400, "invalid_json"),
        (b"[]", {}, 400, "invalid_json"),
        (b'{"text": 42}', {}, 400, "invalid_text"),
        (b"{}", {}, 400, "invalid_text"),
        (b"x" * (70 * 1024), {}, 413, "too_large"),
    ],
)
def test_bad_messages(resident, client, body, headers, status, code):
    response = client.post(f"/api/sessions/{resident.session_id}/messages", content=body,
                           headers={"content-type": "application/json", **headers})
    assert_error(response, status, code)


def test_the_conversation_carries_on_after_a_bad_message(resident, client):
    client.post(f"/api/sessions/{resident.session_id}/messages", content=b"not json")
    assert resident.say("hello")["messages"]


@pytest.mark.parametrize(
    "session_id", ["0" * 32, "not-a-session", "..%2F..%2Fetc%2Fpasswd", "%C3%A9", "A" * 32])
def test_unknown_sessions(client, session_id):
    assert_error(client.post(f"/api/sessions/{session_id}/messages", json={"text": "hi"}),
                 404, "unknown_session")


@pytest.mark.parametrize(
    "method, path, status, code",
    [
        ("GET", "/api/sessions", 405, "method_not_allowed"),
        ("DELETE", "/api/sessions", 405, "method_not_allowed"),
        ("GET", "/api/nothing-here", 404, "not_found"),
    ],
)
def test_wrong_methods_and_paths(client, method, path, status, code):
    assert_error(client.request(method, path), status, code)


def test_odd_unicode_is_accepted(resident):
    reply = resident.say("ｍｙ ｂｉｎ ｗａｓ ｍｉｓｓｅｄ \u200b🗑️")
    assert reply["messages"][0]["sources"][0]["title"] == "Report a missed bin collection"
