"""The languages the gateway tells apart, read from `languages.yaml`, and the
romanised Urdu, Hindi and Punjabi words from `romanised.yaml`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
LANGUAGES_FILE = HERE / "languages.yaml"
ROMANISED_FILE = HERE / "romanised.yaml"
# What a message is tagged when it is plainly not English but which
# language it is cannot be told (ISO 639-2 "undetermined").
UNDETERMINED = "und"


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    scripts: tuple[str, ...]
    rtl: bool = False
    marks: tuple[str, ...] = ()

    @property
    def dir(self) -> str:
        return "rtl" if self.rtl else "ltr"


@dataclass(frozen=True)
class Languages:
    english: str
    known: dict[str, Language]

    def in_script(self, script: str) -> tuple[Language, ...]:
        return tuple(lang for lang in self.known.values() if script in lang.scripts)

    def get(self, code: str) -> Language | None:
        return self.known.get(code)


@dataclass(frozen=True)
class Romanised:
    """Urdu, Hindi and Punjabi typed in Latin letters read alike, and no
    model here knows them: they are told by their everyday words."""

    tag: str
    name: str
    words: frozenset[str]
    min_words: int
    min_share: float


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"{where} must be a mapping")
    return value


def parse_languages(data: Any, where: str = "languages.yaml") -> Languages:
    data = _mapping(data, where)
    english = data.get("english")
    raw = _mapping(data.get("languages"), f"{where}: 'languages'")
    known: dict[str, Language] = {}
    for code, item in raw.items():
        item = _mapping(item, f"{where}: 'languages.{code}'")
        name, scripts = item.get("name"), item.get("script")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"{where}: 'languages.{code}.name' is missing")
        if not isinstance(scripts, list) or not scripts or not all(isinstance(s, str) for s in scripts):
            raise ValueError(f"{where}: 'languages.{code}.script' must be a list of script names")
        if item.get("dir", "ltr") not in ("ltr", "rtl"):
            raise ValueError(f"{where}: 'languages.{code}.dir' must be ltr or rtl")
        known[str(code)] = Language(str(code), name.strip(), tuple(s.upper() for s in scripts),
                                    item.get("dir") == "rtl", tuple(str(m) for m in item.get("marks") or ()))
    if english not in known:
        raise ValueError(f"{where}: 'english' must name one of the languages")
    return Languages(str(english), known)


def parse_romanised(data: Any, where: str = "romanised.yaml") -> Romanised:
    data = _mapping(data, where)
    words = data.get("words")
    if not isinstance(words, list) or not words:
        raise ValueError(f"{where}: 'words' must be a list of words")
    for key in ("tag", "name"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ValueError(f"{where}: '{key}' is missing")
    min_words, min_share = data.get("min_words", 3), data.get("min_share", 0.4)
    if not isinstance(min_words, int) or min_words < 2:
        raise ValueError(f"{where}: 'min_words' must be a whole number, 2 or more")
    if not isinstance(min_share, int | float) or not 0 < min_share <= 1:
        raise ValueError(f"{where}: 'min_share' must be a share between 0 and 1")
    return Romanised(data["tag"].strip(), data["name"].strip(),
                     frozenset(str(w).lower() for w in words), min_words, float(min_share))


@cache
def load_languages(path: Path = LANGUAGES_FILE) -> Languages:
    return parse_languages(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)


@cache
def load_romanised(path: Path = ROMANISED_FILE) -> Romanised:
    return parse_romanised(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
