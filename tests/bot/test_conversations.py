"""Every message of a conversation gets the next sequence number, once."""

from __future__ import annotations

import pytest

from bot.conversations import ConversationLog, Outgoing


@pytest.fixture()
def log(engine, clock):
    return ConversationLog(engine, clock)


def test_messages_are_numbered_in_order_from_one(log):
    session = log.new_id()
    log.open(session)
    first = log.append(session, [Outgoing("assistant", "hello")])
    more = log.append(session, [Outgoing("resident", "<NAME> here"), Outgoing("assistant", "hi")])
    assert [m.seq for m in first + more] == [1, 2, 3]
    assert [m.seq for m in log.since(session, 1)] == [2, 3]
    assert log.last(session).text == "hi"


def test_conversations_count_separately(log):
    a, b = log.new_id(), log.new_id()
    log.open(a)
    log.open(b)
    log.append(a, [Outgoing("assistant", "x")])
    assert log.append(b, [Outgoing("assistant", "y")])[0].seq == 1


def test_only_payloads_offered_to_the_conversation_are_allowed(log):
    session = log.new_id()
    log.open(session)
    log.append(session, [Outgoing("assistant", "answer", {"buttons": [
        {"title": "Next", "payload": '/ask_service{"topic_id":"libraries"}'}]})])
    log.append(session, [Outgoing("resident", "typed", {"buttons": [{"title": "x", "payload": "/restart"}]})])
    assert log.offered(session) == {'/ask_service{"topic_id":"libraries"}': "Next",
                                    "/request_human": "Talk to a person"}


def test_the_api_shape_of_a_message(log):
    session = log.new_id()
    log.open(session)
    (message,) = log.append(session, [Outgoing("agent", "hello", {"kind": "joined"}, agent_name="Sam")])
    assert message.as_api() == {"seq": 1, "from": "agent", "text": "hello", "kind": "joined", "agent": "Sam"}


def test_an_unknown_sender_is_refused(log):
    session = log.new_id()
    log.open(session)
    with pytest.raises(ValueError):
        log.append(session, [Outgoing("robot", "x")])


def test_a_conversation_flagged_for_special_category_data_stays_flagged(log, engine):
    import sqlalchemy as sa

    from bot.db.tables import sessions

    flagged, plain = log.new_id(), log.new_id()
    log.open(flagged)
    log.open(plain)
    log.flag_special_category(flagged)
    log.flag_special_category(flagged)
    with engine.connect() as conn:
        rows = dict(conn.execute(sa.select(sessions.c.id, sessions.c.special_category)).all())
    assert rows == {flagged: True, plain: False}
