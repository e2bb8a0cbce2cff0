"""What a message is written with, before any model reads it: its words and
how many of its letters belong to each script. The placeholders the privacy
gate writes, web and email addresses, postcodes and digits are left out
first: they say nothing about the language a resident writes in."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

import regex

_NOISE = regex.compile(
    r"<[A-Z_]+(?::[^<>\s]*)?>"                          # <NAME:3fa91c>, <POSTCODE:NB7>
    r"|\bhttps?://\S+|\bwww\.\S+|\S+@\S+\.\S+"          # addresses on the web and email
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"           # UK postcodes
    r"|\d+",
    regex.IGNORECASE,
)
_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*")
LATIN = "LATIN"
# Scripts written without spaces between words, where a few letters say more.
IDEOGRAPHIC = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL"})
# Marks that belong to no script of their own: accents typed apart from
# their letter, and the selector that follows an emoji.
_LOOSE_MARKS = frozenset({"COMBINING", "VARIATION"})


def script_of(char: str) -> str:
    """The script a letter belongs to, as the first word of its Unicode name
    (LATIN, ARABIC, CYRILLIC, DEVANAGARI, CJK, ETHIOPIC...)."""
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


@dataclass(frozen=True)
class Written:
    """A message reduced to what tells its language."""

    text: str
    words: tuple[str, ...]
    scripts: Counter[str]

    @property
    def letters(self) -> int:
        return sum(self.scripts.values())

    @property
    def latin_letters(self) -> int:
        return self.scripts[LATIN]

    def main_script(self) -> str | None:
        """The script most of the letters are in."""
        return self.scripts.most_common(1)[0][0] if self.scripts else None

    def latin_words(self) -> tuple[str, ...]:
        return tuple(w for w in self.words if script_of(w[0]) == LATIN)


def clean(text: str) -> str:
    """The message without placeholders, addresses, postcodes and digits."""
    return " ".join(_NOISE.sub(" ", text).split())


def read(text: str) -> Written:
    cleaned = clean(unicodedata.normalize("NFKC", text))
    words = tuple(_WORD.findall(cleaned))
    scripts: Counter[str] = Counter()
    for word in words:
        for char in word:
            kind = unicodedata.category(char)[0]
            if kind == "L" or (kind == "M" and script_of(char) not in _LOOSE_MARKS):
                scripts[script_of(char)] += 1
    return Written(cleaned, words, scripts)
