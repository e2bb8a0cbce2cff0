"""What a resident who writes in another language is told, from
`interpreter.yaml` and the council's interpreter facts: plain English first,
then the same in their language where there is a translation.

The words are data so that translators can review and correct them without
reading code; this module fills them in and checks them when loaded."""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.council import Council, Interpreter
from bot.language.languages import Languages, load_languages, load_romanised

INTERPRETER_FILE = Path(__file__).resolve().parent / "interpreter.yaml"
PLACEHOLDERS = frozenset({"phone", "hours", "place", "language"})
_ENGLISH_KEYS = ("first", "first_any", "again")
_TRANSLATION_KEYS = frozenset({"first", "again", "days", "range", "lang"})
# "(…{hours}…)" and the space before it, for a council that gives no weekly hours.
_HOURS_ASIDE = re.compile(r"\s*[(（]\{hours\}[)）]")

Hours = tuple[tuple[dt.time, dt.time] | None, ...]


@dataclass(frozen=True)
class Translation:
    tag: str
    lang: str
    dir: str
    first: str
    again: str
    days: tuple[str, ...]
    range: str = "{first}–{last}"


@dataclass(frozen=True)
class Wording:
    english: dict[str, str]
    translations: dict[str, Translation]


@dataclass(frozen=True)
class Reply:
    """The English text (the message's `text`, as for every message) and
    the translation, rendered apart with its own lang and dir."""

    text: str
    translation: dict[str, str] | None = None


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _template(value: Any, where: str, need_phone: bool = True) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where} is missing")
    try:
        fields = _fields(value)
    except ValueError:
        raise ValueError(f"{where} has an unmatched {{ or }}") from None
    unknown = fields - PLACEHOLDERS
    if unknown:
        raise ValueError(f"{where} names {', '.join(sorted(unknown))}; only "
                         f"{', '.join('{' + p + '}' for p in sorted(PLACEHOLDERS))} are filled in")
    if need_phone and "phone" not in fields:
        raise ValueError(f"{where} must give the number to call, as {{phone}}")
    return value.strip()


def parse_wording(data: Any, languages: Languages, tags: frozenset[str],
                  where: str = "interpreter.yaml") -> Wording:
    """`tags` are those the detector can give: a translation for anything
    else could never be shown."""
    if not isinstance(data, dict):
        raise ValueError(f"{where} must hold a mapping")
    english_raw = data.get("en")
    if not isinstance(english_raw, dict):
        raise ValueError(f"{where}: 'en' must be a mapping")
    english = {key: _template(english_raw.get(key), f"{where}: 'en.{key}'") for key in _ENGLISH_KEYS}
    raw = data.get("translations") or {}
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: 'translations' must be a mapping")
    translations = {}
    for tag, item in raw.items():
        tag = str(tag)
        at = f"{where}: 'translations.{tag}"
        if tag not in tags:
            raise ValueError(f"{at}' is not a language the detector gives (see languages.yaml)")
        if not isinstance(item, dict):
            raise ValueError(f"{at}' must be a mapping")
        unknown = set(item) - _TRANSLATION_KEYS
        if unknown:
            raise ValueError(f"{at}.{sorted(unknown)[0]}' is not a known key "
                             f"(known: {', '.join(sorted(_TRANSLATION_KEYS))})")
        days = item.get("days")
        if not isinstance(days, list) or len(days) != 7 or not all(isinstance(d, str) and d for d in days):
            raise ValueError(f"{at}.days' must name the seven days, Monday first")
        span = str(item.get("range") or "{first}–{last}")
        if _fields(span) != {"first", "last"}:
            raise ValueError(f"{at}.range' must use {{first}} and {{last}}")
        translations[tag] = Translation(
            tag=tag, lang=str(item.get("lang") or tag), dir=direction(tag, languages),
            first=_template(item.get("first"), f"{at}.first'"),
            again=_template(item.get("again"), f"{at}.again'"),
            days=tuple(days), range=span)
    return Wording(english, translations)


def direction(tag: str, languages: Languages) -> str:
    """rtl for a right-to-left language in its own script; "ur-Latn" and
    other Latin-letter forms read left to right."""
    base, _, script = tag.partition("-")
    language = languages.get(base)
    return "rtl" if language is not None and language.rtl and script != "Latn" else "ltr"


def detectable_tags(languages: Languages) -> frozenset[str]:
    """Every tag the detector can give (bot/language/detector.py)."""
    tags = set(languages.known)
    tags |= {f"{lang.code}-Latn" for lang in languages.known.values()
             if "LATIN" in lang.scripts and lang.scripts[0] != "LATIN"}
    tags.add(load_romanised().tag)
    return frozenset(tags)


@cache
def load_wording(path: Path = INTERPRETER_FILE) -> Wording:
    languages = load_languages()
    return parse_wording(yaml.safe_load(path.read_text(encoding="utf-8")), languages,
                         detectable_tags(languages), path.name)


def _clock(time: dt.time) -> str:
    return "24:00" if time == dt.time.max else time.strftime("%H:%M")


def weekly_hours(hours: Hours, days: tuple[str, ...], span: str) -> str:
    """Runs of days with the same hours, in the language's day names:
    "poniedziałek–piątek 09:00–17:00"."""
    runs: list[tuple[int, int, tuple[dt.time, dt.time]]] = []
    for day, opening in enumerate(hours):
        if opening is None:
            continue
        if runs and runs[-1][1] == day - 1 and runs[-1][2] == opening:
            runs[-1] = (runs[-1][0], day, opening)
        else:
            runs.append((day, day, opening))
    parts = []
    for first, last, (opens, closes) in runs:
        names = days[first] if first == last else span.format(first=days[first], last=days[last])
        parts.append(f"{names} {_clock(opens)}–{_clock(closes)}")
    return "; ".join(parts)


def _fill(template: str, hours: str | None, **values: str) -> str:
    if not hours:
        template = _HOURS_ASIDE.sub("", template)
    return template.format(hours=hours or "", **values)


class InterpreterReplies:
    """Built once, when the gateway starts, from the council's facts."""

    def __init__(self, council: Council, wording: Wording | None = None,
                 languages: Languages | None = None) -> None:
        self.line: Interpreter = council.interpreter_line()
        self.wording = wording or load_wording()
        self.languages = languages or load_languages()

    def _name(self, tag: str) -> str | None:
        if tag == load_romanised().tag:
            return None  # Urdu, Hindi or Punjabi: the resident says which
        language = self.languages.get(tag.partition("-")[0])
        return language.name if language is not None else None

    def reply(self, tag: str | None, again: bool = False) -> Reply:
        """The reply to a message in the language `tag` (None when it is not
        known which): the full text the first time in a conversation, the
        short offer of a person after that."""
        line, english = self.line, self.wording.english
        name = self._name(tag) if tag else None
        key = "again" if again else ("first" if name else "first_any")
        text = _fill(english[key], line.opening_hours, phone=line.phone, place=line.place,
                     language=name or "")
        translation = self.wording.translations.get(tag) if tag else None
        if translation is None:
            return Reply(text)
        hours = weekly_hours(line.hours, translation.days, translation.range) if line.hours else None
        translated = _fill(translation.again if again else translation.first, hours,
                           phone=line.phone, place=line.place, language=name or "")
        return Reply(text, {"lang": translation.lang, "dir": translation.dir, "text": translated})
