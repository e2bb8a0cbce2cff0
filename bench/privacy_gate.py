"""Messages per second through the privacy gate, beside presidio's default
AnalyzerEngine on the same spaCy model, over every message of the labelled
privacy sets. Each runs in one thread, as the gateway runs its gate (one
worker thread per gateway process; a two-core machine runs two gateways).
Prints figures; asserts none. The gate is meant to be no slower than the
default analyzer.

Run with `make bench`, or `.venv/bin/python bench/privacy_gate.py`."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluate.privacy import SET_DIR, load_set, presidio_default_gate, project_gate  # noqa: E402

ROUNDS = 2


def rate(gate, texts: list[str]) -> float:
    for text in texts[:20]:
        gate(text)  # warm caches and lazy loads
    start = time.perf_counter()
    for _ in range(ROUNDS):
        for text in texts:
            gate(text)
    return ROUNDS * len(texts) / (time.perf_counter() - start)


def main() -> None:
    texts = [item["text"] for path in sorted(SET_DIR.glob("*.jsonl")) for item in load_set(path)]
    ours = rate(project_gate(), texts)
    theirs = rate(presidio_default_gate(), texts)
    print(f"privacy gate: {ours:.0f} messages/s; presidio default analyzer: {theirs:.0f} "
          f"messages/s; ratio {ours / theirs:.2f} (over {len(texts)} messages, one thread)")


if __name__ == "__main__":
    main()
