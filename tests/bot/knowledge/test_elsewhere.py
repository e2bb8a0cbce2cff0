"""The directory of things the knowledge files do not answer: its checks."""

from __future__ import annotations

import pytest

from bot.knowledge.documents import Report
from bot.knowledge.elsewhere import load_elsewhere

GOOD = """
- id: passports
  name: passports
  asks: [renew my passport, lost passport]
  go_to: HM Passport Office, on GOV.UK
  url: https://www.gov.uk/browse/abroad/passports
- id: allotments
  name: allotments
  asks: [allotment waiting list]
  go_to: the council website
  url: "{council_website}"
"""


def test_a_good_directory_loads(tmp_path):
    (tmp_path / "elsewhere.yml").write_text(GOOD)
    report = Report()
    entries = load_elsewhere(tmp_path, report)
    assert report.ok, report.errors
    assert [e.id for e in entries] == ["passports", "allotments"]
    assert entries[0].asks == ("renew my passport", "lost passport")
    assert entries[1].url == "{council_website}"


def test_no_directory_is_no_entries(tmp_path):
    report = Report()
    assert load_elsewhere(tmp_path, report) == []
    assert report.ok


@pytest.mark.parametrize(("text", "problem"), [
    ("- id: x\n  name: x\n", "missing asks, go_to, url"),
    ("id: passports\n", "must be a list of entries"),
    ("- just a line\n", "must be 'key: value' lines"),
    ("- id: Pass Ports\n  name: p\n  asks: [a]\n  go_to: g\n  url: https://x.example\n",
     "must be lowercase words joined by hyphens"),
    ("- id: p\n  name: p\n  asks: renew\n  go_to: g\n  url: https://x.example\n", "asks must be a list"),
    ("- id: p\n  name: p\n  asks: [a]\n  go_to: g\n  url: http://x.example\n", "must start with https://"),
    ("- id: p\n  name: p\n  asks: [a]\n  go_to: g\n  url: '{council_fax}'\n", "unknown placeholder"),
    ("- id: p\n  name: p\n  asks: [a]\n  go_to: g\n  url: https://x.example\n" * 2, "is used twice"),
    ("- id: p\n  name: 'unclosed\n", "not readable YAML"),
])
def test_problems_name_the_entry_and_the_fix(tmp_path, text, problem):
    (tmp_path / "elsewhere.yml").write_text(text)
    report = Report()
    load_elsewhere(tmp_path, report)
    assert any(problem in error and "elsewhere.yml" in error for error in report.errors), report.errors


def test_the_shipped_directory_is_valid_and_names_no_topic_of_its_own(tmp_path):
    from pathlib import Path

    from bot.knowledge.documents import load_documents

    knowledge = Path(__file__).resolve().parents[3] / "knowledge"
    report = Report()
    entries = load_elsewhere(knowledge, report)
    documents, _ = load_documents(knowledge)
    assert report.ok, report.errors
    assert len(entries) >= 20
    assert not {e.id for e in entries} & {d.id for d in documents}
