"""The allowed moves, as a table, and the race-safe claim."""

from __future__ import annotations

import threading

import pytest

from bot.handoff.states import MOVES, MoveRefused, apply_move

ALL_STATES = ("waiting", "active", "resolved", "returned", "abandoned")
ALLOWED = {
    ("waiting", "normal", "claim"): "active",
    ("waiting", "urgent", "claim"): "active",
    ("active", "normal", "release"): "waiting",
    ("active", "urgent", "release"): "waiting",
    ("active", "normal", "resolve"): "resolved",
    ("active", "urgent", "resolve"): "resolved",
    ("active", "normal", "hand_back"): "returned",
    ("active", "urgent", "hand_back"): "returned",
    ("waiting", "normal", "abandon"): "abandoned",
    ("waiting", "normal", "cancel"): "returned",
}
CASES = [(state, priority, move, ALLOWED.get((state, priority, move)))
         for state in ALL_STATES for priority in ("normal", "urgent") for move in MOVES]


def _force(engine, handoff_id: str, status: str, priority: str) -> None:
    import sqlalchemy as sa

    from bot.db.tables import handoffs

    with engine.begin() as conn:
        conn.execute(sa.update(handoffs).where(handoffs.c.id == handoff_id)
                     .values(status=status, priority=priority))


@pytest.mark.parametrize("state, priority, move, target", CASES)
def test_every_move_from_every_state(engine, service, conversation, clock, state, priority, move, target):
    handoff = service.start(conversation(), "request").handoff
    _force(engine, handoff.id, state, priority)
    with engine.begin() as conn:
        if target is None:
            with pytest.raises(MoveRefused) as refused:
                apply_move(conn, handoff.id, move, clock())
            assert refused.value.current.status == state
        else:
            row = apply_move(conn, handoff.id, move, clock())
            assert row.status == target
            assert (row.ended_at is not None) == (target in ("resolved", "returned", "abandoned"))


def test_a_move_on_a_missing_handoff_is_refused(engine, clock):
    with engine.begin() as conn, pytest.raises(MoveRefused, match="missing"):
        apply_move(conn, "0" * 32, "claim", clock())


def test_two_agents_racing_for_one_claim_one_wins(service, conversation, sam, alex):
    handoff = service.start(conversation(), "request").handoff
    barrier = threading.Barrier(2)
    results: dict[str, str] = {}

    def try_claim(agent) -> None:
        barrier.wait()
        try:
            service.claim(handoff.id, agent)
            results[agent.username] = "won"
        except MoveRefused as exc:
            results[agent.username] = f"lost to {exc.current.agent_name}"

    threads = [threading.Thread(target=try_claim, args=(a,)) for a in (sam, alex)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results.values())[1] == "won"
    winner = next(name for name, r in results.items() if r == "won")
    loser = next(r for r in results.values() if r != "won")
    assert loser == f"lost to {winner.capitalize()}"
    assert service.get(handoff.id).agent_name == winner.capitalize()
