"""Live handoff latency on loopback: from a resident's message to the agent's
console, and from an agent's reply to the resident's widget, over the real
websockets. Prints figures; asserts none.

Run with `make bench`."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.people import AGENT_PASSWORD, Agent, Resident  # noqa: E402
from tests.support.stack import temporary_stack  # noqa: E402

ROUNDS = 30


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def line(name: str, values: list[float]) -> str:
    return (f"{name}: p50 {statistics.median(values):.1f} ms, p95 {percentile(values, 0.95):.1f} ms "
            f"({len(values)} messages)")


def main() -> int:
    import httpx

    to_agent, to_resident = [], []
    with temporary_stack() as stack, httpx.Client(base_url=stack.url, timeout=60) as client:
        stack.add_agent("bench", "Bench", AGENT_PASSWORD)
        resident = Resident(client)
        agent = Agent(stack.url, "bench")
        handoff = resident.press("/request_human")["handoff"]
        agent.claim(handoff["id"])
        with resident.live() as widget, agent.live() as console:
            widget.message("You are now talking to Bench")
            for i in range(ROUNDS):
                text = f"question number {i} about my council tax bill"
                t0 = time.perf_counter()
                resident.say(text)
                console.until(lambda f, t=text: f["type"] == "message" and f["message"]["text"] == t)
                to_agent.append((time.perf_counter() - t0) * 1000)
                reply = f"answer number {i}"
                t0 = time.perf_counter()
                agent.say(handoff["id"], reply)
                widget.message(reply)
                to_resident.append((time.perf_counter() - t0) * 1000)
        agent.close()
    print(line("resident's message to the agent's screen", to_agent))
    print(line("agent's reply to the resident's screen", to_resident))
    return 0


if __name__ == "__main__":
    sys.exit(main())
