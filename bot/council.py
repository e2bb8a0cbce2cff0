"""The council's own details, read from one YAML file so that changing the
file changes what residents see, with no code edits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class EmergencyContact:
    label: str
    number: str


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
    retention = privacy.get("transcript_retention_days", 30)
    if not isinstance(retention, int) or retention < 0:
        raise ValueError("council config: 'privacy.transcript_retention_days' must be a whole number")
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
        emergency=emergency,
        place_names=tuple(str(p) for p in data.get("place_names") or ()),
    )


def load_council(path: Path) -> Council:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValueError(f"council config: {path} does not exist") from None
    return parse_council(yaml.safe_load(text))
