"""The minimisation policy: what each kind of personal detail becomes.

- placeholder: the kind alone, `<EMAIL>`.
- generalise: only the part a service needs: a postcode's outward code
  (`<POSTCODE:NB3>`, the area, which decides bin rounds and offices) or a
  date of birth's age band (`<AGE:35-44>`, which decides eligibility).
- pseudonym: a keyed hash, the same for the same value within one
  conversation and different in every other (`<NAME:3fa9c1>`), so an agent
  can tell "my son" from "my daughter" without seeing either name. The key
  comes from the environment and is never stored with the data.
- drop: nothing at all is left of it.

The council can change any kind in its config (`privacy.minimisation`);
docs/privacy.md gives the reason for each default.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from bot.privacy.placeholders import PLACEHOLDERS, SPECIAL_CATEGORIES

logger = logging.getLogger(__name__)

ACTIONS = ("placeholder", "generalise", "pseudonym", "drop")
GENERALISABLE = frozenset({"POSTCODE", "DATE_OF_BIRTH"})
KINDS = frozenset(PLACEHOLDERS.values())

DEFAULTS: dict[str, str] = {
    "NAME": "pseudonym",
    "POSTCODE": "generalise",
    "DATE_OF_BIRTH": "generalise",
    "CARD_NUMBER": "drop",
}

AGE_BANDS = ((0, 15), (16, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 74), (75, 200))
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}


@dataclass(frozen=True)
class MinimisationPolicy:
    actions: Mapping[str, str] = field(default_factory=dict)
    key: bytes = b""
    today: Callable[[], dt.date] = dt.date.today

    @classmethod
    def from_config(cls, raw: Mapping[str, str] | None = None, key: str = "",
                    today: Callable[[], dt.date] = dt.date.today) -> MinimisationPolicy:
        """The defaults with the council's changes. Without a key, pseudonyms
        use one made for this process alone: stable within a conversation
        while the process runs, never written anywhere."""
        actions = checked_actions(raw)
        if "pseudonym" in actions.values() and not key:
            logger.warning("COUNCILBOT_PSEUDONYM_KEY is not set: pseudonyms use a key made for "
                           "this process and change when it restarts")
            key = secrets.token_hex(32)
        return cls(actions, key.encode(), today)

    def action(self, kind: str) -> str:
        return self.actions.get(kind, "placeholder")

    def render(self, kind: str, value: str, conversation: str = "") -> str:
        action = self.action(kind)
        if action == "drop":
            return ""
        if action == "pseudonym":
            return f"<{kind}:{self._pseudonym(kind, value, conversation)}>"
        if action == "generalise":
            general = self._generalise(kind, value)
            if general:
                return general
        return f"<{kind}>"

    def _pseudonym(self, kind: str, value: str, conversation: str) -> str:
        normal = re.sub(r"[\W_]+", "", value.casefold())
        message = f"{conversation}\x1f{kind}\x1f{normal}".encode()
        return hmac.new(self.key, message, hashlib.sha256).hexdigest()[:6]

    def _generalise(self, kind: str, value: str) -> str | None:
        if kind == "POSTCODE":
            compact = re.sub(r"\s+", "", value).upper()
            return f"<POSTCODE:{compact[:-3]}>" if len(compact) >= 5 else None
        born = birth_date(value)
        if born is None:
            return None
        today = self.today()
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        for low, high in AGE_BANDS:
            if low <= age <= high:
                return f"<AGE:{low}-{high}>" if high < 200 else f"<AGE:{low}+>"
        return None


def checked_actions(raw: Mapping[str, str] | None) -> dict[str, str]:
    """The defaults with the council's changes (`privacy.minimisation`),
    failing early and by name on a bad entry."""
    if raw is not None and not isinstance(raw, Mapping):
        raise ValueError("council config: 'privacy.minimisation' must map kinds of personal "
                         "data to what they become")
    actions = dict(DEFAULTS)
    for kind, action in (raw or {}).items():
        where = f"privacy.minimisation.{kind}"
        if kind not in KINDS:
            raise ValueError(f"council config: '{where}' is not a kind of personal data; "
                             f"use one of {', '.join(sorted(KINDS))}")
        if action not in ACTIONS:
            raise ValueError(f"council config: '{where}' must be one of {', '.join(ACTIONS)}")
        if action == "generalise" and kind not in GENERALISABLE:
            raise ValueError(f"council config: '{where}' cannot be generalised; only "
                             f"{' and '.join(sorted(GENERALISABLE))} can")
        if kind in SPECIAL_CATEGORIES and action not in ("placeholder", "drop"):
            raise ValueError(f"council config: '{where}' is special category data: "
                             "use placeholder or drop")
        actions[kind] = action
    return actions


def birth_date(value: str, today: dt.date | None = None) -> dt.date | None:
    """A date as residents type it: 03/04/1961, 3.7.52, 1972-08-30,
    1 April 1990, March 21st 1958, 010388; or a year alone."""
    today = today or dt.date.today()
    text = value.strip().lower()
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    month_word = re.search(r"[a-z]{3,}", text)
    try:
        if month_word and month_word.group()[:3] in _MONTHS and len(numbers) >= 2:
            day, year = (numbers[0], numbers[-1])
            return dt.date(_year(year, today), _MONTHS[month_word.group()[:3]], day)
        if len(numbers) == 3 and numbers[0] > 31:
            return dt.date(numbers[0], numbers[1], numbers[2])
        if len(numbers) == 3:
            return dt.date(_year(numbers[2], today), numbers[1], numbers[0])
        if len(numbers) == 1 and len(text) in (6, 8) and text.isdigit():
            return dt.date(_year(int(text[4:]), today), int(text[2:4]), int(text[:2]))
        if len(numbers) == 1 and 1900 <= numbers[0] <= today.year:
            return dt.date(numbers[0], 7, 1)
    except ValueError:
        return None
    return None


def _year(year: int, today: dt.date) -> int:
    if year >= 100:
        return year
    full = today.year // 100 * 100 + year
    return full if full <= today.year else full - 100
