"""Ratings of answers: one per answer, a reason only after a "no", stored
with the topic, section and day alone, and kept when the conversation goes."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from bot.conversations import ConversationLog, Outgoing
from bot.db.tables import feedback, monthly_counts
from bot.feedback import (
    AWAITING_REASON,
    RATED,
    REASONS,
    UNRATED,
    AlreadyRated,
    BadReason,
    NotAnAnswer,
    Ratings,
    UnknownMessage,
)
from bot.performance import MonthlyCounters
from bot.records import RetentionPolicy, TrackerStore
from bot.records.erasure import erase
from bot.records.retention import purge

ANSWER = {"confident": True, "topic": "missed-bin", "section": "missed-bin#how-to-report"}


@pytest.fixture()
def log(engine, clock):
    return ConversationLog(engine, clock)


@pytest.fixture()
def ratings(engine, clock):
    return Ratings(engine, clock, MonthlyCounters(engine, clock))


@pytest.fixture()
def chat(log):
    """A conversation: disclosure (1), question (2), answer (3), not-sure
    reply (4), queue message (5), a second answer without a section (6)."""
    session_id = log.new_id()
    log.open(session_id)
    log.append(session_id, [
        Outgoing("assistant", "Hello, I'm an AI."),
        Outgoing("resident", "my bin was missed"),
        Outgoing("assistant", "Report it online.", {"answer": ANSWER}),
        Outgoing("assistant", "I'm not sure.", {"answer": {"confident": False}}),
        Outgoing("system", "You're number 1 in the queue.", {"kind": "queue"}),
        Outgoing("assistant", "Libraries open at 9.", {"answer": {"confident": True, "topic": "libraries"}}),
    ])
    return session_id


def stored(engine) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.select(feedback).order_by(feedback.c.id))]


def counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {r.metric: r.count for r in conn.execute(sa.select(monthly_counts))}


def state(log, session_id: str, seq: int) -> str | None:
    (message,) = [m for m in log.since(session_id) if m.seq == seq]
    return message.as_api().get("feedback", {}).get("state")


def test_a_yes_is_stored_with_topic_section_and_day_only(engine, ratings, log, chat, clock):
    assert state(log, chat, 3) == UNRATED
    assert ratings.rate(chat, 3, helpful=True) == RATED
    (row,) = stored(engine)
    assert set(row) == {"id", "topic_id", "section_id", "helpful", "reason", "rated_on"}
    assert row | {"id": None} == {"id": None, "topic_id": "missed-bin",
                                  "section_id": "missed-bin#how-to-report", "helpful": True,
                                  "reason": None, "rated_on": clock().date()}
    assert state(log, chat, 3) == RATED
    assert counts(engine) == {"rated_helpful": 1}


@pytest.mark.parametrize("helpful, reason", [(True, None), (False, None), (False, "did_not_answer")])
def test_an_answer_is_rated_once(ratings, chat, engine, helpful, reason):
    ratings.rate(chat, 3, helpful=True)
    with pytest.raises(AlreadyRated):
        ratings.rate(chat, 3, helpful, reason)
    assert len(stored(engine)) == 1


def test_a_reason_can_follow_a_no_once(engine, ratings, log, chat):
    assert ratings.rate(chat, 3, helpful=False) == AWAITING_REASON
    assert state(log, chat, 3) == AWAITING_REASON
    assert ratings.rate(chat, 3, helpful=False, reason="hard_to_understand") == RATED
    (row,) = stored(engine)
    assert (row["helpful"], row["reason"]) == (False, "hard_to_understand")
    assert counts(engine) == {"rated_not_helpful": 1}
    for again in [(False, "did_not_answer"), (False, None), (True, None)]:
        with pytest.raises(AlreadyRated):
            ratings.rate(chat, 3, *again)
    assert state(log, chat, 3) == RATED


def test_a_yes_after_a_no_is_refused(ratings, chat):
    ratings.rate(chat, 3, helpful=False)
    with pytest.raises(AlreadyRated):
        ratings.rate(chat, 3, helpful=True)


def test_a_no_with_its_reason_at_once(engine, ratings, chat):
    assert ratings.rate(chat, 3, False, "wanted_a_person") == RATED
    assert [(r["helpful"], r["reason"]) for r in stored(engine)] == [(False, "wanted_a_person")]


def test_reasons_from_two_chats_land_on_two_rows(engine, ratings, log, chat):
    other = log.new_id()
    log.open(other)
    log.append(other, [Outgoing("assistant", "Report it online.", {"answer": ANSWER})])
    ratings.rate(chat, 3, helpful=False)
    ratings.rate(other, 1, helpful=False)
    ratings.rate(other, 1, False, "did_not_answer")
    ratings.rate(chat, 3, False, "wrong_or_out_of_date")
    assert sorted(r["reason"] for r in stored(engine)) == ["did_not_answer", "wrong_or_out_of_date"]
    assert counts(engine) == {"rated_not_helpful": 2}


def test_a_reason_goes_to_the_newest_no_of_its_section_and_day(engine, ratings, log, chat):
    earlier = log.new_id()
    log.open(earlier)
    log.append(earlier, [Outgoing("assistant", "Report it online.", {"answer": ANSWER})])
    ratings.rate(earlier, 1, helpful=False)  # a "no" whose reason never comes
    ratings.rate(chat, 3, helpful=False)
    ratings.rate(chat, 3, False, "hard_to_understand")
    reasons = [r["reason"] for r in sorted(stored(engine), key=lambda r: r["id"])]
    assert reasons == [None, "hard_to_understand"]


def test_a_reason_the_next_day_goes_to_the_day_of_the_no(engine, ratings, chat, clock):
    ratings.rate(chat, 3, helpful=False)
    day = clock().date()
    clock.advance(days=1)
    ratings.rate(chat, 3, False, "did_not_answer")
    (row,) = stored(engine)
    assert (row["rated_on"], row["reason"]) == (day, "did_not_answer")


def test_an_answer_without_a_section_is_rated_by_topic(engine, ratings, chat):
    ratings.rate(chat, 6, helpful=False)
    ratings.rate(chat, 6, False, "did_not_answer")
    (row,) = stored(engine)
    assert (row["topic_id"], row["section_id"], row["reason"]) == ("libraries", None, "did_not_answer")


@pytest.mark.parametrize("seq", [1, 2, 4, 5])
def test_only_answers_from_the_knowledge_files_are_rated(ratings, log, chat, engine, seq):
    assert state(log, chat, seq) is None
    with pytest.raises(NotAnAnswer):
        ratings.rate(chat, seq, helpful=True)
    assert stored(engine) == []


@pytest.mark.parametrize("session, seq", [("own", 99), ("own", 0), ("other", 3)])
def test_a_message_not_in_the_chat_is_unknown(ratings, chat, log, session, seq):
    other = log.new_id()
    log.open(other)
    with pytest.raises(UnknownMessage):
        ratings.rate(chat if session == "own" else other, seq, helpful=True)


@pytest.mark.parametrize("helpful, reason", [
    (False, "it was rubbish"), (False, ""), (True, "did_not_answer"), (False, "DID_NOT_ANSWER")])
def test_only_listed_reasons_after_a_no(ratings, chat, engine, helpful, reason):
    with pytest.raises(BadReason):
        ratings.rate(chat, 3, helpful, reason)
    assert stored(engine) == []


def test_reasons_are_short_plain_and_few():
    assert 2 <= len(REASONS) <= 5
    for code, label in REASONS.items():
        assert code.isidentifier() and code.islower() and len(code) <= 32
        assert label[0].isupper() and len(label) <= 60


@pytest.mark.parametrize("how", ["erased", "purged"])
def test_the_rating_outlives_the_conversation(engine, ratings, chat, clock, tmp_path, how):
    ratings.rate(chat, 3, False, "did_not_answer")
    tracker = TrackerStore(f"sqlite:///{tmp_path / 'no-tracker.db'}")
    if how == "erased":
        erase(engine, tracker, chat, clock())
    else:
        clock.advance(days=31)
        purge(engine, tracker, RetentionPolicy(dt.timedelta(days=30), dt.timedelta(days=7)), clock())
    tracker.dispose()
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM messages")).scalar_one() == 0
    assert [(r["topic_id"], r["reason"]) for r in stored(engine)] == [("missed-bin", "did_not_answer")]
    assert counts(engine) == {"rated_not_helpful": 1}
