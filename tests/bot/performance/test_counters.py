"""Monthly counters: one atomic statement per count, months in UK time, and
nothing finer than the three handover reasons."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import select
from sqlalchemy.dialects import postgresql

from bot.db.tables import monthly_counts
from bot.performance import METRICS, MonthlyCounters, handoff_metric, month_of
from bot.performance.counters import increment_statement
from tests.support.clock import Clock


@pytest.fixture()
def counters(engine, clock):
    return MonthlyCounters(engine, clock)


def rows(engine) -> list[tuple[str, str, int]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(monthly_counts).order_by(
            monthly_counts.c.month, monthly_counts.c.metric)).all()]


@pytest.mark.parametrize("moment, month", [
    (dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC), "2026-11"),
    # 23:30 UTC on 31 July is already 1 August in British Summer Time.
    (dt.datetime(2026, 7, 31, 23, 30, tzinfo=dt.UTC), "2026-08"),
    # In winter UK time is UTC.
    (dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC), "2026-12"),
    (dt.datetime(2027, 1, 1, 0, 0, tzinfo=dt.UTC), "2027-01"),
])
def test_a_month_is_the_uk_month(moment, month):
    assert month_of(moment) == month


@pytest.mark.parametrize("reason, metric", [
    ("request", "handoff_request"),
    ("failed_turns", "handoff_failed_turns"),
    ("sensitive", "handoff_sensitive"),
    ("sensitive:domestic_abuse", "handoff_sensitive"),
])
def test_handovers_are_counted_by_the_three_reasons_only(reason, metric):
    assert handoff_metric(reason) == metric


@pytest.mark.parametrize("reason", ["", "urgent", "domestic_abuse"])
def test_an_unknown_handover_reason_is_refused(reason):
    with pytest.raises(ValueError, match="unknown handoff reason"):
        handoff_metric(reason)


def test_counts_add_up_per_month_and_metric(engine, counters, clock):
    counters.add("questions")
    counters.add("questions")
    counters.add("answered", by=3)
    clock.advance(days=10)  # into December
    counters.add("questions")
    assert rows(engine) == [("2026-11", "answered", 3), ("2026-11", "questions", 2),
                            ("2026-12", "questions", 1)]
    found = counters.months(["2026-12", "2026-11", "2026-10"])
    assert found["2026-11"]["questions"] == 2 and found["2026-11"]["answered"] == 3
    assert found["2026-12"]["questions"] == 1
    assert found["2026-10"] == dict.fromkeys(METRICS, 0)
    assert counters.first_month() == "2026-11"


@pytest.mark.parametrize("metric, by, message", [
    ("questions_about_bins", 1, "unknown metric"),
    ("handoff_sensitive:domestic_abuse", 1, "unknown metric"),
    ("questions", 0, "only goes up"),
    ("questions", -2, "only goes up"),
])
def test_bad_counts_are_refused(counters, metric, by, message):
    with pytest.raises(ValueError, match=message):
        counters.add(metric, by)


def test_a_count_inside_a_transaction_goes_with_it(engine, counters):
    with pytest.raises(RuntimeError), engine.begin() as conn:
        counters.add("rated_helpful", conn=conn)
        raise RuntimeError("the rating failed")
    assert rows(engine) == []


def test_several_writers_lose_no_count(tmp_path):
    """Separate engines on one file, as separate gateway processes would be."""
    from bot.db import connect, upgrade

    url = f"sqlite:///{tmp_path / 'shared.db'}"
    upgrade(first := connect(url))
    clock = Clock()
    engines = [first] + [connect(url) for _ in range(3)]
    start = threading.Barrier(len(engines))

    def count(engine) -> None:
        mine = MonthlyCounters(engine, clock)
        start.wait()
        for _ in range(50):
            mine.add("questions")

    threads = [threading.Thread(target=count, args=(e,)) for e in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert rows(first) == [("2026-11", "questions", 200)]
    for engine in engines:
        engine.dispose()


def test_postgresql_gets_the_same_single_statement():
    sql = str(increment_statement("postgresql", "2026-11", "questions", 1)
              .compile(dialect=postgresql.dialect()))
    assert "ON CONFLICT (month, metric) DO UPDATE SET count = (monthly_counts.count + excluded.count)" in sql


def test_another_database_is_refused_clearly():
    with pytest.raises(ValueError, match="SQLite or PostgreSQL"):
        increment_statement("mysql", "2026-11", "questions", 1)


def test_a_chat_event_that_cannot_be_counted_does_not_fail(engine, counters, caplog):
    engine.dispose()
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE monthly_counts")
    counters.count("questions")
    assert "could not count questions" in caplog.text
