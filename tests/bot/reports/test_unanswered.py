"""Which questions the report lists: those typed (never a button pressed)
whose reply declined or answered on a weak match, each once, from the
conversations still kept."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.reports.unanswered import ELSEWHERE, LOW, NOT_SURE, Unanswered, unanswered_since, weak
from tests.support.reports import ELSEWHERE as SIGNPOST
from tests.support.reports import LOW as WEAK_ANSWER
from tests.support.reports import NOT_SURE as UNSURE
from tests.support.reports import SOUND

LONG_AGO = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@pytest.mark.parametrize(("answer", "expected"), [
    (UNSURE, (NOT_SURE, "missed-bin")),
    (SIGNPOST, (ELSEWHERE, "elsewhere:passports")),
    (WEAK_ANSWER, (LOW, "pay-council-tax")),
    (SOUND, None),
    # Stored before replies said why: still not sure.
    ({"confident": False}, (NOT_SURE, None)),
    ({"confident": False, "declined": "elsewhere"}, (ELSEWHERE, None)),
    ({"confident": True, "topic": "libraries", "low": "yes"}, None),
    ({"topic": "libraries"}, None),
    (None, None),
    ("not sure", None),
])
def test_why_a_reply_puts_its_question_in_the_report(answer, expected):
    assert weak(answer) == expected


@pytest.mark.parametrize(("turns", "expected"), [
    ([("ask", "where are the public toilets"), ("reply", UNSURE)],
     [Unanswered("where are the public toilets", NOT_SURE, "missed-bin")]),
    ([("ask", "how do i renew my passport"), ("reply", SIGNPOST)],
     [Unanswered("how do i renew my passport", ELSEWHERE, "elsewhere:passports")]),
    ([("ask", "who do i pay"), ("reply", WEAK_ANSWER)],
     [Unanswered("who do i pay", LOW, "pay-council-tax")]),
    ([("ask", "my bin was missed"), ("reply", SOUND)], []),
    # A button pressed is not a question the resident wrote.
    ([("press", "Report a missed bin"), ("reply", UNSURE)], []),
    # Replies that are not answers at all (a greeting, the queue) say nothing.
    ([("ask", "hello"), ("reply", None), ("system", "You're number 1 in the queue.")], []),
    # The question is the resident's message just before the reply.
    ([("ask", "my bin was missed"), ("reply", SOUND), ("ask", "where are the public toilets"),
      ("reply", UNSURE)], [Unanswered("where are the public toilets", NOT_SURE, "missed-bin")]),
    ([("ask", "where are the public toilets"), ("press", "Talk to a person"), ("reply", UNSURE)], []),
    # Two replies to one question count it once.
    ([("ask", "where are the public toilets"), ("reply", UNSURE), ("reply", UNSURE)],
     [Unanswered("where are the public toilets", NOT_SURE, "missed-bin")]),
    ([("ask", "where are the public toilets"), ("system", "A note."), ("reply", UNSURE)],
     [Unanswered("where are the public toilets", NOT_SURE, "missed-bin")]),
    # A reply with no question before it in its conversation.
    ([("reply", UNSURE)], []),
])
def test_the_questions_read_from_a_conversation(chats, engine, turns, expected):
    chats.chat(*turns)
    assert unanswered_since(engine, LONG_AGO) == expected


def test_a_question_takes_no_reply_from_another_conversation(chats, engine):
    chats.chat(("ask", "where are the public toilets"))
    chats.chat(("reply", UNSURE))
    assert unanswered_since(engine, LONG_AGO) == []


def test_only_questions_in_the_period_are_read(chats, engine, clock):
    chats.asked("is the swimming pool open on sunday")
    clock.advance(days=10)
    chats.asked("where are the public toilets")
    since = clock() - dt.timedelta(days=5)
    assert [q.text for q in unanswered_since(engine, since)] == ["where are the public toilets"]


def test_an_erased_conversation_is_gone_from_the_report(chats, engine):
    from bot.db.tables import sessions

    chats.asked("where are the public toilets")
    erased = chats.asked("who is my councillor")
    with engine.begin() as conn:
        conn.execute(sessions.delete().where(sessions.c.id == erased))
    assert [q.text for q in unanswered_since(engine, LONG_AGO)] == ["where are the public toilets"]
