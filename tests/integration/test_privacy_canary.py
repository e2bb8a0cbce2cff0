"""Canary personal data sent through the running stack, by a resident and by
an agent during a handoff, never lands in a file under var/, in any
database row or in any server's log output; the minimised text does."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.support.people import Agent, Resident

pytestmark = pytest.mark.integration

CANARIES = {
    "name": "Zebedee Quartermaine",
    "email": "zebedee.quartermaine@example.com",
    "phone": "07700 900461",
    "postcode": "NB7 4QZ",
    "ni_number": "JX 84 27 19 D",
    "address": "17 Quince Tree Avenue",
}
AGENT_CANARIES = {
    "agent_email": "wilhelmina.fotheringay@example.org",
    "agent_phone": "07700 900873",
}
MESSAGES = [
    f"Hi, my name is {CANARIES['name']} and my bin was missed",
    f"my email is {CANARIES['email']} and my mobile is {CANARIES['phone']}, how do I pay my council tax",
    f"I live at {CANARIES['address']}, {CANARIES['postcode']}, which day is my bin collected",
    f"my national insurance number is {CANARIES['ni_number']}, can I get council tax support",
]
ALL = {**CANARIES, **AGENT_CANARIES}


def forms(value: str) -> set[bytes]:
    """The value as typed, without spaces, and in lower case."""
    variants = {value, value.replace(" ", ""), value.lower(), value.replace(" ", "").lower()}
    return {v.encode() for v in variants}


def files_under(*dirs: Path) -> list[Path]:
    return [p for d in dirs for p in d.rglob("*") if p.is_file()]


@pytest.fixture(scope="module")
def sent(stack, client):
    resident = Resident(client)
    replies = [resident.say(m) for m in MESSAGES]
    # The same details again, through a handoff, from both sides.
    handoff = resident.press("/request_human")["handoff"]
    agent = Agent(stack.url, "alex")
    assert agent.claim(handoff["id"]).status_code == 200
    with resident.live() as widget:
        widget.message("You are now talking to Alex")
        for m in MESSAGES:
            resident.say(m)
        agent_text = (f"Thanks. I'll email {AGENT_CANARIES['agent_email']} or ring "
                      f"{AGENT_CANARIES['agent_phone']}")
        assert agent.say(handoff["id"], agent_text).status_code == 200
        # The resident sees the agent's words as typed...
        live = widget.message("Thanks. I'll email")
        assert AGENT_CANARIES["agent_email"] in live["text"]
    # ...while the agent's own transcript, like everything stored, is minimised.
    transcript = agent.api("GET", f"/handoffs/{handoff['id']}").json()["messages"]
    agent.resolve(handoff["id"])
    agent.close()
    return resident, replies, transcript


def test_the_canaries_reach_no_file_and_no_log(stack, sent):
    paths = files_under(stack.var_dir, stack.log_dir, stack.index_dir)
    assert any(p.name == "tracker.db" for p in paths) and any(p.name == "councilbot.db" for p in paths)
    assert {"actions.log", "rasa.log", "gateway.log"} <= {p.name for p in stack.log_dir.iterdir()}
    leaks = [
        (label, str(path))
        for path in paths
        for label, value in ALL.items()
        if any(form in path.read_bytes().lower() or form in path.read_bytes() for form in forms(value))
    ]
    assert leaks == []


def test_no_database_row_holds_a_canary(stack, sent):
    with sqlite3.connect(stack.var_dir / "councilbot.db") as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        rows = [repr(row) for table in tables for row in db.execute(f"SELECT * FROM {table}")]
    dump = "\n".join(rows).encode()
    assert not [label for label, value in ALL.items() if any(f in dump or f in dump.lower()
                                                             for f in forms(value))]
    assert b"<EMAIL>" in dump and b"<PHONE>" in dump


@pytest.mark.parametrize("store", ["tracker.db", "councilbot.db"])
def test_the_minimised_text_is_what_was_stored(stack, sent, store):
    stored = b"".join(p.read_bytes() for p in stack.var_dir.glob(f"{store}*"))
    for placeholder in (b"<NAME>", b"<EMAIL>", b"<PHONE>", b"<ADDRESS>", b"<POSTCODE>", b"<NI_NUMBER>"):
        assert placeholder in stored


def test_rasa_logged_the_minimised_text(stack, sent):
    assert b"<EMAIL>" in (stack.log_dir / "rasa.log").read_bytes()


def test_agents_see_only_minimised_text(sent):
    _, _, transcript = sent
    text = "\n".join(m["text"] for m in transcript).encode()
    assert not any(form in text for value in ALL.values() for form in forms(value))
    assert b"<EMAIL>" in text


def test_replies_never_echo_the_canaries(sent):
    _, replies, _ = sent
    text = repr(replies).encode()
    assert not any(form in text for value in CANARIES.values() for form in forms(value))
