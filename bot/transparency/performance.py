"""The open performance figures (`/transparency/performance` and its JSON):
monthly anonymous counts from the gateway's counters, and the latest
knowledge evaluation from the file `make evaluate` writes.

Any count under `SUPPRESS_BELOW` is withheld (`"count": null, "suppressed":
true`), and a share is given only when what it is a share of is at least
`SUPPRESS_BELOW`. Nothing here reads a conversation: the counters hold a
month, a metric and a number, no more.

Its keys are an interface (docs/transparency.md): add keys, never rename or
remove them without raising `SCHEMA_VERSION`."""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.performance.counters import HANDOFF_REASONS, MonthlyCounters

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 1
SUPPRESS_BELOW = 10
MONTHS_SHOWN = 12
MAX_EVALUATION_BYTES = 1024 * 1024
NOT_MEASURED = "Not measured yet."
# The evaluation's ways of asking, in the order shown, and their names.
STYLES = {
    "plain": "Plainly worded",
    "misspelt": "With spelling mistakes",
    "terse": "In a few words",
    "rambling": "Long and rambling",
    "non-native": "By someone still learning English",
}


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def withheld(count: int) -> dict[str, Any]:
    """A count, or nothing if it is under the threshold (zero included)."""
    if count < SUPPRESS_BELOW:
        return {"count": None, "suppressed": True}
    return {"count": count, "suppressed": False}


def share(part: int, whole: int) -> float | None:
    """`part / whole` to three places, or None when `whole` is under the
    threshold."""
    if whole < SUPPRESS_BELOW:
        return None
    return round(min(part, whole) / whole, 3)


def previous_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year - 1}-12" if number == 1 else f"{year}-{number - 1:02d}"


def recent_months(current: str, first: str | None, shown: int = MONTHS_SHOWN) -> list[str]:
    """Newest first: this month and the ones before it, back to `shown`
    months or to the first month anything was counted, whichever is later."""
    months = [current]
    while len(months) < shown and first is not None and months[-1] > first:
        months.append(previous_month(months[-1]))
    return months


def month_figures(month: str, counts: dict[str, int], complete: bool) -> dict[str, Any]:
    questions, answered = counts.get("questions", 0), counts.get("answered", 0)
    helpful = counts.get("rated_helpful", 0)
    ratings = helpful + counts.get("rated_not_helpful", 0)
    return {
        "month": month,
        "complete": complete,
        "questions": withheld(questions),
        "answered": {**withheld(answered), "share": share(answered, questions)},
        "ratings": withheld(ratings),
        "rated_helpful": {**withheld(helpful), "share": share(helpful, ratings)},
        "handoffs": {reason: withheld(counts.get(f"handoff_{reason}", 0)) for reason in HANDOFF_REASONS},
    }


def _fraction(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and 0.0 <= value <= 1.0 else None


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _moment(value: Any) -> str | None:
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def not_measured(message: str = NOT_MEASURED) -> dict[str, Any]:
    return {"measured": False, "message": message}


def read_evaluation(path: Path) -> dict[str, Any]:
    """The latest evaluation per way of asking, or "not measured yet" when
    the file is missing or cannot be read. Never raises."""
    try:
        if path.stat().st_size > MAX_EVALUATION_BYTES:
            return not_measured()
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return not_measured()
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        logger.warning("could not read the knowledge evaluation: %s", type(exc).__name__)
        return not_measured()
    styles = data.get("styles") if isinstance(data, dict) else None
    if not isinstance(styles, dict) or not styles:
        return not_measured()
    order = [s for s in STYLES if s in styles] + sorted(s for s in styles if s not in STYLES)
    rows = [{"style": str(style), "label": STYLES.get(style, str(style).replace("-", " ").capitalize()),
             "questions": _whole(styles[style].get("questions")),
             "hit_at_1": _fraction(styles[style].get("hit_at_1")),
             "hit_at_3": _fraction(styles[style].get("hit_at_3")),
             "mrr": _fraction(styles[style].get("mrr"))}
            for style in order if isinstance(styles[style], dict)]
    if not rows:
        return not_measured()
    return {
        "measured": True,
        "measured_at": _moment(data.get("measured_at")),
        "questions": _whole(data.get("questions")),
        "styles": rows,
        "out_of_scope_declined": _fraction(data.get("out_of_scope_declined")),
        "style_gap": _fraction(data.get("style_gap")),
    }


def build_performance(counters: MonthlyCounters, evaluation_file: Path,
                      clock: Callable[[], dt.datetime] = _utc_now) -> dict[str, Any]:
    now = clock()
    current = counters.month(now)
    months = recent_months(current, counters.first_month())
    counts = counters.months(months)
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": now.astimezone(dt.UTC).isoformat(timespec="seconds"),
        "suppressed_below": SUPPRESS_BELOW,
        "months": [month_figures(m, counts[m], complete=m != current) for m in months],
        "evaluation": read_evaluation(evaluation_file),
    }
