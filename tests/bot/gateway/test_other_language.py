"""A message written in another language: the gate says which language, the
router does not send it to Rasa, and the resident is told in English and in
their language how to ask for a free interpreter, with the "Talk to a person"
button; in full once, then shorter. The safety net and an open handoff still
come first. Real database, log, queue and wording; Rasa answered over httpx's
transport, counting what it is sent."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from sqlalchemy import select

from bot.db.tables import messages
from bot.gateway.conversation import OTHER_LANGUAGE, Conversations, Gated
from bot.replies import REQUEST_HUMAN, TALK_TO_A_PERSON
from tests.bot.gateway.routers import make_router

# What the stub gate says of each raw message: the minimised text, the
# sensitive category, and the language.
GATE = {
    "Dzień dobry, mój numer to 07700 900555, kiedy jest odbiór śmieci?":
        Gated("Dzień dobry, mój numer to <PHONE>, kiedy jest odbiór śmieci?", language="pl"),
    "Nie zabrali mojego kosza w tym tygodniu":
        Gated("Nie zabrali mojego kosza w tym tygodniu", language="pl"),
    "Wie kann ich die Gemeindesteuer bezahlen?":
        Gated("Wie kann ich die Gemeindesteuer bezahlen?", language="de"),
    "Mój mąż mnie bije, boję się go. my husband hits me":
        Gated("Mój mąż mnie bije, boję się go. my husband hits me", sensitive="domestic_abuse",
              language="pl"),
    "when is my bin collected": Gated("when is my bin collected"),
}


class Rasa:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/webhooks/rest/webhook":
            body = json.loads(request.content)
            self.sent.append(body["message"])
            return httpx.Response(200, json=[{"recipient_id": body["sender"], "text": "Bins are weekly."}])
        return httpx.Response(200, json={})


@pytest.fixture()
def rasa():
    return Rasa()


@pytest.fixture()
def router(engine, clock, rasa):
    async def gate(text: str, session_id: str) -> Gated:
        return GATE[text]

    async def second_opinion(text: str) -> tuple[str, bool]:
        return "domestic_abuse", True

    return make_router(engine, clock, rasa, second_opinion=second_opinion, gate=gate, interpreter=True)


def conversation(router: Conversations) -> str:
    session_id = router.log.new_id()
    router.log.open(session_id)
    return session_id


def say(router: Conversations, session_id: str, text: str | None = None, payload: str | None = None):
    return asyncio.run(router.resident_turn(session_id, text=text, payload=payload))


POLISH = "Dzień dobry, mój numer to 07700 900555, kiedy jest odbiór śmieci?"


def test_another_language_gets_the_interpreter_reply_and_not_rasa(router, rasa):
    session_id = conversation(router)
    turn = say(router, session_id, POLISH)
    assert rasa.sent == [] and turn.handoff is None
    (reply,) = turn.messages
    assert reply["from"] == "system" and reply["kind"] == OTHER_LANGUAGE
    assert reply["text"].startswith("This assistant can only answer in English.")
    assert reply["translation"]["lang"] == "pl" and reply["translation"]["dir"] == "ltr"
    assert reply["buttons"] == [{"title": TALK_TO_A_PERSON, "payload": REQUEST_HUMAN}]
    # The button offered is one the resident may press, and it reaches a person.
    assert REQUEST_HUMAN in router.log.offered(session_id)
    pressed = say(router, session_id, payload=REQUEST_HUMAN)
    assert pressed.handoff is not None and pressed.handoff["status"] == "waiting"


def test_only_the_minimised_text_and_the_reply_are_stored(router, engine):
    session_id = conversation(router)
    say(router, session_id, POLISH)
    stored = router.log.since(session_id)
    assert [m.sender for m in stored] == ["resident", "system"]
    assert stored[0].text == "Dzień dobry, mój numer to <PHONE>, kiedy jest odbiór śmieci?"
    assert stored[0].extra == {}
    # The language is stored only as the reply's translation, nowhere else.
    assert set(stored[1].extra) == {"kind", "buttons", "translation"}
    with engine.connect() as conn:
        rows = conn.execute(select(messages.c.text, messages.c.extra)
                            .where(messages.c.session_id == session_id)).all()
    assert "07700 900555" not in repr(rows)


def test_the_full_text_once_then_the_short_offer_of_a_person(router):
    session_id = conversation(router)
    first = say(router, session_id, POLISH).messages[0]
    second = say(router, session_id, "Nie zabrali mojego kosza w tym tygodniu").messages[0]
    third = say(router, session_id, "Nie zabrali mojego kosza w tym tygodniu").messages[0]
    assert len(second["text"]) < len(first["text"]) and second["text"] == third["text"]
    assert "Talk to a person" in second["text"] and second["buttons"] == first["buttons"]
    assert second["translation"]["lang"] == "pl"


def test_a_language_without_a_translation_gets_english_alone(router):
    session_id = conversation(router)
    (reply,) = say(router, session_id, "Wie kann ich die Gemeindesteuer bezahlen?").messages
    assert 'say "German"' in reply["text"] and "translation" not in reply


def test_the_safety_net_comes_first_whatever_the_language(router, rasa):
    session_id = conversation(router)
    turn = say(router, session_id, "Mój mąż mnie bije, boję się go. my husband hits me")
    assert turn.handoff is not None and router.handoffs.open_for(session_id).priority == "urgent"
    assert turn.messages[0]["kind"] == "signposting"
    assert all(m.get("kind") != OTHER_LANGUAGE for m in turn.messages) and rasa.sent == []


def test_while_with_a_person_the_message_goes_to_them(router, rasa):
    session_id = conversation(router)
    say(router, session_id, payload=REQUEST_HUMAN)
    turn = say(router, session_id, POLISH)
    assert turn.messages == [] and turn.handoff is not None and rasa.sent == []
    assert router.log.last(session_id).sender == "resident"


def test_english_still_goes_to_rasa(router, rasa):
    session_id = conversation(router)
    turn = say(router, session_id, "when is my bin collected")
    assert rasa.sent == ["when is my bin collected"]
    assert [m["text"] for m in turn.messages] == ["Bins are weekly."]
