"""The editors' report through the real gateway, Rasa and actions: a
question the assistant could not answer reaches a supervisor's report
minimised, with why it was not answered; an agent who is not a supervisor
gets 403, and someone not signed in the sign-in page."""

from __future__ import annotations

import html
import json
import sqlite3

import httpx
import pytest

from tests.support.people import Resident

pytestmark = pytest.mark.integration

# Not on any of the council's pages; the name and street go through the privacy gate.
QUESTION = "Hi I'm Margaret Thornbury from 14 Acacia Avenue, where are the nearest public toilets"
RAW = ("Margaret", "Thornbury", "Acacia")


def stored_turn(stack, session_id: str) -> tuple[str, dict]:
    """The resident's minimised question and the answer metadata of the
    reply to it, as the gateway stored them."""
    with sqlite3.connect(stack.var_dir / "councilbot.db") as db:
        rows = db.execute("SELECT sender, text, extra FROM messages WHERE session_id = ? ORDER BY seq",
                          (session_id,)).fetchall()
    question = next(text for sender, text, _ in rows if sender == "resident")
    answer = next(json.loads(extra)["answer"] for sender, _, extra in rows
                  if sender == "assistant" and "answer" in json.loads(extra))
    return question, answer


def test_a_supervisor_sees_the_minimised_question_and_an_agent_does_not(stack, client, agent_factory):
    resident = Resident(client)
    reply = resident.says_and_hears(QUESTION)
    question, answer = stored_turn(stack, resident.session_id)
    # The metadata came from the action server through Rasa to the gateway.
    assert answer["confident"] is False and answer["declined"] in ("not_sure", "elsewhere"), reply
    assert not any(word in question for word in RAW) and "public toilets" in question

    page = agent_factory("pat").client.get("/console/reports")
    assert page.status_code == 200
    assert html.escape(question) in page.text
    assert not any(word in page.text for word in RAW)
    assert resident.session_id not in page.text
    assert "Report for content editors" in page.text and "Knowledge files due for review" in page.text

    refused = agent_factory("sam").client.get("/console/reports")
    assert refused.status_code == 403
    assert "Reports are for supervisors" in refused.text and "public toilets" not in refused.text

    anonymous = httpx.get(f"{stack.url}/console/reports", follow_redirects=False, timeout=30)
    assert anonymous.status_code == 303 and anonymous.headers["location"] == "/console"
