"""The council's own details, read from one YAML file so that changing the
file changes what residents see, with no code edits."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SENSITIVE_CATEGORIES = (
    "immediate_danger", "suicide_self_harm", "mental_health_crisis", "domestic_abuse",
    "child_at_risk", "adult_at_risk", "sexual_violence", "homeless_tonight", "modern_slavery",
    "hate_crime",
)
_HOURS = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")


@dataclass(frozen=True)
class EmergencyContact:
    label: str
    number: str


@dataclass(frozen=True)
class Outcome:
    id: str
    label: str


@dataclass(frozen=True)
class ContactCentre:
    """When people are there to take a handed-off conversation, and what the
    agents' console offers them."""

    email: str
    timezone: ZoneInfo
    # Per weekday (Monday first): (opens, closes), or None when closed.
    hours: tuple[tuple[dt.time, dt.time] | None, ...]
    closed_dates: frozenset[dt.date] = frozenset()
    minutes_per_conversation: int = 6
    canned_responses: tuple[str, ...] = ()
    outcomes: tuple[Outcome, ...] = ()


@dataclass(frozen=True)
class Council:
    name: str
    short_name: str
    website: str
    phone: str
    contact_url: str
    opening_hours: str
    address: str
    privacy_notice_url: str
    data_protection_officer: str
    data_protection_email: str
    transcript_retention_days: int
    emergency: tuple[EmergencyContact, ...]
    place_names: tuple[str, ...] = ()
    contact_centre: ContactCentre | None = None
    support_lines: dict[str, EmergencyContact] = field(default_factory=dict)
    signposting: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Conversations in which special category data (health, religion, ...)
    # was found are kept for the shorter of the two periods.
    special_category_retention_days: int = 7

    def help_lines(self, category: str) -> list[EmergencyContact]:
        """The help lines to give first for a sensitive category."""
        return [self.support_lines[key] for key in self.signposting.get(category, ())]

    def own_words(self) -> set[str]:
        """Words of the council's own name and places, which are never a
        resident's name."""
        words = f"{self.name} {self.short_name} {' '.join(self.place_names)}".split()
        return {w.strip(",.") for w in words if w.strip(",.")}

    def placeholders(self) -> dict[str, str]:
        """Values that knowledge files may name as `{placeholder}`."""
        return {
            "council_name": self.name,
            "council_phone": self.phone,
            "council_website": self.website,
            "opening_hours": self.opening_hours,
            "contact_url": self.contact_url,
            "privacy_notice_url": self.privacy_notice_url,
            "dpo_email": self.data_protection_email,
        }

    def public_profile(self) -> dict[str, Any]:
        """What the chat widget may show, even when the assistant is down."""
        return {
            "name": self.name,
            "website": self.website,
            "phone": self.phone,
            "contact_url": self.contact_url,
            "opening_hours": self.opening_hours,
            "privacy_notice_url": self.privacy_notice_url,
            "emergency": [{"label": e.label, "number": e.number} for e in self.emergency],
        }


def _require(section: dict[str, Any], key: str, where: str) -> Any:
    value = section.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError(f"council config: '{where}{key}' is missing or empty")
    return value


def _section(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ValueError(f"council config: '{key}' must be a mapping")
    return value


def _hours(raw: Any, day: str) -> tuple[dt.time, dt.time] | None:
    if raw is None or str(raw).strip().lower() == "closed":
        return None
    match = _HOURS.match(str(raw).strip())
    if not match:
        raise ValueError(f"council config: 'contact_centre.hours.{day}' must be like \"09:00-17:00\" "
                         "or \"closed\"")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    try:
        opens, closes = dt.time(h1, m1), (dt.time.max if (h2, m2) == (24, 0) else dt.time(h2, m2))
    except ValueError:
        raise ValueError(f"council config: 'contact_centre.hours.{day}' is not a real time") from None
    if closes <= opens:
        raise ValueError(f"council config: 'contact_centre.hours.{day}' closes before it opens")
    return opens, closes


def parse_contact_centre(data: Any) -> ContactCentre:
    if not isinstance(data, dict):
        raise ValueError("council config: 'contact_centre' must be a mapping")
    hours = data.get("hours")
    if not isinstance(hours, dict) or set(hours) - set(WEEKDAYS):
        raise ValueError("council config: 'contact_centre.hours' must map weekdays (monday...sunday) "
                         "to opening hours")
    try:
        timezone = ZoneInfo(str(data.get("timezone") or "Europe/London"))
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("council config: 'contact_centre.timezone' is not a known time zone") from None
    outcomes = []
    for i, item in enumerate(data.get("outcomes") or []):
        where = f"contact_centre.outcomes[{i}]."
        outcomes.append(Outcome(str(_require(item, "id", where)), str(_require(item, "label", where))))
    if not outcomes:
        raise ValueError("council config: 'contact_centre.outcomes' needs at least one outcome")
    try:
        closed = frozenset(d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d))
                           for d in data.get("closed_dates") or [])
    except ValueError:
        raise ValueError("council config: 'contact_centre.closed_dates' must be dates like 2026-12-25") \
            from None
    minutes = data.get("minutes_per_conversation", 6)
    if not isinstance(minutes, int) or minutes < 1:
        raise ValueError("council config: 'contact_centre.minutes_per_conversation' must be a whole "
                         "number of minutes")
    return ContactCentre(
        email=str(_require(data, "email", "contact_centre.")),
        timezone=timezone,
        hours=tuple(_hours(hours.get(day), day) for day in WEEKDAYS),
        closed_dates=closed,
        minutes_per_conversation=minutes,
        canned_responses=tuple(str(r) for r in data.get("canned_responses") or ()),
        outcomes=tuple(outcomes),
    )


def _support(data: dict[str, Any]) -> tuple[dict[str, EmergencyContact], dict[str, tuple[str, ...]]]:
    lines_raw = data.get("support_lines") or {}
    if not isinstance(lines_raw, dict):
        raise ValueError("council config: 'support_lines' must be a mapping")
    lines = {
        str(key): EmergencyContact(label=str(_require(item, "label", f"support_lines.{key}.")),
                                   number=str(_require(item, "number", f"support_lines.{key}.")))
        for key, item in lines_raw.items()
    }
    signposting_raw = data.get("signposting") or {}
    if not isinstance(signposting_raw, dict):
        raise ValueError("council config: 'signposting' must be a mapping")
    signposting: dict[str, tuple[str, ...]] = {}
    for category, keys in signposting_raw.items():
        if category not in SENSITIVE_CATEGORIES:
            raise ValueError(f"council config: 'signposting.{category}' is not a sensitive category")
        for key in keys or ():
            if key not in lines:
                raise ValueError(f"council config: 'signposting.{category}' names '{key}', "
                                 "which is not in 'support_lines'")
        signposting[category] = tuple(keys or ())
    return lines, signposting


def _days(section: dict[str, Any], key: str, default: int) -> int:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"council config: 'privacy.{key}' must be a whole number of days, 1 or more")
    return value


def parse_council(data: Any) -> Council:
    if not isinstance(data, dict):
        raise ValueError("council config: the file must hold a YAML mapping")
    contact = _section(data, "contact")
    privacy = _section(data, "privacy")
    emergency_raw = data.get("emergency") or []
    if not isinstance(emergency_raw, list):
        raise ValueError("council config: 'emergency' must be a list")
    emergency = tuple(
        EmergencyContact(
            label=str(_require(item, "label", f"emergency[{i}].")),
            number=str(_require(item, "number", f"emergency[{i}].")),
        )
        for i, item in enumerate(emergency_raw)
    )
    retention = _days(privacy, "transcript_retention_days", 30)
    special_retention = _days(privacy, "special_category_retention_days", min(7, retention))
    if special_retention > retention:
        raise ValueError("council config: 'privacy.special_category_retention_days' must not be "
                         "longer than 'privacy.transcript_retention_days'")
    support_lines, signposting = _support(data)
    centre = data.get("contact_centre")
    return Council(
        name=str(_require(data, "name", "")),
        short_name=str(data.get("short_name") or data["name"]),
        website=str(_require(data, "website", "")),
        phone=str(_require(contact, "phone", "contact.")),
        contact_url=str(_require(contact, "contact_url", "contact.")),
        opening_hours=str(_require(contact, "opening_hours", "contact.")),
        address=str(contact.get("address") or ""),
        privacy_notice_url=str(_require(privacy, "notice_url", "privacy.")),
        data_protection_officer=str(_require(privacy, "data_protection_officer", "privacy.")),
        data_protection_email=str(_require(privacy, "data_protection_email", "privacy.")),
        transcript_retention_days=retention,
        special_category_retention_days=special_retention,
        emergency=emergency,
        place_names=tuple(str(p) for p in data.get("place_names") or ()),
        contact_centre=parse_contact_centre(centre) if centre is not None else None,
        support_lines=support_lines,
        signposting=signposting,
    )


def load_council(path: Path) -> Council:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValueError(f"council config: {path} does not exist") from None
    return parse_council(yaml.safe_load(text))
