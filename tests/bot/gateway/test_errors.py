"""What a client is told when something fails: the JSON error shape, and a
database that is restarting told apart from a fault in the code."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError

from bot.gateway.errors import ApiError, handle_error

REQUEST = SimpleNamespace(method="POST", path="/api/sessions/abc/messages")


@pytest.mark.parametrize("exc, status, code", [
    (ApiError(404, "unknown_session", "No such chat."), 404, "unknown_session"),
    (OperationalError("SELECT 1", {}, Exception("connection refused")), 503, "store_unavailable"),
    (DBAPIError("SELECT 1", {}, Exception("server closed the connection"), connection_invalidated=True),
     503, "store_unavailable"),
    (ProgrammingError("SELECT nonsense", {}, Exception("syntax error")), 500, "internal_error"),
    (KeyError("boom"), 500, "internal_error"),
], ids=["api-error", "database-down", "connection-lost", "bad-sql", "bug"])
def test_each_failure_gets_a_plain_message_and_fitting_status(exc, status, code, caplog):
    response = handle_error(REQUEST, exc)
    body = json.loads(response.body)
    assert response.status == status and body["error"]["code"] == code
    assert "Traceback" not in body["error"]["message"] and "SELECT" not in body["error"]["message"]
    if status == 503:
        assert response.headers["Retry-After"] == "5"
        assert "try again" in body["error"]["message"]
    assert "SELECT" not in caplog.text
