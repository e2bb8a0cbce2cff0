""""Was this helpful?" through the real gateway, Rasa and actions: an answer
is rated once, a reason may follow a "no", the row holds only the topic,
section, yes or no, reason and day, and it outlives the conversation. And
the open performance figures, which name no conversation and quote no text."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.support.people import Resident

pytestmark = pytest.mark.integration

QUESTION = "how do I pay my council tax"
EVALUATION = Path(__file__).resolve().parents[1] / "support" / "knowledge_evaluation.json"


def assert_error(response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"]["code"] == code and body["error"]["message"]


def rate(client, session_id: str, body) -> object:
    if isinstance(body, bytes):
        return client.post(f"/api/sessions/{session_id}/feedback", content=body,
                           headers={"content-type": "application/json"})
    return client.post(f"/api/sessions/{session_id}/feedback", json=body)


def database(stack) -> sqlite3.Connection:
    db = sqlite3.connect(stack.var_dir / "councilbot.db")
    db.row_factory = sqlite3.Row
    return db


def feedback_rows(stack, after_id: int = 0) -> list[dict]:
    with database(stack) as db:
        return [dict(r) for r in db.execute("SELECT * FROM feedback WHERE id > ? ORDER BY id", (after_id,))]


def last_feedback_id(stack) -> int:
    with database(stack) as db:
        return db.execute("SELECT coalesce(max(id), 0) FROM feedback").fetchone()[0]


def stored_answer(stack, session_id: str, seq: int) -> dict:
    with database(stack) as db:
        extra = db.execute("SELECT extra FROM messages WHERE session_id = ? AND seq = ?",
                           (session_id, seq)).fetchone()[0]
    return json.loads(extra)["answer"]


def monthly(stack) -> dict[str, int]:
    month = dt.datetime.now(ZoneInfo("Europe/London")).strftime("%Y-%m")
    with database(stack) as db:
        return {r["metric"]: r["count"] for r in db.execute(
            "SELECT metric, count FROM monthly_counts WHERE month = ?", (month,))}


@pytest.fixture()
def answered(resident):
    (message,) = resident.say(QUESTION)["messages"]
    assert message["sources"][0]["title"] == "Pay your council tax"
    resident.answer = message
    return resident


def test_the_reasons_on_offer(client):
    body = client.get("/api/feedback/reasons").json()
    assert body["question"] == "Was this helpful?"
    assert [r["code"] for r in body["reasons"]] == [
        "did_not_answer", "hard_to_understand", "wrong_or_out_of_date", "wanted_a_person"]
    assert all(r["label"] for r in body["reasons"])


def test_a_no_with_a_reason_is_stored_anonymously_and_outlives_the_conversation(client, stack, answered):
    answer = answered.answer
    seq = answer["seq"]
    assert answer["feedback"] == {"state": "unrated"}
    assert "answer" not in answer
    source = stored_answer(stack, answered.session_id, seq)
    assert source["confident"] is True and source["topic"] == "pay-council-tax"
    assert source["section"].startswith("pay-council-tax#")
    before, counted = last_feedback_id(stack), monthly(stack)

    response = rate(client, answered.session_id, {"seq": seq, "helpful": False})
    assert response.status_code == 200, response.text
    assert response.json()["feedback"] == {"state": "awaiting_reason"}
    response = rate(client, answered.session_id,
                    {"seq": seq, "helpful": False, "reason": "hard_to_understand"})
    assert response.status_code == 200, response.text
    assert response.json() == {"seq": seq, "feedback": {"state": "rated"},
                               "message": "Thank you for your feedback."}

    (row,) = feedback_rows(stack, before)
    assert set(row) == {"id", "topic_id", "section_id", "helpful", "reason", "rated_on"}
    today = dt.datetime.now(ZoneInfo("Europe/London")).date().isoformat()
    assert {k: v for k, v in row.items() if k != "id"} == {
        "topic_id": "pay-council-tax", "section_id": source["section"], "helpful": 0,
        "reason": "hard_to_understand", "rated_on": today}
    assert monthly(stack).get("rated_not_helpful", 0) == counted.get("rated_not_helpful", 0) + 1

    # One rating per answer, whichever way it is tried again.
    for again in [{"seq": seq, "helpful": True}, {"seq": seq, "helpful": False},
                  {"seq": seq, "helpful": False, "reason": "did_not_answer"}]:
        assert_error(rate(client, answered.session_id, again), 409, "already_rated")
    assert len(feedback_rows(stack, before)) == 1

    # The conversation is deleted; the rating stays, and nothing in it names the chat.
    deleted = client.request("DELETE", f"/api/sessions/{answered.session_id}", json={"confirm": True})
    assert deleted.status_code == 200, deleted.text
    with database(stack) as db:
        assert db.execute("SELECT count(*) FROM messages WHERE session_id = ?",
                          (answered.session_id,)).fetchone()[0] == 0
    assert feedback_rows(stack, before) == [row]
    assert_error(rate(client, answered.session_id, {"seq": seq, "helpful": True}), 404, "unknown_session")


def test_a_yes(client, stack, answered):
    before = last_feedback_id(stack)
    response = rate(client, answered.session_id, {"seq": answered.answer["seq"], "helpful": True})
    assert response.json()["feedback"] == {"state": "rated"}
    (row,) = feedback_rows(stack, before)
    assert (row["topic_id"], row["helpful"], row["reason"]) == ("pay-council-tax", 1, None)


@pytest.mark.parametrize("body, status, code", [
    (b"not json", 400, "invalid_json"),
    (b"[1, 2]", 400, "invalid_json"),
    ({"helpful": True}, 400, "invalid_seq"),
    ({"seq": "3", "helpful": True}, 400, "invalid_seq"),
    ({"seq": True, "helpful": True}, 400, "invalid_seq"),
    ({"seq": 0, "helpful": True}, 400, "invalid_seq"),
    ({"seq": "ANSWER", "helpful": "yes"}, 400, "invalid_feedback"),
    ({"seq": "ANSWER"}, 400, "invalid_feedback"),
    ({"seq": "ANSWER", "helpful": False, "reason": "it was rubbish"}, 400, "invalid_reason"),
    ({"seq": "ANSWER", "helpful": False, "reason": 3}, 400, "invalid_reason"),
    ({"seq": "ANSWER", "helpful": True, "reason": "did_not_answer"}, 400, "invalid_reason"),
    ({"seq": 9999, "helpful": True}, 404, "unknown_message"),
    ({"seq": 1, "helpful": True}, 400, "not_an_answer"),        # the disclosure
    ({"seq": "QUESTION", "helpful": True}, 400, "not_an_answer"),  # the resident's own message
])
def test_bad_ratings_get_clear_errors_and_store_nothing(client, stack, answered, body, status, code):
    if isinstance(body, dict) and body.get("seq") in ("ANSWER", "QUESTION"):
        body = {**body, "seq": answered.answer["seq"] - (body["seq"] == "QUESTION")}
    before = last_feedback_id(stack)
    assert_error(rate(client, answered.session_id, body), status, code)
    assert feedback_rows(stack, before) == []
    # Nothing was used up: the answer can still be rated.
    good = rate(client, answered.session_id, {"seq": answered.answer["seq"], "helpful": True})
    assert good.status_code == 200


@pytest.mark.parametrize("session_id", ["0" * 32, "not-a-session"])
def test_an_unknown_chat(client, session_id):
    assert_error(rate(client, session_id, {"seq": 2, "helpful": True}), 404, "unknown_session")


def test_no_rating_for_not_sure_replies_or_handovers(client, resident):
    reply = resident.say("what is the airspeed velocity of an unladen swallow")["messages"]
    assert reply and all("feedback" not in m for m in reply)
    assert_error(rate(client, resident.session_id, {"seq": reply[0]["seq"], "helpful": False}),
                 400, "not_an_answer")
    handover = resident.press("/request_human")["messages"]
    assert handover and all("feedback" not in m for m in handover)


def test_the_chat_is_counted_for_the_monthly_figures(stack, client):
    counted = monthly(stack)
    resident = Resident(client)
    resident.say(QUESTION)
    resident.say("what is the airspeed velocity of an unladen swallow")
    resident.press("/request_human")
    now = monthly(stack)
    for metric, more in {"questions": 2, "answered": 1, "handoff_request": 1}.items():
        assert now.get(metric, 0) == counted.get(metric, 0) + more, metric


def test_the_performance_figures_name_no_conversation(stack, client):
    residents = [Resident(client) for _ in range(2)]
    marker = "wobblefeedbackmarker"
    for resident in residents:
        resident.say(f"{marker} {QUESTION}")
    target = stack.var_dir / "evaluation" / "knowledge.json"
    target.unlink(missing_ok=True)
    assert "Not measured yet." in client.get("/transparency/performance").text
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(EVALUATION, target)
    try:
        page = client.get("/transparency/performance")
        data = client.get("/transparency/performance.json")
    finally:
        target.unlink()
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert data.status_code == 200
    figures = data.json()
    month = dt.datetime.now(ZoneInfo("Europe/London")).strftime("%Y-%m")
    assert figures["months"][0]["month"] == month and figures["months"][0]["complete"] is False
    assert figures["evaluation"]["measured"] is True
    assert "How the AI assistant is doing" in page.text and "Plainly worded" in page.text
    for output in (page.text, data.text):
        for resident in residents:
            assert resident.session_id not in output and resident.session_id[:8] not in output
        assert marker not in output and QUESTION not in output
        assert not re.search(r"[0-9a-f]{32}", output)
    # Any count shown is at least ten.
    for figure in figures["months"]:
        for key in ("questions", "answered", "ratings", "rated_helpful"):
            assert figure[key]["suppressed"] or figure[key]["count"] >= 10
        for reason in figure["handoffs"].values():
            assert reason["suppressed"] or reason["count"] >= 10


def test_the_record_links_the_figures(client):
    assert 'href="/transparency/performance"' in client.get("/transparency").text
    record = client.get("/transparency.json").json()
    assert record["tier1"]["find_out_more"]["performance_url"] == "/transparency/performance"
