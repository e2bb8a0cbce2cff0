"""Rasa's intent classifier on messages it was not trained on.

tests/eval/nlu/test.yml holds residents' messages (after the privacy gate,
so with its placeholders) labelled with their intent, none of them a
training example (tests/evaluate/test_nlu_holdout.py checks). This runs
`rasa test nlu` on the trained model, prints precision, recall and F1 per
intent and the commonest confusions, and fails below a weighted F1 of 0.90.

`python -m evaluate.nlu` (the model must be trained: `make train`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST_SET = ROOT / "tests" / "eval" / "nlu" / "test.yml"
MODEL = ROOT / "models" / "councilbot.tar.gz"
RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
FLOOR = 0.90
_SUMMARIES = ("accuracy", "weighted avg", "macro avg", "micro avg")


def run_rasa(out: Path) -> dict:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "RASA_TELEMETRY_ENABLED": "false"}
    subprocess.run([str(RASA), "test", "nlu", "--model", str(MODEL), "--nlu", str(TEST_SET),
                    "--out", str(out)], check=True, env=env, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return json.loads((out / "intent_report.json").read_text(encoding="utf-8"))


def confusions(report: dict) -> Counter:
    pairs: Counter = Counter()
    for intent, figures in report.items():
        if intent in _SUMMARIES or not isinstance(figures, dict):
            continue
        for predicted, count in (figures.get("confused_with") or {}).items():
            pairs[(intent, predicted)] += count
    return pairs


def lines(report: dict) -> list[str]:
    out = [f"NLU intents on {TEST_SET.relative_to(ROOT)} (held out from training)",
           f"{'intent':<22} {'n':>4} {'precision':>9} {'recall':>7} {'F1':>6}"]
    for intent in sorted(k for k in report if k not in _SUMMARIES):
        f = report[intent]
        out.append(f"{intent:<22} {f['support']:>4} {f['precision']:>9.3f} {f['recall']:>7.3f} "
                   f"{f['f1-score']:>6.3f}")
    weighted = report["weighted avg"]
    out.append(f"{'weighted':<22} {weighted['support']:>4} {weighted['precision']:>9.3f} "
               f"{weighted['recall']:>7.3f} {weighted['f1-score']:>6.3f}")
    common = confusions(report).most_common(6)
    if common:
        out.append("commonest confusions: " + ", ".join(f"{a} as {b} ({n})" for (a, b), n in common))
    return out


def main() -> int:
    if not MODEL.exists():
        print(f"no model at {MODEL}; run 'make train' first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        report = run_rasa(Path(tmp))
    print("\n".join(lines(report)))
    f1 = report["weighted avg"]["f1-score"]
    if f1 < FLOOR:
        print(f"BELOW FLOOR: weighted F1 {f1:.3f} < {FLOOR}")
        print("NLU evaluation: FAILED")
        return 1
    print("NLU evaluation: passed its floor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
