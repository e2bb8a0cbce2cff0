"""The cluster profile (`--profile cluster`): two gateways behind HAProxy
share conversations through PostgreSQL and live events through Redis, and
the whole assistant keeps serving while any one process dies or the
database and Redis restart. Skipped on the default profile, whose own
faults are in test_faults.py."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.support.people import Agent, Resident

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module", autouse=True)
def cluster_only(stack):
    if stack.profile != "cluster":
        pytest.skip("the cluster profile's own tests: run with --profile cluster")


@pytest.fixture()
def gateways(stack):
    one, two = stack.gateway_urls
    with httpx.Client(base_url=one, timeout=60) as first, httpx.Client(base_url=two, timeout=60) as second:
        yield first, second


def test_every_process_runs_under_supervisor(stack):
    states = stack.states()
    assert {name: states.get(name) for name in stack.program_names} == \
        {name: "RUNNING" for name in stack.program_names}


def test_the_balancer_spreads_conversations_over_both_gateways(stack, client):
    opened = [Resident(client).session_id[:8].encode() for _ in range(6)]
    logs = [stack.logs_of(f"gateway-{n}") for n in (1, 2)]
    # Each conversation was opened by one gateway, and each gateway opened some.
    assert all(sum(f"session {i} opened".encode() in log for log in logs) == 1 for i in
               (o.decode() for o in opened))
    assert all(any(f"session {o.decode()} opened".encode() in log for o in opened) for log in logs)


def transcript(client: httpx.Client, session_id: str) -> list[dict]:
    response = client.get(f"/api/sessions/{session_id}/transcript", params={"format": "json"})
    assert response.status_code == 200, response.text
    return response.json()["messages"]


def test_a_conversation_carries_on_through_either_gateway(gateways):
    first, second = gateways
    resident = Resident(first)
    answered = resident.say("when is my recycling collected")
    assert answered["messages"] and answered["messages"][0]["from"] == "assistant"
    resident.client = second
    again = resident.say("and what about garden waste")
    assert again["messages"]
    said = [m["text"] for m in transcript(first, resident.session_id) if m["from"] == "resident"]
    assert said == ["when is my recycling collected", "and what about garden waste"]


def test_a_resident_on_one_gateway_and_an_agent_on_the_other_talk_live(stack, gateways):
    first, second = gateways
    resident = Resident(first)
    agent = Agent(str(second.base_url), "sam")
    try:
        with agent.live() as console, resident.live() as widget:
            console.until(lambda f: f["type"] == "queue")
            handoff = resident.press("/request_human")["handoff"]
            # The queue change made on gateway 1 reaches the console on gateway 2.
            console.until(lambda f: f["type"] == "queue"
                          and handoff["id"] in [h["id"] for h in f["handoffs"]])
            assert agent.claim(handoff["id"]).status_code == 200
            widget.message("You are now talking to Sam")
            assert agent.say(handoff["id"], "Hello, I can help with that").status_code == 200
            widget.message("Hello, I can help with that")
            resident.say("thank you, it is about my council tax")
            console.until(lambda f: f["type"] == "message"
                          and "it is about my council tax" in f["message"]["text"])
            assert agent.resolve(handoff["id"]).status_code == 200
    finally:
        agent.close()


def answered_after(resident: Resident, text: str, timeout: float = 120.0) -> tuple[dict, int]:
    """Says `text` until it is answered; returns the reply and how many
    tries were refused with a plain "please try again" meanwhile."""
    deadline, refused = time.monotonic() + timeout, 0
    while True:
        response = resident.post({"text": text, "client_id": f"c-{abs(hash(text)) % 10**9}"})
        if response.status_code == 200:
            return response.json(), refused
        assert response.status_code in (502, 503), response.text
        assert "Traceback" not in response.text and "try again" in response.text.lower()
        refused += 1
        if time.monotonic() > deadline:
            raise AssertionError("no answer after the fault")
        time.sleep(1)


@pytest.mark.parametrize("process", ["rasa-1", "rasa-2", "gateway-1", "actions-1"])
def test_one_server_dying_goes_unnoticed_or_asks_to_try_again(stack, client, process):
    resident = Resident(client)
    resident.say("how do I pay my council tax")
    stack.kill(process)
    reply, _ = answered_after(resident, "can I pay it by direct debit")
    assert reply["messages"]
    stack.wait_healthy(300)
    said = [m["text"] for m in transcript(client, resident.session_id) if m["from"] == "resident"]
    assert said == ["how do I pay my council tax", "can I pay it by direct debit"]


@pytest.mark.parametrize("process", ["postgres", "redis"])
def test_the_database_and_redis_restart_without_losing_a_handoff(stack, client, sam, process):
    resident = Resident(client)
    handoff = resident.press("/request_human")["handoff"]
    stack.kill(process)
    reply, _ = answered_after(resident, "are you still there")
    assert reply["handoff"]["id"] == handoff["id"]
    stack.wait_healthy(300)
    assert handoff["id"] in [h["id"] for h in sam.queue()]
    with resident.live() as widget:
        widget.until(lambda f: f["type"] == "handoff" and f["handoff"] is not None)
        assert sam.claim(handoff["id"]).status_code == 200
        widget.message("You are now talking to Sam")
    said = [m["text"] for m in transcript(client, resident.session_id) if m["from"] == "resident"]
    assert said.count("are you still there") == 1
    sam.resolve(handoff["id"])
