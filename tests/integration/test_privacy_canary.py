"""Canary personal data sent through the running stack never lands in a
file under var/ or in any server's log output; the minimised text does."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

CANARIES = {
    "name": "Zebedee Quartermaine",
    "email": "zebedee.quartermaine@example.com",
    "phone": "07700 900461",
    "postcode": "NB7 4QZ",
    "ni_number": "JX 84 27 19 D",
    "address": "17 Quince Tree Avenue",
}
MESSAGES = [
    f"Hi, my name is {CANARIES['name']} and my bin was missed",
    f"email me at {CANARIES['email']} or call {CANARIES['phone']}",
    f"I live at {CANARIES['address']}, {CANARIES['postcode']}",
    f"my national insurance number is {CANARIES['ni_number']}, can I get council tax support",
]


def forms(value: str) -> set[bytes]:
    """The value as typed, without spaces, and in lower case."""
    variants = {value, value.replace(" ", ""), value.lower(), value.replace(" ", "").lower()}
    return {v.encode() for v in variants}


def files_under(*dirs: Path) -> list[Path]:
    return [p for d in dirs for p in d.rglob("*") if p.is_file()]


@pytest.fixture(scope="module")
def sent(stack, client):
    from tests.integration.conftest import Resident

    resident = Resident(client)
    replies = [resident.say(m) for m in MESSAGES]
    return resident, replies


def test_the_canaries_reach_no_file_and_no_log(stack, sent):
    paths = files_under(stack.var_dir, stack.log_dir, stack.index_dir)
    assert any(p.name == "tracker.db" for p in paths)
    assert {p.name for p in stack.log_dir.iterdir()} == {"actions.log", "rasa.log", "gateway.log"}
    leaks = [
        (label, str(path))
        for path in paths
        for label, value in CANARIES.items()
        if any(form in path.read_bytes().lower() or form in path.read_bytes() for form in forms(value))
    ]
    assert leaks == []


def test_the_minimised_text_is_what_was_stored_and_logged(stack, sent):
    tracker = b"".join(p.read_bytes() for p in stack.var_dir.glob("tracker.db*"))
    for placeholder in (b"<NAME>", b"<EMAIL>", b"<PHONE>", b"<ADDRESS>", b"<POSTCODE>", b"<NI_NUMBER>"):
        assert placeholder in tracker
    assert b"<EMAIL>" in (stack.log_dir / "rasa.log").read_bytes()


def test_replies_never_echo_the_canaries(sent):
    _, replies = sent
    text = repr(replies).encode()
    assert not any(form in text for value in CANARIES.values() for form in forms(value))
