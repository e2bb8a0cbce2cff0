"""The privacy gate on the labelled sets in tests/eval/privacy/: for every
labelled personal detail, is every letter and digit of it inside something
the gate removed? Printed per type, with precision, F2 and the leak rate
(the share of messages with personal data in which at least one detail
survives), for the project's gate and, side by side, for presidio's default
AnalyzerEngine with the same spaCy model; then one line per set.

The sets: messages.jsonl, holdout.jsonl and blind.jsonl, each written apart
from the gate and scored once unseen before its misses were studied (the
unseen figures are in docs/privacy.md). The floors apply to every set on
its own and to all of them together.

The sets label the seventeen kinds of personal detail; special category
data (health, religion, ...) is tested by tests/bot/privacy/recognizers/,
so those findings are left out of precision here.

`python -m evaluate.privacy` prints the figures and fails below the floors."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SET_DIR = ROOT / "tests" / "eval" / "privacy"
SET = SET_DIR / "messages.jsonl"
SETS = ("messages", "holdout", "blind")
FLOORS = {"recall": 0.97, "precision": 0.90, "leak_rate": 0.08}

Span = tuple[int, int]
# A gate: the text in, the stretches it removed out.
Gate = Callable[[str], list[Span]]


@dataclass
class Scores:
    caught: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    predicted: int = 0
    predicted_right: int = 0
    messages_with_data: int = 0
    leaking_messages: int = 0

    def recall(self, kind: str | None = None) -> float:
        caught = self.caught[kind] if kind else sum(self.caught.values())
        total = self.total[kind] if kind else sum(self.total.values())
        return caught / total if total else 0.0

    @property
    def precision(self) -> float:
        return self.predicted_right / self.predicted if self.predicted else 1.0

    @property
    def f2(self) -> float:
        p, r = self.precision, self.recall()
        return 5 * p * r / (4 * p + r) if p + r else 0.0

    @property
    def leak_rate(self) -> float:
        return self.leaking_messages / self.messages_with_data if self.messages_with_data else 0.0

    def failures(self) -> list[str]:
        problems = []
        if self.recall() < FLOORS["recall"]:
            problems.append(f"recall {self.recall():.3f} is below {FLOORS['recall']}")
        if self.precision < FLOORS["precision"]:
            problems.append(f"precision {self.precision:.3f} is below {FLOORS['precision']}")
        if self.leak_rate > FLOORS["leak_rate"]:
            problems.append(f"leak rate {self.leak_rate:.3f} is above {FLOORS['leak_rate']}")
        return problems


def load_set(path: Path = SET) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def label_spans(item: dict) -> list[tuple[str, Span]]:
    """Where each labelled value sits in the text: the first occurrence not
    already taken by an earlier label of the same value."""
    taken: list[Span] = []
    found = []
    for entity in item["entities"]:
        start = item["text"].find(entity["value"])
        while start >= 0 and (start, start + len(entity["value"])) in taken:
            start = item["text"].find(entity["value"], start + 1)
        if start < 0:
            raise ValueError(f"{item['id']}: {entity['type']} value is not in the text")
        span = (start, start + len(entity["value"]))
        taken.append(span)
        found.append((entity["type"], span))
    return found


def covered(text: str, span: Span, removed: Sequence[Span]) -> bool:
    """Every letter and digit of the span lies inside a removed stretch."""
    return all(
        any(a <= i < b for a, b in removed)
        for i in range(*span) if text[i].isalnum()
    )


def merged(spans: Sequence[Span]) -> list[Span]:
    """Overlapping or touching stretches as one, so a gate that reports the
    same text twice is not counted twice."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def score(items: list[dict], gate: Gate) -> Scores:
    scores = Scores()
    for item in items:
        removed = merged(gate(item["text"]))
        labels = label_spans(item)
        if labels:
            scores.messages_with_data += 1
        leaked = False
        for kind, span in labels:
            scores.total[kind] += 1
            if covered(item["text"], span, removed):
                scores.caught[kind] += 1
            else:
                leaked = True
        scores.leaking_messages += leaked
        scores.predicted += len(removed)
        scores.predicted_right += sum(
            1 for a, b in removed if any(a < end and start < b for _, (start, end) in labels)
        )
    return scores


def lines(ours: Scores, theirs: Scores) -> list[str]:
    out = ["privacy gate on every labelled set (recall: every letter and digit of a detail removed)",
           f"{'type':<18} {'n':>4} {'ours':>6} {'presidio':>9}"]
    for kind in sorted(ours.total):
        out.append(f"{kind:<18} {ours.total[kind]:>4} {ours.recall(kind):>6.3f} {theirs.recall(kind):>9.3f}")
    for name, ours_value, theirs_value in (
        ("recall", ours.recall(), theirs.recall()),
        ("precision", ours.precision, theirs.precision),
        ("F2", ours.f2, theirs.f2),
        ("leak rate", ours.leak_rate, theirs.leak_rate),
    ):
        out.append(f"{name:<18} {'':>4} {ours_value:>6.3f} {theirs_value:>9.3f}")
    return out


def project_gate() -> Gate:
    from bot.council import load_council
    from bot.privacy import build_redactor
    from bot.privacy.placeholders import SPECIAL_CATEGORIES

    council = load_council(ROOT / "config" / "council.yml")
    redactor = build_redactor(council.own_words(), council.published_contacts())
    return lambda text: [(f.start, f.end) for f in redactor.redact(text).findings
                         if f.type not in SPECIAL_CATEGORIES]


def presidio_default_gate() -> Gate:
    """presidio's AnalyzerEngine as it comes (every predefined recognizer,
    the default threshold), on the project's spaCy model. Its email
    recognizer's tldextract would fetch the public suffix list from the
    network; it is told to use the snapshot it ships instead."""
    import tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    from bot.privacy.engine import SPACY_MODEL

    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
    nlp = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": SPACY_MODEL}])
    nlp.load()
    analyzer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    return lambda text: [(r.start, r.end) for r in analyzer.analyze(text=text, language="en")]


def summary(name: str, count: int, ours: Scores, theirs: Scores) -> str:
    return (f"{name:<9} {count:>4} messages {sum(ours.total.values()):>4} details: "
            f"ours recall {ours.recall():.3f} precision {ours.precision:.3f} F2 {ours.f2:.3f} "
            f"leak {ours.leak_rate:.3f} | presidio recall {theirs.recall():.3f} "
            f"precision {theirs.precision:.3f} F2 {theirs.f2:.3f} leak {theirs.leak_rate:.3f}")


def main() -> int:
    sets = {name: load_set(SET_DIR / f"{name}.jsonl") for name in SETS
            if (SET_DIR / f"{name}.jsonl").exists()}
    gates = (project_gate(), presidio_default_gate())
    every = [item for items in sets.values() for item in items]
    ours, theirs = (score(every, gate) for gate in gates)
    print("\n".join(lines(ours, theirs)))
    problems = [f"all sets: {p}" for p in ours.failures()]
    for name, items in sets.items():
        mine, default = (score(items, gate) for gate in gates)
        print(summary(name, len(items), mine, default))
        problems += [f"{name}: {p}" for p in mine.failures()]
    for problem in problems:
        print(f"BELOW FLOOR: {problem}")
    print("privacy evaluation: " + ("FAILED" if problems else "passed all floors"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
