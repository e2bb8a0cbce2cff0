"""Time per message through the whole stack (gateway, privacy gate, Rasa,
action server, knowledge index), on loopback. Prints figures; asserts none.

Run with `make bench`."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.knowledge.embedder import Embedder  # noqa: E402
from bot.knowledge.index import build_index  # noqa: E402
from tests.support.stack import ROOT, Stack  # noqa: E402

QUESTIONS = [
    "my bin wasn't emptied yesterday what do i do",
    "how do I pay my council tax",
    "how do I make a complaint",
    "when is the dump open",
    "my name is Sam Jones, can I get a blue badge",
    "are you a real person?",
    "there are rats in my garden",
    "how do i report a pothole",
]
ROUNDS = 5


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        build_index(ROOT / "knowledge", work / "index", Embedder())
        stack = Stack(work_dir=work / "stack", index_dir=work / "index")
        stack.work_dir.mkdir()
        started = time.perf_counter()
        stack.start()
        print(f"stack ready in {time.perf_counter() - started:.1f} s")
        try:
            with httpx.Client(base_url=stack.url, timeout=60) as client:
                session = client.post("/api/sessions").json()["session_id"]
                client.post(f"/api/sessions/{session}/messages", json={"text": "hello"})
                timings = []
                for _ in range(ROUNDS):
                    for question in QUESTIONS:
                        t0 = time.perf_counter()
                        response = client.post(f"/api/sessions/{session}/messages",
                                               json={"text": question})
                        timings.append((time.perf_counter() - t0) * 1000)
                        response.raise_for_status()
        finally:
            stack.stop()
    print(f"messages: {len(timings)}")
    print(f"time per message (ms): median {statistics.median(timings):.0f}, "
          f"p90 {percentile(timings, 0.9):.0f}, max {max(timings):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
