"""The handoff service: starting, escalating, the queue, agents' moves and
the clock's sweeps, on a real SQLite database with a controlled clock."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from bot.agents import sessions
from bot.agents.accounts import set_availability
from bot.db.tables import audit_log
from bot.handoff.service import NotYours


def test_a_request_waits_with_normal_priority(service, conversation):
    started = service.start(conversation(), "request")
    assert started.created and not started.escalated
    view = service.resident_view(started.handoff)
    assert view["status"] == "waiting" and view["priority"] == "normal" and view["reason"] == "request"
    assert view["position"] == 1 and view["wait_minutes"] >= 1


def test_a_second_start_returns_the_open_handoff(service, conversation):
    session = conversation()
    first = service.start(session, "request").handoff
    again = service.start(session, "failed_turns")
    assert not again.created and again.handoff.id == first.id


def test_a_sensitive_topic_raises_a_waiting_request_to_urgent(service, conversation):
    session = conversation()
    service.start(session, "request")
    raised = service.start(session, "sensitive", "domestic_abuse")
    assert raised.escalated
    assert service.resident_view(raised.handoff)["reason"] == "sensitive:domestic_abuse"
    assert raised.handoff.priority == "urgent"


def test_nothing_lowers_an_urgent_handoff(service, conversation):
    session = conversation()
    service.start(session, "sensitive", "suicide_self_harm")
    again = service.start(session, "request")
    assert again.handoff.priority == "urgent" and not again.escalated


def test_unknown_reasons_are_refused(service, conversation):
    with pytest.raises(ValueError, match="reason"):
        service.start(conversation(), "bored")


def test_the_queue_is_urgent_first_then_oldest(service, conversation, clock):
    first = service.start(conversation(), "request").handoff
    clock.advance(minutes=1)
    second = service.start(conversation(), "failed_turns").handoff
    clock.advance(minutes=1)
    urgent = service.start(conversation(), "sensitive", "child_at_risk").handoff
    assert [r.id for r in service.queue()] == [urgent.id, first.id, second.id]
    assert [service.position(service.get(h.id)) for h in (urgent, first, second)] == [1, 2, 3]


def test_active_handoffs_come_after_waiting_ones_and_have_no_position(service, conversation, sam):
    taken = service.start(conversation(), "sensitive", "hate_crime").handoff
    waiting = service.start(conversation(), "request").handoff
    service.claim(taken.id, sam)
    assert [r.id for r in service.queue()] == [waiting.id, taken.id]
    assert service.position(service.get(taken.id)) is None
    assert service.resident_view(service.get(taken.id))["agent"] == "Sam"


def test_the_wait_is_shared_between_agents_on_duty(engine, service, centre, clock, sam, alex):
    per = centre.minutes_per_conversation
    assert service.wait_minutes(3) == 3 * per
    for agent in (sam, alex):
        set_availability(engine, agent.id, "available")
        sessions.start(engine, agent.id, clock())
    assert service.agents_on_duty() == 2
    assert service.wait_minutes(3) == -(-3 * per // 2)


def test_claim_reply_resolve_is_audited_without_content(engine, service, conversation, sam):
    handoff = service.start(conversation(), "request").handoff
    service.claim(handoff.id, sam)
    service.record_reply(handoff.id, sam)
    done = service.resolve(handoff.id, sam, "answered")
    assert done.status == "resolved" and done.outcome == "answered" and done.ended_at is not None
    with engine.connect() as conn:
        rows = conn.execute(sa.select(audit_log.c.actor, audit_log.c.action, audit_log.c.detail)).all()
    assert [tuple(r) for r in rows] == [("sam", "claim", None), ("sam", "reply", None),
                                        ("sam", "resolve", "answered")]


def test_only_the_claiming_agent_acts_on_a_conversation(service, conversation, sam, alex):
    handoff = service.start(conversation(), "request").handoff
    service.claim(handoff.id, sam)
    attempts = [lambda: service.record_reply(handoff.id, alex), lambda: service.hand_back(handoff.id, alex),
                lambda: service.resolve(handoff.id, alex, "answered"),
                lambda: service.release(handoff.id, alex)]
    for attempt in attempts:
        with pytest.raises(NotYours):
            attempt()


def test_an_unknown_outcome_is_refused(service, conversation, sam):
    handoff = service.start(conversation(), "request").handoff
    service.claim(handoff.id, sam)
    with pytest.raises(ValueError, match="outcome"):
        service.resolve(handoff.id, sam, "made_up")


def test_a_released_conversation_goes_back_to_the_queue(service, conversation, sam, alex):
    handoff = service.start(conversation(), "request").handoff
    service.claim(handoff.id, sam)
    row = service.release(handoff.id, sam)
    assert row.status == "waiting" and row.agent_id is None
    assert service.claim(handoff.id, alex).agent_name == "Alex"


def test_a_resident_who_has_gone_is_abandoned_but_never_an_urgent_one(service, conversation, clock, log):
    normal_session, urgent_session = conversation(), conversation()
    normal = service.start(normal_session, "request").handoff
    urgent = service.start(urgent_session, "sensitive", "immediate_danger").handoff
    clock.advance(minutes=9)
    assert service.sweep() == []
    clock.advance(minutes=2)
    changes = service.sweep()
    assert [(move, row.id) for move, row in changes] == [("abandon", normal.id)]
    assert service.get(normal.id).status == "abandoned"
    assert service.get(urgent.id).status == "waiting"


def test_a_resident_still_there_is_not_abandoned(service, conversation, clock, log):
    session = conversation()
    handoff = service.start(session, "request").handoff
    clock.advance(minutes=8)
    log.seen(session)
    clock.advance(minutes=8)
    assert service.sweep() == []
    assert service.get(handoff.id).status == "waiting"


def test_a_claim_with_no_reply_in_time_goes_back_to_the_queue(service, conversation, clock, sam):
    quiet, answered = service.start(conversation(), "request").handoff, \
        service.start(conversation(), "request").handoff
    service.claim(quiet.id, sam)
    service.claim(answered.id, sam)
    clock.advance(minutes=1)
    service.record_reply(answered.id, sam)
    clock.advance(minutes=3)
    changes = service.sweep()
    assert [(move, row.id) for move, row in changes] == [("release", quiet.id)]
    assert service.get(quiet.id).status == "waiting"
    assert service.get(answered.id).status == "active"
