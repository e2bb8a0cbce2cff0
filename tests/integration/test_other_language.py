"""A resident who writes in Polish or Urdu, through the real gateway, Rasa
and actions: the reply says in English and in their language how to ask for
a free interpreter and offers "Talk to a person"; the message never reaches
Rasa; and the only trace of it anywhere is its minimised text."""

from __future__ import annotations

import json
import sqlite3

import httpx
import pytest

from bot.replies import REQUEST_HUMAN, TALK_TO_A_PERSON
from tests.support.people import Resident

pytestmark = pytest.mark.integration

# Fictional numbers from Ofcom's drama range, which the privacy gate removes.
POLISH_PHONE, URDU_PHONE = "07700 900717", "07700 900718"
MESSAGES = {
    "pl": f"Dzien dobry, kiedy jest odbiór śmieci na mojej ulicy? Mój telefon to {POLISH_PHONE}.",
    "ur": f"السلام علیکم، میرا کوڑا اس ہفتے نہیں اٹھایا گیا۔ میرا نمبر {URDU_PHONE} ہے",
}
DIRECTION = {"pl": "ltr", "ur": "rtl"}


@pytest.fixture(scope="module")
def chats(client):
    sent = {}
    for language, text in MESSAGES.items():
        resident = Resident(client)
        sent[language] = (resident, resident.say(text))
    return sent


@pytest.mark.parametrize("language", MESSAGES)
def test_the_reply_is_in_english_and_the_residents_language_with_a_person(chats, council, language):
    _, reply = chats[language]
    assert reply["handoff"] is None
    (message,) = reply["messages"]
    assert message["from"] == "system" and message["kind"] == "other_language"
    assert message["text"].startswith("This assistant can only answer in English.")
    assert council.interpreter.phone in message["text"]
    translation = message["translation"]
    assert translation["lang"] == language and translation["dir"] == DIRECTION[language]
    assert council.interpreter.phone in translation["text"] and TALK_TO_A_PERSON in translation["text"]
    assert {"title": TALK_TO_A_PERSON, "payload": REQUEST_HUMAN} in message["buttons"]


@pytest.mark.parametrize("language, phone", [("pl", POLISH_PHONE), ("ur", URDU_PHONE)])
def test_the_stored_transcript_holds_only_the_minimised_text(chats, client, stack, language, phone):
    resident, _ = chats[language]
    download = client.get(f"/api/sessions/{resident.session_id}/transcript", params={"format": "json"})
    assert download.status_code == 200
    assert phone.encode() not in download.content and phone.replace(" ", "").encode() not in download.content
    with sqlite3.connect(stack.var_dir / "councilbot.db") as db:
        rows = db.execute("SELECT sender, text, extra FROM messages WHERE session_id = ? ORDER BY seq",
                          (resident.session_id,)).fetchall()
    said = [text for sender, text, _ in rows if sender == "resident"]
    assert len(said) == 1 and "<PHONE>" in said[0] and phone not in said[0]
    # What was stored for the resident is what the gateway minimised, and
    # the reply's extra carries the translation, never the resident's words.
    reply_extra = json.loads(rows[-1][2])
    assert set(reply_extra) == {"kind", "buttons", "translation"}
    assert said[0] not in json.dumps(reply_extra, ensure_ascii=False)


def test_the_raw_text_reaches_no_file_and_no_log(chats, stack):
    files = [p for d in (stack.var_dir, stack.log_dir) for p in d.rglob("*") if p.is_file()]
    for path in files:
        blob = path.read_bytes()
        for phone in (POLISH_PHONE, URDU_PHONE):
            assert phone.encode() not in blob and phone.replace(" ", "").encode() not in blob, path


def test_rasa_is_never_sent_a_message_in_another_language(chats, stack):
    for resident, _ in chats.values():
        tracker = httpx.get(f"http://127.0.0.1:{stack.rasa_port}/conversations/{resident.session_id}/tracker",
                            params={"token": stack.rasa_token}, timeout=30).json()
        said = [e.get("text") for e in tracker["events"] if e.get("event") == "user"]
        assert said == ["/open_conversation"]
