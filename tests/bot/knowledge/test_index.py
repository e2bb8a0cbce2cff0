"""Building and querying the FAISS index with the real embedding model."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.knowledge.index import IndexUnavailable, KnowledgeIndex, build_index


@pytest.fixture()
def small_knowledge(tmp_path: Path, root: Path) -> Path:
    directory = tmp_path / "knowledge"
    directory.mkdir()
    for name in ("missed-bin.md", "pay-council-tax.md", "libraries.md"):
        shutil.copy(root / "knowledge" / name, directory / name)
    return directory


def test_build_writes_index_chunks_and_manifest(small_knowledge, tmp_path, embedder):
    out = tmp_path / "index"
    result = build_index(small_knowledge, out, embedder)
    assert result.report.ok
    assert result.documents == 3 and result.embedded + result.reused == result.chunks
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["model"] == embedder.name
    assert manifest["dimension"] == 384
    assert manifest["metric"] == "inner_product"
    assert set(manifest["files"]) == {"missed-bin.md", "pay-council-tax.md", "libraries.md"}
    lines = (out / "chunks.jsonl").read_text().splitlines()
    assert len(lines) == manifest["chunks"] == result.chunks


def test_rebuild_only_embeds_changed_files(small_knowledge, tmp_path, embedder):
    out = tmp_path / "index"
    build_index(small_knowledge, out, embedder)
    again = build_index(small_knowledge, out, embedder)
    assert again.embedded == 0 and again.reused == again.chunks

    page = small_knowledge / "libraries.md"
    page.write_text(page.read_text().replace("## ", "## Updated: ", 1))
    changed = build_index(small_knowledge, out, embedder)
    assert changed.embedded == 1
    assert changed.reused == changed.chunks - 1


def test_invalid_files_leave_the_previous_index_alone(small_knowledge, tmp_path, embedder):
    out = tmp_path / "index"
    build_index(small_knowledge, out, embedder)
    before = (out / "manifest.json").read_text()
    (small_knowledge / "broken.md").write_text("no front matter")
    result = build_index(small_knowledge, out, embedder)
    assert not result.report.ok
    assert (out / "manifest.json").read_text() == before


def test_search_ranks_the_right_topic_first(knowledge_index):
    cases = {
        "my bin wasn't emptied yesterday what do i do": "missed-bin",
        "when is the dump open": "household-waste-recycling-centre",
        "how do i get a blue badge": "blue-badge",
        "rats in my garden": "pest-control",
        "how do I pay my council tax": "pay-council-tax",
        "pcn": "parking-fines",
    }
    for question, expected in cases.items():
        assert knowledge_index.search_topics(question)[0].doc_id == expected, question


def test_topic_hits_answer_with_a_section_of_their_own_topic(knowledge_index):
    for hit in knowledge_index.search_topics("bulky waste collection", top_k=3):
        assert hit.passage.kind == "section"
        assert hit.passage.doc_id == hit.doc_id


def test_the_query_side_refuses_another_models_index(index_dir, tmp_path, embedder):
    copy = tmp_path / "copy"
    shutil.copytree(index_dir, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["model"] = "some-other-model"
    (copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IndexUnavailable, match="rebuild it"):
        KnowledgeIndex(copy, embedder)


def test_a_missing_index_says_how_to_build_one(tmp_path, embedder):
    with pytest.raises(IndexUnavailable, match="councilbot knowledge build"):
        KnowledgeIndex(tmp_path, embedder)


def test_a_running_index_picks_up_a_rebuild(small_knowledge, tmp_path, embedder):
    out = tmp_path / "index"
    build_index(small_knowledge, out, embedder)
    index = KnowledgeIndex(out, embedder)
    assert index.search_topics("blue badge for disabled parking")[0].doc_id != "blue-badge"
    shutil.copy(Path(__file__).parents[3] / "knowledge" / "blue-badge.md", small_knowledge)
    build_index(small_knowledge, out, embedder)
    assert index.search_topics("blue badge for disabled parking")[0].doc_id == "blue-badge"


def _best_chunks(index: KnowledgeIndex, docs: list[str]):
    return {doc: (0.0, index.sections_of(doc)[0]) for doc in docs}


@pytest.mark.parametrize(("question", "siblings", "ahead"), [
    # The council tax pages share "council tax": the rest of the question
    # ("living alone", "can't afford") tells them apart.
    ("council tax living alone", ["pay-council-tax", "council-tax-discounts"], "council-tax-discounts"),
    ("missed two council tax payments", ["pay-council-tax", "council-tax-arrears"], "council-tax-arrears"),
    ("my wheelie bin was stolen", ["missed-bin", "new-or-replacement-bin"], "new-or-replacement-bin"),
])
def test_siblings_are_told_apart_by_the_words_they_do_not_share(knowledge_index, question, siblings, ahead):
    extra = knowledge_index._telling_apart(question, siblings, _best_chunks(knowledge_index, siblings))
    assert set(extra) == set(siblings)
    assert max(extra, key=extra.get) == ahead


@pytest.mark.parametrize(("question", "siblings"), [
    # Titles with nothing in common: nothing to tell apart.
    ("library opening hours", ["libraries", "missed-bin"]),
    # Nothing telling left once the shared words are gone.
    ("council tax", ["pay-council-tax", "council-tax-discounts"]),
    # The question does not use the shared words.
    ("rats in the garden", ["pay-council-tax", "council-tax-discounts"]),
])
def test_nothing_is_added_when_there_is_nothing_to_tell_apart(knowledge_index, question, siblings):
    assert knowledge_index._telling_apart(question, siblings, _best_chunks(knowledge_index, siblings)) == {}
