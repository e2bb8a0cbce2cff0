"""The council's own published contacts, which the gate leaves alone: its
phone numbers and help lines, its email addresses, and role mailboxes at its
own domain ("books@", "contact@"). A resident asking "is 01632 960100 still
the number?" has typed nothing personal."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from bot.privacy.lexicon import name_lexicon

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
# A role mailbox: words and no digits ("contact@", "customer.services@"),
# none of them a given name, which would make it a person's own address
# ("jane.smith@").
_ROLE = re.compile(r"^[a-z]+(?:[.-][a-z]+)*$")


def _digits(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    return "0" + digits[2:] if digits.startswith("44") and len(digits) > 10 else digits


class PublishedContacts:
    def __init__(self, values: Iterable[str] = ()) -> None:
        self._numbers: set[str] = set()
        self._emails: set[str] = set()
        self._domains: set[str] = set()
        for value in values:
            value = value.strip()
            if _EMAIL.match(value):
                self._emails.add(value.lower())
                self._domains.add(value.lower().rsplit("@", 1)[1])
            elif value.lower().startswith(("http://", "https://")):
                host = urlsplit(value).hostname or ""
                if host:
                    self._domains.add(host.removeprefix("www."))
            elif len(_digits(value)) >= 3:
                self._numbers.add(_digits(value))

    def covers(self, kind: str, value: str) -> bool:
        """Whether a finding of this placeholder kind is one of the
        council's own contacts."""
        if kind == "EMAIL":
            address = value.strip().lower()
            if address in self._emails:
                return True
            local, _, domain = address.rpartition("@")
            return (domain in self._domains and _ROLE.match(local) is not None
                    and not any(name_lexicon().is_given(part) for part in re.split(r"[.-]", local)))
        if kind in ("PHONE", "REFERENCE"):
            return _digits(value) in self._numbers
        return False
