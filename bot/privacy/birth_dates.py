"""Dates of birth. A date is someone's birthday when the message says so
("born", "DOB", "date of birth", "aged"), wherever in the message that is,
or, with no such word, when it is a full date far enough in the past that it
cannot be a collection day or a payment date: more than sixteen years ago.
Ordinary dates ("collection on 12/03/2026", "by 1 April") stay.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from bot.privacy.rule import RuleRecognizer

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])"
_DATES = re.compile(
    r"(?<![\w/.])(?<!\d-)(?:"
    rf"(?P<d1>{_DAY})[/.-](?:1[0-2]|0?[1-9])[/.-](?P<y1>[0-9]{{4}}|[0-9]{{2}})"
    rf"|(?P<d2>{_DAY})(?:st|nd|rd|th)?(?: of)? {_MONTH}\.?,? (?P<y2>[0-9]{{4}}|'?[0-9]{{2}})"
    rf"|{_MONTH}\.? (?P<d3>{_DAY})(?:st|nd|rd|th)?,? (?P<y3>[0-9]{{4}})"
    r"|(?P<y4>(?:19|20)[0-9]{2})-(?:0?[1-9]|1[0-2])-(?:[12][0-9]|3[01]|0?[1-9])"
    r")(?![\w/]|[.-]\d)",
    re.IGNORECASE,
)
_BIRTH_WORDS = re.compile(
    r"\b(?:born|birth|dob|d\.o\.b|birthday|b'?day|aged?|years? old)\b", re.IGNORECASE)
# "closed since 3 March 2009": an old date that is an event, not a birthday.
_EVENT_WORDS = re.compile(
    r"\b(?:since|from|until|till|in|on|between|after|before|closed|opened|moved|started|"
    r"dated|built|bought|sold|died|passed away|married|divorced|tenancy|lived)\W*$",
    re.IGNORECASE)
# "dob 010388": six or eight digits typed straight after the label.
_COMPACT = re.compile(
    r"\b(?:dob|d\.o\.b\.?|born|birth|birthday)\W{1,3}(?P<date>[0-9]{6}(?:[0-9]{2})?)\b",
    re.IGNORECASE)
_BORN_IN_YEAR = re.compile(r"(?<=\bborn )(?:in )?(?:19|20)[0-9]{2}\b", re.IGNORECASE)
ADULT_YEARS = 16


def _today() -> dt.date:
    return dt.date.today()


class DateOfBirthRecognizer(RuleRecognizer):
    def __init__(self, today: Callable[[], dt.date] = _today) -> None:
        super().__init__("DATE_OF_BIRTH")
        self._today = today


    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        about_birth = _BIRTH_WORDS.search(text) is not None
        this_year = self._today().year
        results = []
        for match in _DATES.finditer(text):
            raw_year = (match.group("y1") or match.group("y2") or match.group("y3")
                        or match.group("y4"))
            year = _full_year(raw_year, this_year)
            if year > this_year:
                continue
            if about_birth:
                results.append(RecognizerResult("DATE_OF_BIRTH", match.start(), match.end(), 0.85))
            elif (year <= this_year - ADULT_YEARS and len(raw_year) == 4
                  and not _EVENT_WORDS.search(text[max(0, match.start() - 25):match.start()])):
                results.append(RecognizerResult("DATE_OF_BIRTH", match.start(), match.end(), 0.5))
        for match in _COMPACT.finditer(text):
            results.append(RecognizerResult("DATE_OF_BIRTH", *match.span("date"), 0.8))
        for match in _BORN_IN_YEAR.finditer(text):
            results.append(RecognizerResult("DATE_OF_BIRTH", match.start(), match.end(), 0.7))
        return results


def _full_year(raw: str, this_year: int) -> int:
    digits = raw.lstrip("'")
    if len(digits) == 4:
        return int(digits)
    century = this_year // 100 * 100
    year = century + int(digits)
    return year if year <= this_year else year - 100
