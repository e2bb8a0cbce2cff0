"""A process that dies is started again by supervisor, and nothing the
resident or the contact team had is lost.

Each of the three processes is killed with SIGKILL in the middle of a
conversation, with another resident waiting in the queue for a person.
While it restarts, the resident's next message gets a plain "please try
again" (or, for the gateway itself, no connection: the widget says the
same); sent again under the same client id once the stack is healthy, it
is stored once and answered once, and the waiting resident is still in
the queue."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.support.people import Resident

pytestmark = pytest.mark.integration


def _transcript(client: httpx.Client, session_id: str) -> list[dict]:
    response = client.get(f"/api/sessions/{session_id}/transcript", params={"format": "json"})
    assert response.status_code == 200, response.text
    return json.loads(response.text)["messages"]


def _send(stack, session_id: str, text: str, client_id: str) -> httpx.Response | None:
    """One attempt on a fresh connection, as a browser would after a
    failure; None when the gateway is not listening."""
    try:
        with httpx.Client(base_url=stack.url, timeout=60) as fresh:
            return fresh.post(f"/api/sessions/{session_id}/messages",
                              json={"text": text, "client_id": client_id})
    except httpx.TransportError:
        return None


@pytest.mark.parametrize("process", ["rasa", "actions", "gateway"])
def test_a_killed_process_is_restarted_and_the_conversation_goes_on(stack, client, sam, process):
    resident, waiting = Resident(client), Resident(client)
    first = resident.say("when is my bin day?")
    assert first["messages"][0]["sources"]
    queued = waiting.press("/request_human")["handoff"]
    assert queued["status"] == "waiting"

    stack.kill(process)
    question, key = "how do I pay my council tax?", f"fault-{process}-0001"
    during = _send(stack, resident.session_id, question, key)
    if during is None:
        assert process == "gateway", f"the gateway stopped answering when {process} died"
    elif during.status_code != 200:
        # Never a stack trace: the same plain message the widget shows.
        assert during.status_code == 503, during.text
        error = during.json()["error"]
        assert error["code"] == "assistant_unavailable"
        assert "try again" in error["message"] and "Traceback" not in during.text

    stack.wait_healthy(300)
    after = _send(stack, resident.session_id, question, key)
    assert after is not None and after.status_code == 200, after and after.text
    answer = after.json()["messages"]
    assert answer and answer[0]["sources"][0]["url"].endswith("/council-tax/pay")
    again = _send(stack, resident.session_id, question, key)
    assert again is not None and again.json()["messages"] == answer

    typed = [m["text"] for m in _transcript(client, resident.session_id) if m["from"] == "resident"]
    assert typed == ["when is my bin day?", question]
    assert resident.says_and_hears("thanks").strip()
    assert waiting.handoff()["status"] == "waiting"
    assert waiting.handoff()["id"] == queued["id"]
    assert sam.claim(queued["id"]).status_code == 200
    assert sam.resolve(queued["id"]).status_code == 200
