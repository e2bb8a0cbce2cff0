"""Time per `SafetyNet.check`, with the embedding model, over short and long
messages (up to the gateway's 1000 characters), ordinary and sensitive.
Prints figures; asserts none. The budget is a p95 under 20 ms for a
1000-character message on two cores.

Run with `make bench`, or `.venv/bin/python bench/safety_net.py`."""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from bot.knowledge.embedder import Embedder  # noqa: E402
from bot.safety import SafetyNet  # noqa: E402

SHORT = [
    "when is my bin day",
    "how do I pay my council tax",
    "my bin wasn't emptied yesterday what do i do",
    "can I get a blue badge for my mum",
    "the council tax bill is killing me",
    "how do I kill moss on my drive",
    "I want to kill myself",
    "my partner won't let me leave the house and checks my phone",
    "everyone would be better off without me",
    "homless tonite, nowhere to sleep",
    "the man next door leaves his kids alone for days",
    "my name is <NAME> and I live at <ADDRESS>, when is recycling collected",
]
PARAGRAPH = (
    "Hello, I have been trying to sort out my council tax for weeks and the website keeps timing out "
    "when I try to log in. I rang the contact centre twice and waited a long time before giving up, "
    "which was frustrating. My bill says I owe money for last year too, which I do not think is right "
    "because I moved into <ADDRESS> in April. Could someone check my account and tell me what I "
    "actually owe, and whether I can pay in instalments? Also the bins on our road were missed again "
    "on Tuesday and the recycling is overflowing now, and the foxes have been at the bags. My "
    "neighbour and his kids said they would help my mum with her garden, so that is one less thing to "
    "worry about. The street light outside number 12 has also been flickering for a month and it is "
    "very dark on the corner at night. Could you pass that on to whoever deals with street lights? "
    "Thanks for your help, I appreciate it, and sorry for the long message. Kind regards."
)
CRISIS = " Honestly I don't know why I'm bothering, I won't be around much longer anyway."
NO_PUNCTUATION = (
    "hi i need to ask about my housing application because i applied in january and heard nothing "
    "back since then and i have rung loads of times and nobody calls back and my flat has damp and "
    "mould in every room and the kids keep getting ill and the landlord says it is our fault for "
    "drying clothes inside and i do not know what else to do and i am worried sick about all of it "
    "and the school says my eldest has missed too many days because of his chest and they want a "
    "meeting about it next week and i have no childcare for the little ones so i cannot go "
    "and my partner works nights so i am on my own with the kids most of the time and the "
    "neighbours are noisy too and the heating only works in one room and the windows do not close "
    "properly so it is freezing all the time and i just need someone to tell me where i am on the "
    "list and how long it will take please because i cannot keep doing this for much longer"
)
LONG = [PARAGRAPH[:1000], (PARAGRAPH[:990 - len(CRISIS)] + CRISIS), NO_PUNCTUATION[:1000]]
ROUNDS = 30


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def timings(net: SafetyNet, messages: list[str]) -> list[float]:
    measured = []
    for _ in range(ROUNDS):
        for message in messages:
            started = time.perf_counter()
            net.check(message)
            measured.append((time.perf_counter() - started) * 1000)
    return measured


def report(label: str, measured: list[float]) -> None:
    print(f"{label}: p50 {statistics.median(measured):.1f} ms, p95 {percentile(measured, 0.95):.1f} ms, "
          f"max {max(measured):.1f} ms ({len(measured)} checks)")


def main() -> int:
    started = time.perf_counter()
    embedder = Embedder()
    cache = Path(__file__).resolve().parents[1] / "var" / "cache"
    warm = any(cache.glob("safety-*.npy"))
    net = SafetyNet.load(embedder=embedder, cache_dir=cache)
    print(f"safety net ready in {time.perf_counter() - started:.1f} s (model included, "
          f"{'vectors from the cache' if warm else 'vectors embedded, then cached'})")
    for message in SHORT + LONG:  # warm up
        net.check(message)
    print(f"long messages: {', '.join(str(len(m)) for m in LONG)} characters")
    report("short messages", timings(net, SHORT))
    report("long messages (up to 1000 characters)", timings(net, LONG))
    patterns_only = SafetyNet.load()
    report("long messages, patterns only (no model)", timings(patterns_only, LONG))
    return 0


if __name__ == "__main__":
    sys.exit(main())
