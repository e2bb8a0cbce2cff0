"""Sections that no evaluation question reaches are found with the real
answerer, over an index that matches the files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from bot.answers import Answerer
from bot.knowledge.documents import Report, load_documents
from bot.knowledge.elsewhere import load_elsewhere
from bot.knowledge.index import MANIFEST_FILE, KnowledgeIndex, build_index
from bot.knowledge.reach import (
    EVALUATION,
    LEARNING_RUNS,
    RememberingEncoder,
    evaluation_questions,
    index_problem,
    reach,
)

ROOT = Path(__file__).resolve().parents[3]
QUESTIONS = ["how do I pay my council tax", "my bin wasn't emptied yesterday what do i do",
             "wat day is my bin colected", "what is the best recipe for banana bread"]


class Counting:
    """An encoder that counts how often it is asked, and for how many texts."""

    def __init__(self, encoder) -> None:
        self._encoder = encoder
        self.name, self.dimension = encoder.name, encoder.dimension
        self.calls: list[int] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls.append(len(texts))
        return self._encoder.encode(texts)


@pytest.fixture(scope="module")
def documents(root):
    documents, report = load_documents(root / "knowledge")
    assert report.ok, report.errors
    return documents


@pytest.fixture(scope="module")
def answerer(knowledge_index, council):
    return Answerer(knowledge_index, council, min_score=0.35)


def test_sections_no_question_reaches_are_listed_in_file_order(answerer, knowledge_index, documents):
    result = reach(answerer, knowledge_index, documents, QUESTIONS)
    every = [c.id for d in documents for c in knowledge_index.sections_of(d.id)]
    unreached = [u.ref for u in result.unreached]
    reached = set(every) - set(unreached)
    assert {ref.split("#")[0] for ref in reached} == {"pay-council-tax", "missed-bin", "bin-collection-days"}
    assert unreached == [ref for ref in every if ref not in reached]
    assert result.questions == 4
    assert result.sections == len(every) == sum(len(d.sections) for d in documents)
    assert result.summary() == (f"Reach: 4 evaluation questions reach {len(reached)} of {len(every)} "
                                "sections.")
    bulky = next(u for u in result.unreached if u.ref == "bulky-waste#what-counts-as-bulky-waste")
    assert bulky.path.name == "bulky-waste.md"
    assert (f"{bulky.path.as_posix()}:{bulky.line}: no evaluation question reaches "
            "bulky-waste#what-counts-as-bulky-waste") in result.warnings()
    lines = bulky.path.read_text(encoding="utf-8").splitlines()
    assert lines[bulky.line - 1] == "## What counts as bulky waste"


def test_batched_encoding_reaches_the_same_sections(answerer, knowledge_index, documents, embedder,
                                                    index_dir, council):
    counting = Counting(embedder)
    remembering = RememberingEncoder(counting)
    index = KnowledgeIndex(index_dir, remembering)
    batched = reach(Answerer(index, council, min_score=0.35), index, documents, QUESTIONS, remembering)
    one_by_one = reach(answerer, knowledge_index, documents, QUESTIONS)
    assert batched == one_by_one
    # A few batches, not one call a question.
    assert 1 <= len(counting.calls) <= LEARNING_RUNS
    assert counting.calls[0] >= len(QUESTIONS)
    assert not remembering.dry


def test_the_remembering_encoder_answers_as_the_model_does(embedder):
    remembering = RememberingEncoder(embedder)
    texts = ["council tax", "bins", "council tax"]
    assert np.allclose(remembering.encode(texts), embedder.encode(texts), atol=1e-5)
    assert remembering.encode([]).shape == (0, embedder.dimension)
    remembering.dry = True
    unknown = remembering.encode(["parking permits"])
    assert not unknown.any()
    assert remembering.learn_wanted() == 1
    assert remembering.learn_wanted() == 0


def test_the_questions_are_the_evaluations_own(root):
    assert root / "evaluate" / "knowledge.py" == EVALUATION
    questions = evaluation_questions()
    own = [line for line in (root / "tests" / "eval" / "knowledge" / "questions.jsonl")
           .read_text(encoding="utf-8").splitlines() if line.strip()]
    # questions.jsonl first, then the holdout set.
    assert questions[:len(own)] == [json.loads(line)["text"] for line in own]
    assert len(questions) > len(own)
    assert all(isinstance(q, str) and q for q in questions)


@pytest.fixture()
def small_knowledge(tmp_path, root, embedder) -> tuple[Path, Path]:
    knowledge, index = tmp_path / "knowledge", tmp_path / "index"
    knowledge.mkdir()
    shutil.copy(root / "knowledge" / "bulky-waste.md", knowledge)
    assert build_index(knowledge, index, embedder).report.ok
    return knowledge, index


def _problem(knowledge: Path, index: Path) -> str | None:
    report = Report()
    documents, _ = load_documents(knowledge)
    return index_problem(knowledge, index, documents, load_elsewhere(knowledge, report))


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda k, i: None, None),
        (lambda k, i: (k / "bulky-waste.md").write_text(
            (k / "bulky-waste.md").read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8"),
         "the knowledge files changed after the index in {index} was built"),
        (lambda k, i: shutil.copy(ROOT / "knowledge" / "garden-waste.md", k),
         "the knowledge files changed after the index in {index} was built"),
        (lambda k, i: (i / MANIFEST_FILE).unlink(), "there is no knowledge index in {index}"),
        (lambda k, i: (i / MANIFEST_FILE).write_text("{not json", encoding="utf-8"),
         "the knowledge index in {index} is unreadable"),
    ],
)
def test_the_index_must_match_the_files(small_knowledge, change, expected):
    knowledge, index = small_knowledge
    change(knowledge, index)
    assert _problem(knowledge, index) == (expected.format(index=index) if expected else None)
