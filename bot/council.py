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

from bot.privacy.policy import checked_actions

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SENSITIVE_CATEGORIES = (
    "immediate_danger", "suicide_self_harm", "mental_health_crisis", "domestic_abuse",
    "child_at_risk", "adult_at_risk", "sexual_violence", "homeless_tonight", "modern_slavery",
    "hate_crime",
)
_HOURS = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")
_HTTPS = re.compile(r"^https://[^\s/.]+\.[^\s]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Where the gateway serves the transparency record.
TRANSPARENCY_PATH = "/transparency"
# The stages of the UK Algorithmic Transparency Recording Standard.
PHASES = {
    "idea": "Idea",
    "design": "Design and development",
    "beta": "Beta or pilot",
    "production": "In use (production)",
    "retired": "Retired",
}
ICO_COMPLAINTS_URL = "https://ico.org.uk/make-a-complaint/"
_TRANSPARENCY_KEYS = {
    "name", "senior_responsible_owner", "team", "contact_email", "complaints_url",
    "regulator_complaints_url", "phase", "last_reviewed", "public_base_url", "supplier",
    "impact_assessments",
}


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
class Interpreter:
    """How a resident who writes in another language asks for a free
    interpreter: the number to call and when it answers (in the council's
    English words, and per weekday so every translation can say it), and
    where to ask in person."""

    phone: str
    opening_hours: str
    place: str
    # Per weekday (Monday first): (opens, closes), or None when closed; None
    # altogether when the council gives no weekly hours.
    hours: tuple[tuple[dt.time, dt.time] | None, ...] | None = None


@dataclass(frozen=True)
class ImpactAssessment:
    name: str
    completed: dt.date
    url: str = ""


@dataclass(frozen=True)
class Transparency:
    """Facts for the transparency record that only the council can give:
    who answers for the assistant, where to complain, and how far along it is."""

    senior_responsible_owner: str
    team: str
    contact_email: str
    complaints_url: str
    phase: str
    last_reviewed: dt.date
    name: str = ""
    regulator_complaints_url: str = ICO_COMPLAINTS_URL
    # The address residents reach the gateway at; without it links are relative.
    public_base_url: str = ""
    supplier: str = ""
    impact_assessments: tuple[ImpactAssessment, ...] = ()

    @property
    def phase_label(self) -> str:
        return PHASES[self.phase]


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
    transparency: Transparency | None = None
    # What each kind of personal data becomes (bot/privacy/policy.py), with
    # the council's changes to the defaults already checked.
    minimisation: dict[str, str] = field(default_factory=dict)
    interpreter: Interpreter | None = None

    def interpreter_line(self) -> Interpreter:
        """The interpreter facts, from the council's main number, hours and
        address where its `interpreter` section leaves them out."""
        if self.interpreter is not None:
            return self.interpreter
        hours = self.contact_centre.hours if self.contact_centre else None
        return Interpreter(self.phone, self.opening_hours, self.address, hours)

    def transparency_url(self) -> str:
        """The transparency page's address: absolute when the council gives the
        assistant's public address, otherwise relative to the gateway."""
        base = self.transparency.public_base_url if self.transparency else ""
        return f"{base.rstrip('/')}{TRANSPARENCY_PATH}" if base else TRANSPARENCY_PATH

    def help_lines(self, category: str) -> list[EmergencyContact]:
        """The help lines to give first for a sensitive category."""
        return [self.support_lines[key] for key in self.signposting.get(category, ())]

    def published_contacts(self) -> set[str]:
        """The council's own numbers, email addresses and website, and the
        help lines it gives out: never a resident's personal data."""
        values = {self.phone, self.website, self.data_protection_email}
        values |= {e.number for e in self.emergency}
        values |= {line.number for line in self.support_lines.values()}
        if self.contact_centre is not None:
            values.add(self.contact_centre.email)
        if self.transparency is not None:
            values.add(self.transparency.contact_email)
        if self.interpreter is not None:
            values.add(self.interpreter.phone)
        return {v for v in values if v}

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


def _hours(raw: Any, day: str, section: str = "contact_centre") -> tuple[dt.time, dt.time] | None:
    if raw is None or str(raw).strip().lower() == "closed":
        return None
    match = _HOURS.match(str(raw).strip())
    if not match:
        raise ValueError(f"council config: '{section}.hours.{day}' must be like \"09:00-17:00\" "
                         "or \"closed\"")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    try:
        opens, closes = dt.time(h1, m1), (dt.time.max if (h2, m2) == (24, 0) else dt.time(h2, m2))
    except ValueError:
        raise ValueError(f"council config: '{section}.hours.{day}' is not a real time") from None
    if closes <= opens:
        raise ValueError(f"council config: '{section}.hours.{day}' closes before it opens")
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


_INTERPRETER_KEYS = {"phone", "opening_hours", "hours", "in_person"}


def parse_interpreter(data: Any, phone: str, opening_hours: str, address: str,
                      centre: ContactCentre | None) -> Interpreter:
    """The `interpreter` section, each fact defaulting to the council's own."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ValueError("council config: 'interpreter' must be a mapping")
    for key in data:
        if key not in _INTERPRETER_KEYS:
            raise ValueError(f"council config: 'interpreter.{key}' is not a known key "
                             f"(known: {', '.join(sorted(_INTERPRETER_KEYS))})")
    hours = data.get("hours")
    if hours is not None and (not isinstance(hours, dict) or set(hours) - set(WEEKDAYS)):
        raise ValueError("council config: 'interpreter.hours' must map weekdays (monday...sunday) "
                         "to opening hours")
    place = str(data.get("in_person") or address).strip()
    if not place:
        raise ValueError("council config: 'interpreter.in_person' is missing, and so is "
                         "'contact.address': say where residents can ask in person")
    return Interpreter(
        phone=str(data.get("phone") or phone).strip(),
        opening_hours=str(data.get("opening_hours") or opening_hours).strip(),
        place=place,
        hours=(tuple(_hours(hours.get(day), day, "interpreter") for day in WEEKDAYS) if hours is not None
               else centre.hours if centre is not None else None),
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


def _https(section: dict[str, Any], key: str, where: str, default: str = "",
           required: bool = False) -> str:
    value = _require(section, key, where) if required else section.get(key) or default
    if not value:
        return ""
    if not isinstance(value, str) or not _HTTPS.match(value.strip()):
        raise ValueError(f"council config: '{where}{key}' must be a web address starting with https://")
    return value.strip()


def _date(value: Any, key: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"council config: '{key}' must be a date like 2026-11-01") from None


def parse_transparency(data: Any) -> Transparency:
    if not isinstance(data, dict):
        raise ValueError("council config: 'transparency' must be a mapping")
    for key in data:
        if key not in _TRANSPARENCY_KEYS:
            raise ValueError(f"council config: 'transparency.{key}' is not a known key "
                             f"(known: {', '.join(sorted(_TRANSPARENCY_KEYS))})")
    where = "transparency."
    email = str(_require(data, "contact_email", where)).strip()
    if not _EMAIL.match(email):
        raise ValueError("council config: 'transparency.contact_email' must be an email address")
    phase = str(_require(data, "phase", where)).strip().lower()
    if phase not in PHASES:
        raise ValueError(f"council config: 'transparency.phase' must be one of {', '.join(PHASES)}")
    assessments = data.get("impact_assessments") or []
    if not isinstance(assessments, list):
        raise ValueError("council config: 'transparency.impact_assessments' must be a list")
    parsed = []
    for i, item in enumerate(assessments):
        item_where = f"transparency.impact_assessments[{i}]."
        if not isinstance(item, dict):
            raise ValueError(f"council config: '{item_where[:-1]}' must be a mapping")
        parsed.append(ImpactAssessment(
            name=str(_require(item, "name", item_where)),
            completed=_date(_require(item, "completed", item_where), f"{item_where}completed"),
            url=_https(item, "url", item_where),
        ))
    return Transparency(
        senior_responsible_owner=str(_require(data, "senior_responsible_owner", where)).strip(),
        team=str(_require(data, "team", where)).strip(),
        contact_email=email,
        complaints_url=_https(data, "complaints_url", where, required=True),
        phase=phase,
        last_reviewed=_date(_require(data, "last_reviewed", where), "transparency.last_reviewed"),
        name=str(data.get("name") or "").strip(),
        regulator_complaints_url=_https(data, "regulator_complaints_url", where, ICO_COMPLAINTS_URL),
        public_base_url=_https(data, "public_base_url", where),
        supplier=str(data.get("supplier") or "").strip(),
        impact_assessments=tuple(parsed),
    )


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
    contact_centre = parse_contact_centre(centre) if centre is not None else None
    transparency = data.get("transparency")
    phone = str(_require(contact, "phone", "contact."))
    opening_hours = str(_require(contact, "opening_hours", "contact."))
    address = str(contact.get("address") or "")
    return Council(
        name=str(_require(data, "name", "")),
        short_name=str(data.get("short_name") or data["name"]),
        website=str(_require(data, "website", "")),
        phone=phone,
        contact_url=str(_require(contact, "contact_url", "contact.")),
        opening_hours=opening_hours,
        address=address,
        privacy_notice_url=str(_require(privacy, "notice_url", "privacy.")),
        data_protection_officer=str(_require(privacy, "data_protection_officer", "privacy.")),
        data_protection_email=str(_require(privacy, "data_protection_email", "privacy.")),
        transcript_retention_days=retention,
        special_category_retention_days=special_retention,
        emergency=emergency,
        place_names=tuple(str(p) for p in data.get("place_names") or ()),
        contact_centre=contact_centre,
        support_lines=support_lines,
        signposting=signposting,
        transparency=parse_transparency(transparency) if transparency is not None else None,
        minimisation=checked_actions(privacy.get("minimisation")),
        interpreter=parse_interpreter(data.get("interpreter"), phone, opening_hours, address,
                                      contact_centre),
    )


def load_council(path: Path) -> Council:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValueError(f"council config: {path} does not exist") from None
    return parse_council(yaml.safe_load(text))
