"""The residents' words list: read and checked with the knowledge files,
kept in the index's manifest, and used to search with the pages' words."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.knowledge.documents import Report
from bot.knowledge.index import KnowledgeIndex, build_index
from bot.knowledge.residents_words import FILE_NAME, ResidentsWords, load_residents_words

PAIRS = {"nicked": "stolen", "the tip": "household waste recycling centre", "binmen": "bin collection crew"}


@pytest.mark.parametrize(("question", "searched"), [
    ("my bin was nicked", "my bin was nicked stolen"),
    ("Bin NICKED!", "Bin NICKED! stolen"),
    ("when is the tip open", "when is the tip open household waste recycling centre"),
    # Only whole words and whole phrases.
    ("nickedly", "nickedly"),
    ("tip for parking", "tip for parking"),
    # Already in the pages' words: nothing added.
    ("nicked or stolen bin", "nicked or stolen bin"),
    # Each phrase adds its words once.
    ("binmen nicked it, the binmen", "binmen nicked it, the binmen stolen bin collection crew"),
    ("", ""),
])
def test_expand_adds_the_pages_words(question, searched):
    assert ResidentsWords(PAIRS).expand(question) == searched


@pytest.mark.parametrize(("text", "pairs", "problem"), [
    ("nicked: stolen\nThe Tip: household waste recycling centre\n",
     {"nicked": "stolen", "the tip": "household waste recycling centre"}, None),
    ("", {}, None),
    ("nicked: [stolen\n", {}, "not readable YAML"),
    ("- nicked\n- stolen\n", {}, "must be a list of 'residents word: pages word' lines"),
    ("nicked:\n", {}, "needs words on both sides"),
    ("my bin has been nicked again: stolen\n", {}, "longer than 4 words"),
])
def test_loading_checks_each_line(tmp_path: Path, text, pairs, problem):
    (tmp_path / FILE_NAME).write_text(text, encoding="utf-8")
    report = Report()
    assert load_residents_words(tmp_path, report) == pairs
    if problem is None:
        assert report.ok and not report.warnings
    else:
        assert not report.ok and problem in report.errors[0]


def test_a_word_given_as_its_own_meaning_is_a_warning(tmp_path: Path):
    (tmp_path / FILE_NAME).write_text("bin: bin\nnicked: stolen\n", encoding="utf-8")
    report = Report()
    assert load_residents_words(tmp_path, report) == {"nicked": "stolen"}
    assert report.ok and "'bin' is given as its own meaning" in report.warnings[0]


def test_no_file_means_no_list(tmp_path: Path):
    report = Report()
    assert load_residents_words(tmp_path, report) == {}
    assert report.ok


def test_the_index_keeps_the_list_and_searches_with_it(tmp_path: Path, root: Path, embedder):
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    for name in ("missed-bin.md", "new-or-replacement-bin.md", "bin-collection-days.md"):
        shutil.copy(root / "knowledge" / name, knowledge / name)
    out = tmp_path / "index"
    build_index(knowledge, out, embedder)
    index = KnowledgeIndex(out, embedder)
    without = [t.doc_id for t in index.search_topics("bin been blagged", top_k=3)]

    (knowledge / FILE_NAME).write_text("blagged: stolen\n", encoding="utf-8")
    result = build_index(knowledge, out, embedder)
    assert result.report.ok
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["residents_words"] == {"blagged": "stolen"}
    assert FILE_NAME in manifest["files"]
    # The running index picks the rebuilt list up, and the slang now finds
    # the page about stolen bins.
    assert index.search_topics("bin been blagged", top_k=1)[0].doc_id == "new-or-replacement-bin"
    assert without[0] != "new-or-replacement-bin"
