"""Canary personal data of every kind the gate knows, special categories
included, sent through the running stack by a resident and, during a live
handoff, by the resident and the agent, never lands in a file under var/ or
the log directory, in any database row or in any server's log output, in
its typed form, without spaces or in lower case; the minimised text does."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.people import Agent, Resident

pytestmark = pytest.mark.integration

# Fictional values: Ofcom drama numbers, example.com, check digits computed.
CANARIES = {
    "name": "Zebedee Quartermaine",
    "email": "zebedee.quartermaine@example.com",
    "phone": "07700 900461",
    "postcode": "NB7 4QZ",
    "address": "17 Quince Tree Avenue",
    "ni_number": "JX 84 27 19 D",
    "nhs_number": "402 658 3716",
    "date_of_birth": "14/02/1976",
    "sort_code": "40-47-84",
    "bank_account": "71234590",
    "card_number": "4929 1234 5678 9015",
    "iban": "GB33 BUKB 2020 1555 5555 55",
    "council_tax_ref": "CT40077123",
    "vehicle_reg": "KX21 ZQB",
    "passport": "502718364",
    "driving_licence": "QUART702146ZQ9AB",
    "ip_address": "203.0.113.77",
    "health": "motor neurone disease",
    "religion": "Rastafarian",
    "ethnicity": "Eritrean",
    "sexuality": "bisexual",
    "offence": "shoplifting",
}
AGENT_CANARIES = {
    "agent_email": "wilhelmina.fotheringay@example.org",
    "agent_phone": "07700 900873",
}
C = CANARIES
MESSAGES = [
    f"Hi, my name is {C['name']} and my bin was missed",
    f"my email is {C['email']} and my mobile is {C['phone']}, how do I pay my council tax",
    f"I live at {C['address']}, {C['postcode']}, which day is my bin collected",
    f"my national insurance number is {C['ni_number']} and I was born {C['date_of_birth']}, "
    "can I get council tax support",
    f"my NHS number is {C['nhs_number']}, I have {C['health']}, can I get an assisted collection",
    f"refund to sort code {C['sort_code']} account {C['bank_account']} or IBAN {C['iban']} please",
    f"I paid with card {C['card_number']} but my council tax ref {C['council_tax_ref']} "
    "still shows a balance",
    f"my car reg is {C['vehicle_reg']}, passport number {C['passport']}, "
    f"driving licence {C['driving_licence']}, for a parking permit",
    f"the portal blocked me from {C['ip_address']}",
    f"we're {C['ethnicity']} and I'm {C['religion']}; I'm {C['sexuality']} and my neighbour "
    "shouts at me",
    f"my son was arrested for {C['offence']}, will that affect our tenancy",
]
ALL = {**CANARIES, **AGENT_CANARIES}
STORED_PLACEHOLDERS = (b"<NAME:", b"<EMAIL>", b"<PHONE>", b"<ADDRESS>", b"<POSTCODE:NB7>",
                       b"<NI_NUMBER>", b"<NHS_NUMBER>", b"<AGE:", b"<BANK_ACCOUNT>",
                       b"<COUNCIL_TAX_REF>", b"<VEHICLE_REG>", b"<PASSPORT>",
                       b"<DRIVING_LICENCE>", b"<IP_ADDRESS>", b"<HEALTH_CONDITION>",
                       b"<RELIGION>", b"<ETHNICITY>", b"<SEXUALITY>", b"<CRIMINAL_OFFENCE>")


def forms(value: str) -> set[bytes]:
    """The value as typed, without spaces, and in lower case."""
    variants = {value, value.replace(" ", ""), value.lower(), value.replace(" ", "").lower()}
    return {v.encode() for v in variants}


def leaks_in(blob: bytes, canaries: dict[str, str]) -> list[str]:
    lower = blob.lower()
    return [label for label, value in canaries.items()
            if any(form in blob or form in lower for form in forms(value))]


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
    download = client.get(f"/api/sessions/{resident.session_id}/transcript")
    assert download.status_code == 200
    agent.resolve(handoff["id"])
    agent.close()
    return resident, replies, transcript, download.content


def test_the_canaries_reach_no_file_and_no_log(stack, sent):
    # The databases' own files are read too: SQLite's, or PostgreSQL's data
    # directory and write-ahead log in the cluster profile.
    paths = files_under(stack.var_dir, stack.log_dir, stack.index_dir)
    if stack.profile == "cluster":
        assert any("pg_wal" in p.parts for p in paths)
    else:
        assert any(p.name == "tracker.db" for p in paths) and any(p.name == "councilbot.db" for p in paths)
    assert all(stack.logs_of(kind) for kind in ("actions", "rasa", "gateway"))
    leaks = [(label, str(path)) for path in paths for label in leaks_in(path.read_bytes(), ALL)]
    assert leaks == []


@pytest.mark.parametrize("database", ["councilbot", "rasa"])
def test_no_database_row_holds_a_canary(stack, sent, database):
    dump = stack.rows(database)
    assert leaks_in(dump, ALL) == []
    assert b"<EMAIL>" in dump and b"<PHONE>" in dump


# The message about ethnicity, religion and sexuality is hate-crime shaped:
# the safety net hands it to a person, so Rasa never sees what follows.
HANDED_OVER = (b"<RELIGION>", b"<ETHNICITY>", b"<SEXUALITY>", b"<CRIMINAL_OFFENCE>")


@pytest.mark.parametrize("database, expected", [
    ("rasa", [p for p in STORED_PLACEHOLDERS if p not in HANDED_OVER]),
    ("councilbot", list(STORED_PLACEHOLDERS)),
])
def test_the_minimised_text_is_what_was_stored(stack, sent, database, expected):
    stored = stack.rows(database)
    assert [p for p in expected if p not in stored] == []


def test_the_conversation_is_flagged_for_the_shorter_retention(stack, sent):
    from sqlalchemy import create_engine, select

    from bot.db.tables import sessions

    resident = sent[0]
    engine = create_engine(stack.database_url("councilbot"))
    with engine.connect() as conn:
        flag = conn.execute(select(sessions.c.special_category)
                            .where(sessions.c.id == resident.session_id)).scalar_one()
    engine.dispose()
    assert flag


def test_rasa_logged_the_minimised_text(stack, sent):
    assert b"<EMAIL>" in stack.logs_of("rasa")


def test_agents_see_only_minimised_text(sent):
    _, _, transcript, _ = sent
    text = "\n".join(m["text"] for m in transcript).encode()
    assert leaks_in(text, ALL) == []
    assert b"<EMAIL>" in text and b"<HEALTH_CONDITION>" in text


def test_the_residents_download_is_minimised(sent):
    _, _, _, download = sent
    assert leaks_in(download, ALL) == []
    assert b"<PHONE>" in download


def test_replies_never_echo_the_canaries(sent):
    _, replies, _, _ = sent
    assert leaks_in(repr(replies).encode(), CANARIES) == []
