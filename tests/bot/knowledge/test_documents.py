"""Editors get errors that name the file, the line and the fix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.knowledge.documents import load_documents

TODAY = dt.date(2026, 11, 21)
BODY = (
    "## How to report it\n"
    "You can report a missed bin on the council website within two working days "
    "of your collection day. Call {council_phone} if you cannot go online.\n"
)


def front(**overrides: str) -> str:
    keys = {
        "id": "missed-bin",
        "title": "Report a missed bin",
        "url": "https://www.northbrook.example.gov.uk/bins/missed",
        "service_area": "Waste and recycling",
        "last_reviewed": "2026-11-01",
    }
    keys.update(overrides)
    lines = [f"{k}: {v}" for k, v in keys.items() if v != ""]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def write(tmp_path: Path, text: str, name: str = "missed-bin.md") -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_councils_own_files_are_valid(root):
    documents, report = load_documents(root / "knowledge", TODAY)
    assert report.ok, report.errors
    assert len(documents) >= 40
    assert {d.service_area for d in documents} >= {"Waste and recycling", "Council tax", "Housing"}


def test_a_good_file_parses_into_sections(tmp_path):
    documents, report = load_documents(write(tmp_path, front() + BODY), TODAY)
    assert report.ok, report.errors
    (doc,) = documents
    assert doc.id == "missed-bin"
    assert [s.heading for s in doc.sections] == ["How to report it"]
    assert doc.sections[0].line == 9


@pytest.mark.parametrize(
    "text, message",
    [
        ("no front matter\n", "missed-bin.md:1: has no front matter"),
        (front(url="") + BODY, "front matter is missing 'url'"),
        (front(id="Missed_Bin") + BODY, "must be lowercase words joined by hyphens"),
        (front(id="other-topic") + BODY, "must match the file name; rename the file to other-topic.md"),
        (front(url="http://insecure.example") + BODY, "must start with https://"),
        (front(service_area="Bins") + BODY, "service_area 'Bins' is not one of"),
        (front(last_reviewed="soon") + BODY, "last_reviewed must be a date"),
        (front(last_reviewed="2027-01-01") + BODY, "is in the future"),
        (front() + "# Title\n" + BODY, "missed-bin.md:9: a '# ' heading"),
        (front() + "Intro text.\n" + BODY, "text before the first '## ' heading"),
        (front(), "has no '## ' sections"),
        (front() + "## Short\nToo short.\n", "section 'Short' has 2 words"),
        (front() + "## Long\n" + "word " * 201 + "\n", "section 'Long' has 201 words"),
        (front() + BODY.replace("{council_phone}", "{phone}"), "unknown placeholder '{phone}'"),
        ("---\nid: [unclosed\n---\n" + BODY, "front matter is not valid YAML"),
    ],
)
def test_problems_are_reported_with_a_fix(tmp_path, text, message):
    _, report = load_documents(write(tmp_path, text), TODAY)
    assert any(message in e for e in report.errors), report.errors


def test_duplicate_ids_are_reported(tmp_path):
    write(tmp_path, front() + BODY)
    (tmp_path / "sub").mkdir()
    write(tmp_path, front(id="missed-bin") + BODY, "missed-bin-copy.md")
    _, report = load_documents(tmp_path, TODAY)
    assert any("must match the file name" in e for e in report.errors)


def test_an_empty_folder_is_an_error(tmp_path):
    _, report = load_documents(tmp_path, TODAY)
    assert report.errors == [f"{tmp_path}: no knowledge files (*.md) found"]


def test_old_reviews_are_warned_about(tmp_path):
    _, report = load_documents(write(tmp_path, front(last_reviewed="2024-01-01") + BODY), TODAY)
    assert report.ok
    assert any("over a year ago" in w for w in report.warnings)


def test_non_utf8_files_are_reported(tmp_path):
    (tmp_path / "missed-bin.md").write_bytes(b"\xff\xfe\x00binary")
    _, report = load_documents(tmp_path, TODAY)
    assert any("is not UTF-8 text" in e for e in report.errors)
