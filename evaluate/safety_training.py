"""Cross-validation of the safety net on its own training messages
(bot/safety/training/*.jsonl): the messages are cut into folds, and each
fold is judged by a net whose classifier never saw it. The patterns and
exemplars stay as they are, so this measures the whole decision on
messages the classifier has not learnt by heart.

It is the figure an editor watches after adding examples, and what the
bars in categories.yaml (`classifier:`) were chosen by. The held-out set in
tests/eval/safety/ is measured by `evaluate.safety`, through the gateway.

It also judges, with the net as the gateway runs it, the residents' service
questions of tests/eval/knowledge/questions.jsonl: a handoff on one is a
false alarm unless the question is labelled `sensitive` (see that
directory's README), so ordinary questions written plainly, misspelt,
tersely, rambling or in non-native English are not sent an urgent reply.

`python -m evaluate.safety_training [--folds N]` prints the figures; it
asserts no floor (the floors belong to the held-out set). The service
questions' false alarms are printed without a floor for now: the aim is at
most 3%, and the net is not there yet (docs/architecture.md)."""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bot.safety import CATEGORIES, SafetyNet
from bot.safety.examples import Example, read_messages, table_examples, training_files, training_pieces

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Figures:
    caught: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    negatives: Counter = field(default_factory=Counter)
    false_alarms: Counter = field(default_factory=Counter)

    def recall(self, category: str | None = None) -> float:
        caught = self.caught[category] if category else sum(self.caught.values())
        total = self.total[category] if category else sum(self.total.values())
        return caught / total if total else 0.0

    def false_alarm_rate(self) -> float:
        negatives = sum(self.negatives.values())
        return sum(self.false_alarms.values()) / negatives if negatives else 0.0

    def lines(self) -> list[str]:
        out = [f"{'category':<22} {'n':>5} {'recall':>7}"]
        out += [f"{c:<22} {self.total[c]:>5} {self.recall(c):>7.3f}" for c in CATEGORIES if self.total[c]]
        out.append(f"{'overall':<22} {sum(self.total.values()):>5} {self.recall():>7.3f}")
        out.append(f"false alarms: {self.false_alarm_rate():.3f} "
                   f"({sum(self.false_alarms.values())} of {sum(self.negatives.values())} harmless messages)")
        for style in sorted(self.negatives):
            out.append(f"  harmless {style:<24} {self.false_alarms[style]:>3} of {self.negatives[style]}")
        return out


SERVICE_QUESTIONS = ROOT / "tests" / "eval" / "knowledge" / "questions.jsonl"
SERVICE_FALSE_ALARM_AIM = 0.03


@dataclass
class ServiceFigures:
    """Handoffs on residents' service questions: false alarms on those not
    labelled sensitive, and how many of the labelled ones are handed over."""

    questions: int = 0
    false_alarms: Counter = field(default_factory=Counter)
    by_style: Counter = field(default_factory=Counter)
    sensitive: int = 0
    handed_over: int = 0

    def false_alarm_rate(self) -> float:
        return sum(self.false_alarms.values()) / self.questions if self.questions else 0.0

    def lines(self) -> list[str]:
        alarms = sum(self.false_alarms.values())
        out = [f"false alarms on residents' service questions ({SERVICE_QUESTIONS.relative_to(ROOT)}, "
               f"not labelled sensitive): {alarms} of {self.questions} ({self.false_alarm_rate():.3f}; "
               f"aim at most {SERVICE_FALSE_ALARM_AIM:.0%}, no floor yet)"]
        out += [f"  {style:<24} {self.false_alarms[style]:>3} of {self.by_style[style]}"
                for style in sorted(self.by_style)]
        out.append(f"labelled sensitive and handed over: {self.handed_over} of {self.sensitive}")
        return out


def judge_service_questions(net: SafetyNet, path: Path = SERVICE_QUESTIONS) -> ServiceFigures:
    figures = ServiceFigures()
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        found = net.check(row["text"]) is not None
        if row.get("sensitive"):
            figures.sensitive += 1
            figures.handed_over += found
        else:
            figures.questions += 1
            figures.by_style[row["style"]] += 1
            figures.false_alarms[row["style"]] += found
    return figures


def messages(directory: Path | None = None) -> list[Example]:
    return [m for path in training_files(directory) for m in read_messages(path)]


def folds(items: list[Example], count: int, seed: int = 7) -> list[list[Example]]:
    shuffled = list(items)
    random.Random(seed).shuffle(shuffled)
    return [shuffled[k::count] for k in range(count)]


def judge(net: SafetyNet, held: list[Example], rest: list[Example],
          figures: Figures, cache_dir: Path | None = None) -> None:
    """Trains on the net's table and `rest`, judges `held` into `figures`."""
    examples = table_examples(net.table) + training_pieces(rest)
    fold_net = net.retrained(examples, cache_dir)
    for message in held:
        found = fold_net.check(message.text) is not None
        if message.category is None:
            figures.negatives[message.style or "unstyled"] += 1
            figures.false_alarms[message.style or "unstyled"] += found
        else:
            figures.total[message.category] += 1
            figures.caught[message.category] += found


def cross_validate(net: SafetyNet, items: list[Example], count: int = 5,
                   only: int | None = None, cache_dir: Path | None = None) -> Figures:
    figures = Figures()
    parts = folds(items, count)
    for k, held in enumerate(parts):
        if only is not None and k != only:
            continue
        rest = [m for j, part in enumerate(parts) if j != k for m in part]
        judge(net, held, rest, figures, cache_dir)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    from bot.knowledge.embedder import Embedder

    cache = ROOT / "var" / "cache"
    net = SafetyNet.load(embedder=Embedder(), cache_dir=cache)
    items = messages()
    figures = cross_validate(net, items, args.folds, cache_dir=cache)
    print(f"safety net, {args.folds}-fold cross-validation of its {len(items)} training messages")
    print("\n".join(figures.lines()))
    print("\n".join(judge_service_questions(net).lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
