"""A gateway that restarts mid-handoff loses nothing: the handoff lives in
the database, and both sides reconnect and catch up by sequence number."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration


def test_a_gateway_restart_mid_handoff_loses_nothing(stack, resident, sam):
    handoff = resident.press("/request_human")["handoff"]
    assert sam.claim(handoff["id"]).status_code == 200
    sam.say(handoff["id"], "before the restart")
    with resident.live() as widget:
        widget.message("before the restart")
        last_seq = max(f["message"]["seq"] for f in widget.seen if f["type"] == "message")

    stack.restart_gateway()

    # The agent's session and the handoff survived; the resident's next
    # message still goes to the agent, not to the assistant.
    assert next(h for h in sam.queue() if h["id"] == handoff["id"])["status"] == "active"
    assert resident.say("are you still there?")["messages"] == []
    sam.say(handoff["id"], "after the restart")
    with resident.live(after=last_seq) as widget:
        frames = [widget.next() for _ in range(3)]
    texts = [f["message"]["text"] for f in frames if f["type"] == "message"]
    assert texts == ["are you still there?", "after the restart"]
    with sam.live() as console:
        queue = console.until(lambda f: f["type"] == "queue")
        assert handoff["id"] in [h["id"] for h in queue["handoffs"]]
    assert sam.resolve(handoff["id"]).status_code == 200
    assert resident.handoff() is None
