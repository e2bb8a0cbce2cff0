"""Opening hours in the council's time zone, with closed days."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.council import load_council
from bot.handoff.hours import describe, is_open, next_open

ROOT = Path(__file__).resolve().parents[3]
CENTRE = load_council(ROOT / "config" / "council.yml").contact_centre
LONDON = CENTRE.timezone


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=LONDON)


@pytest.mark.parametrize("when, expected", [
    ("2026-11-23 09:00", True),    # Monday opening time
    ("2026-11-23 08:59", False),
    ("2026-11-23 16:59", True),
    ("2026-11-23 17:00", False),   # closes at 5pm
    ("2026-11-28 12:00", False),   # Saturday
    ("2026-12-25 12:00", False),   # Christmas Day, a Friday, in closed_dates
    ("2026-07-01 09:30", True),    # British Summer Time
])
def test_is_open(when, expected):
    assert is_open(CENTRE, at(when)) is expected


def test_is_open_reads_utc_in_local_time():
    # 08:30 UTC in July is 09:30 in London.
    assert is_open(CENTRE, dt.datetime(2026, 7, 1, 8, 30, tzinfo=dt.UTC))


@pytest.mark.parametrize("now, opens", [
    ("2026-11-23 07:00", "2026-11-23 09:00"),
    ("2026-11-23 18:00", "2026-11-24 09:00"),
    ("2026-11-27 17:30", "2026-11-30 09:00"),   # Friday evening to Monday
    ("2026-12-24 18:00", "2026-12-29 09:00"),   # Christmas and the bank holiday skipped
])
def test_next_open(now, opens):
    assert next_open(CENTRE, at(now)) == at(opens)


@pytest.mark.parametrize("now, when, words", [
    ("2026-11-23 07:00", "2026-11-23 09:00", "today at 9am"),
    ("2026-11-23 18:00", "2026-11-24 09:30", "tomorrow at 9:30am"),
    ("2026-11-27 18:00", "2026-11-30 09:00", "on Monday 30 November at 9am"),
])
def test_describe(now, when, words):
    assert describe(at(when), at(now)) == words
