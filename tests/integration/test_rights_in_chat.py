"""A resident's rights from inside the chat, through the real gateway, Rasa
and action server: "delete my conversation" offers a confirmation whose
button the gateway carries out itself (afterwards neither store holds
anything of the conversation), typed text never deletes, and "download my
conversation" links to the conversation's own minimised copy."""

from __future__ import annotations

import pytest

from bot.replies import CONFIRM_ERASE, ERASE_CONVERSATION, KEEP_CONVERSATION, KEEP_IT, REQUEST_HUMAN
from tests.integration.test_records import EMAIL, assert_error, marker, stored_bytes, stored_rows

pytestmark = pytest.mark.integration

GONE = {"sessions": 0, "messages": 0, "handoffs": 0, "events": 0}


def offered(reply: dict) -> dict[str, str]:
    return {b["title"]: b["payload"] for m in reply["messages"] for b in m.get("buttons", [])}


def test_the_confirm_button_deletes_the_conversation_from_every_store(client, resident, stack):
    word = marker()
    resident.say(f"my {word} bin was missed, email me at {EMAIL}")
    session_id = resident.session_id

    reply = resident.say("delete my conversation")
    assert reply["handoff"] is None
    assert "can't be undone" in reply["messages"][-1]["text"]
    assert offered(reply) == {CONFIRM_ERASE: ERASE_CONVERSATION, KEEP_IT: KEEP_CONVERSATION}
    before = stored_rows(stack, session_id)
    assert before["messages"] >= 5 and before["events"] > 0

    with resident.live() as widget:
        widget.until(lambda f: f["type"] == "handoff")
        response = resident.post({"payload": ERASE_CONVERSATION})
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["erased"] is True and body["handoff"] is None
        (goodbye,) = body["messages"]
        assert goodbye["kind"] == "erased" and "has been deleted" in goodbye["text"]
        assert "seq" not in goodbye
        widget.until(lambda f: f["type"] == "erased")

    assert stored_rows(stack, session_id) == GONE
    for database in ("councilbot", "rasa"):
        data = stored_bytes(stack, database)
        assert word.encode() not in data and b"has been deleted" not in data, database
    assert_error(client.get(f"/api/sessions/{session_id}/transcript"), 404, "unknown_session")
    assert_error(resident.post({"text": "hello"}), 404, "unknown_session")


@pytest.mark.parametrize("typed", ["/erase_conversation", " /erase_conversation", CONFIRM_ERASE,
                                   "yes delete it"])
def test_typed_text_never_deletes(resident, stack, typed):
    resident.say("delete my conversation")
    reply = resident.say(typed)
    assert "erased" not in reply
    rows = stored_rows(stack, resident.session_id)
    assert rows["sessions"] == 1 and rows["events"] > 0
    transcript = resident.client.get(f"/api/sessions/{resident.session_id}/transcript").text
    assert "You: /erase" not in transcript


def test_no_keep_it_keeps_everything(resident, stack, council):
    resident.say("wipe my chat")
    reply = resident.press(KEEP_CONVERSATION)
    assert "erased" not in reply
    text = reply["messages"][-1]["text"]
    assert "haven't deleted anything" in text and f"{council.transcript_retention_days} days" in text
    assert stored_rows(stack, resident.session_id)["sessions"] == 1


def test_the_confirm_button_waits_while_a_person_has_the_conversation(resident, stack, sam):
    resident.say("delete my conversation")
    handoff = resident.press(REQUEST_HUMAN)["handoff"]
    reply = resident.press(ERASE_CONVERSATION)
    assert "erased" not in reply and reply["handoff"]["status"] == "waiting"
    assert "can't be deleted yet" in reply["messages"][-1]["text"]

    assert sam.claim(handoff["id"]).status_code == 200
    transcript = sam.api("GET", f"/handoffs/{handoff['id']}").json()
    assert CONFIRM_ERASE in str(transcript)
    reply = resident.press(ERASE_CONVERSATION)
    assert "Tell them you want it deleted" in reply["messages"][-1]["text"]
    assert stored_rows(stack, resident.session_id)["sessions"] == 1

    assert sam.resolve(handoff["id"]).status_code == 200
    assert resident.press(ERASE_CONVERSATION)["erased"] is True
    assert stored_rows(stack, resident.session_id) == GONE


@pytest.mark.parametrize("asked", ["download my conversation", "can I get a copy of this chat",
                                   "send me a transcript"])
def test_download_links_to_the_minimised_copy(client, resident, asked):
    resident.say(f"my email is {EMAIL}")
    (message,) = resident.say(asked)["messages"]
    link = message["download"]
    assert link == {"title": "Download this conversation (text file)",
                    "url": f"/api/sessions/{resident.session_id}/transcript"}
    copy = client.get(link["url"])
    assert copy.status_code == 200 and copy.headers["content-disposition"].startswith("attachment;")
    assert "You: my email is <EMAIL>" in copy.text and EMAIL not in copy.text
    assert f"You: {asked}" in copy.text
