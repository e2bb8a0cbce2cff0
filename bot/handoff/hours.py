"""Whether the contact centre is open, and when it next opens, in the
council's own time zone."""

from __future__ import annotations

import datetime as dt

from bot.council import ContactCentre

_LOOKAHEAD_DAYS = 21


def _hours_on(centre: ContactCentre, day: dt.date) -> tuple[dt.time, dt.time] | None:
    if day in centre.closed_dates:
        return None
    return centre.hours[day.weekday()]


def is_open(centre: ContactCentre, now: dt.datetime) -> bool:
    local = now.astimezone(centre.timezone)
    hours = _hours_on(centre, local.date())
    return hours is not None and hours[0] <= local.time() < hours[1]


def next_open(centre: ContactCentre, now: dt.datetime) -> dt.datetime | None:
    """The next time the centre opens after `now` (None if it never does in
    the next three weeks)."""
    local = now.astimezone(centre.timezone)
    for offset in range(_LOOKAHEAD_DAYS):
        day = local.date() + dt.timedelta(days=offset)
        hours = _hours_on(centre, day)
        if hours is None:
            continue
        opens = dt.datetime.combine(day, hours[0], tzinfo=centre.timezone)
        if opens > local:
            return opens
    return None


def describe(when: dt.datetime, now: dt.datetime) -> str:
    """'today at 9am', 'tomorrow at 9:30am', 'on Monday 28 December at 9am'."""
    local_now = now.astimezone(when.tzinfo)
    clock = when.strftime("%I:%M%p").lstrip("0").replace(":00", "").lower()
    if when.date() == local_now.date():
        return f"today at {clock}"
    if when.date() == local_now.date() + dt.timedelta(days=1):
        return f"tomorrow at {clock}"
    return f"on {when.strftime('%A')} {when.day} {when.strftime('%B')} at {clock}"
