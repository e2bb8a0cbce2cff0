"""What the clock decides, on spare real gateways beside the stack: out of
opening hours, a resident who leaves the queue, an agent who claims and
never replies."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.support.people import Agent, Resident

pytestmark = pytest.mark.integration


@pytest.fixture()
def closed_gateway(stack, tmp_path):
    with stack.spare_gateway(tmp_path / "closed", closed=True) as url, \
            httpx.Client(base_url=url, timeout=60) as client:
        yield client


def test_out_of_hours_a_request_is_told_when_and_how_to_reach_a_person(closed_gateway, council):
    resident = Resident(closed_gateway)
    reply = resident.press("/request_human")
    assert reply["handoff"] is None
    text = reply["messages"][-1]["text"]
    assert reply["messages"][-1]["kind"] == "out_of_hours"
    for promise in ("closed at the moment", "next available", council.phone,
                    council.contact_centre.email, "999"):
        assert promise in text
    # The assistant still answers.
    assert resident.say("how do I pay my council tax")["messages"][0]["sources"]


def test_out_of_hours_a_crisis_is_signposted_and_stays_queued(closed_gateway):
    resident = Resident(closed_gateway)
    reply = resident.say("he has a knife and says he will kill me, I'm locked in the bathroom")
    kinds = [m.get("kind") for m in reply["messages"]]
    assert kinds == ["signposting", "out_of_hours"]
    assert "999" in reply["messages"][0]["text"]
    assert "marked urgent" in reply["messages"][1]["text"]
    assert reply["handoff"]["status"] == "waiting" and reply["handoff"]["priority"] == "urgent"


@pytest.fixture()
def quick_gateway(stack, tmp_path):
    env = {"COUNCILBOT_HANDOFF_ABANDON_SECONDS": "5", "COUNCILBOT_HANDOFF_REPLY_SECONDS": "5"}
    with stack.spare_gateway(tmp_path / "quick", env) as url, \
            httpx.Client(base_url=url, timeout=60) as client:
        yield url, client


def wait_until(check, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.5)
    raise AssertionError("it did not happen in time")


def test_a_resident_who_leaves_the_queue_is_abandoned_after_a_while(quick_gateway, stack):
    url, client = quick_gateway
    gone, staying = Resident(client), Resident(client)
    gone_handoff = gone.press("/request_human")["handoff"]
    urgent = staying.say("my dad is not breathing and I can't wake him up")["handoff"]
    wait_until(lambda: gone.handoff() is None)
    assert staying.handoff()["id"] == urgent["id"]  # urgent ones are never abandoned
    assert gone_handoff["status"] == "waiting"


def test_a_resident_still_connected_is_not_abandoned(quick_gateway):
    url, client = quick_gateway
    resident = Resident(client)
    resident.press("/request_human")
    with resident.live() as widget:
        for _ in range(4):
            widget.send({"type": "ping"})
            widget.until(lambda f: f["type"] == "pong")
            time.sleep(2)
    assert resident.handoff()["status"] == "waiting"


def test_a_claim_with_no_reply_goes_back_to_the_queue(quick_gateway, stack, tmp_path):
    url, client = quick_gateway
    env_var = str(tmp_path / "quick" / "var")
    added = stack.councilbot("agents", "add", "quiet", "--name", "Quinn", "--password-stdin",
                             stdin="a long agent password\n", env={"COUNCILBOT_VAR_DIR": env_var})
    assert added.returncode == 0, added.stderr
    resident = Resident(client)
    handoff = resident.press("/request_human")["handoff"]
    agent = Agent(url, "quiet")
    assert agent.claim(handoff["id"]).status_code == 200
    with resident.live() as widget:
        widget.message("You are now talking to Quinn")
        back = widget.message("had to step away", timeout=30)
    assert "back in the queue" in back["text"]
    assert resident.handoff()["status"] == "waiting"
    agent.close()
