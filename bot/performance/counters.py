"""Monthly counters: one row per month and metric, incremented by a single
atomic statement, so several gateway processes (and later several machines
on PostgreSQL) can count the same month at once without losing a count.

Nothing here names a conversation: a counter is a month, a metric and a
number, which is why the counts survive the retention purge and erasure."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import SQLAlchemyError

from bot.db.tables import monthly_counts

logger = logging.getLogger(__name__)

HANDOFF_REASONS = ("request", "failed_turns", "sensitive")
METRICS = (
    "questions",            # a resident's question sent to the assistant
    "answered",             # a confident answer from the knowledge files
    "rated_helpful",        # "Was this helpful?" Yes
    "rated_not_helpful",    # ... No
    *(f"handoff_{reason}" for reason in HANDOFF_REASONS),
)
UK = ZoneInfo("Europe/London")


def month_of(moment: dt.datetime, zone: dt.tzinfo = UK) -> str:
    """`YYYY-MM` in the council's own time, so a month is the one residents
    and the council mean."""
    return moment.astimezone(zone).strftime("%Y-%m")


def handoff_metric(reason: str) -> str:
    """Only the three reasons: `sensitive:<category>` and any finer split are
    never counted, so a small category cannot be singled out."""
    base = reason.split(":", 1)[0]
    if base not in HANDOFF_REASONS:
        raise ValueError(f"unknown handoff reason {reason!r}")
    return f"handoff_{base}"


def increment_statement(dialect: str, month: str, metric: str, by: int):
    """One `INSERT ... ON CONFLICT DO UPDATE SET count = count + n`: atomic on
    its own, so two gateways counting the same month at once both count."""
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    elif dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        raise ValueError(f"the monthly counters need SQLite or PostgreSQL, not {dialect!r}: "
                         "set COUNCILBOT_DATABASE_URL to one of them")
    statement = dialect_insert(monthly_counts).values(month=month, metric=metric, count=by)
    return statement.on_conflict_do_update(
        index_elements=[monthly_counts.c.month, monthly_counts.c.metric],
        set_={"count": monthly_counts.c.count + statement.excluded["count"]})


class MonthlyCounters:
    def __init__(self, engine: Engine, clock: Callable[[], dt.datetime], zone: dt.tzinfo = UK) -> None:
        self._engine = engine
        self._clock = clock
        self.zone = zone

    def month(self, moment: dt.datetime | None = None) -> str:
        return month_of(moment or self._clock(), self.zone)

    def add(self, metric: str, by: int = 1, *, conn: Connection | None = None) -> None:
        """Counts `by` more of `metric` this month; inside `conn`'s
        transaction if given (so a rating and its count commit together)."""
        if metric not in METRICS:
            raise ValueError(f"unknown metric {metric!r}: use one of {', '.join(METRICS)}")
        if by < 1:
            raise ValueError("a counter only goes up")
        statement = increment_statement(self._engine.dialect.name, self.month(), metric, by)
        if conn is not None:
            conn.execute(statement)
            return
        with self._engine.begin() as own:
            own.execute(statement)

    def count(self, metric: str, by: int = 1) -> None:
        """`add` for the chat's own events: a counter that cannot be written
        is logged and never fails the resident's message."""
        try:
            self.add(metric, by)
        except SQLAlchemyError as exc:
            logger.warning("could not count %s: %s", metric, type(exc).__name__)

    def months(self, months: Iterable[str]) -> dict[str, dict[str, int]]:
        """The counts for each month asked for: `{month: {metric: count}}`,
        every metric present (0 when nothing was counted)."""
        wanted = list(months)
        found: dict[str, dict[str, int]] = {m: dict.fromkeys(METRICS, 0) for m in wanted}
        if not wanted:
            return found
        with self._engine.connect() as conn:
            rows = conn.execute(select(monthly_counts).where(monthly_counts.c.month.in_(wanted))).all()
        for row in rows:
            if row.metric in METRICS:
                found[row.month][row.metric] = int(row.count)
        return found

    def first_month(self) -> str | None:
        with self._engine.connect() as conn:
            return conn.execute(select(monthly_counts.c.month).order_by(monthly_counts.c.month)
                                .limit(1)).scalar_one_or_none()
