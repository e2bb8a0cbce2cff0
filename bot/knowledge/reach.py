"""Which sections no evaluation question reaches: every question of the
knowledge evaluation (tests/eval/knowledge) goes through the real answerer,
and a section that never gives a confident answer is either hard to find
or missing from the questions. Either way an editor should look."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import numpy as np

from bot.answers import Answerer
from bot.knowledge.chunks import CHUNKER_VERSION, section_refs
from bot.knowledge.documents import Document
from bot.knowledge.elsewhere import Elsewhere
from bot.knowledge.index import MANIFEST_FILE, Encoder, IndexUnavailable, KnowledgeIndex, source_hashes
from bot.settings import Settings

# The evaluation's own loader, in the project's checkout beside `bot/`.
EVALUATION = Path(__file__).resolve().parents[2] / "evaluate" / "knowledge.py"
# Dry runs at most before the one that counts (two are needed today).
LEARNING_RUNS = 4


def index_problem(knowledge_dir: Path, index_dir: Path, documents: list[Document],
                  elsewhere: list[Elsewhere]) -> str | None:
    """Why the index in `index_dir` does not stand for the files as they are
    now (hashed as the build hashes them), or None when it does."""
    try:
        manifest = json.loads((index_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return f"there is no knowledge index in {index_dir}"
    except (OSError, ValueError):
        return f"the knowledge index in {index_dir} is unreadable"
    files = source_hashes(knowledge_dir, documents)
    if manifest.get("chunker") != CHUNKER_VERSION or manifest.get("files") != files:
        return f"the knowledge files changed after the index in {index_dir} was built"
    return None


def _evaluation() -> ModuleType | None:
    if not EVALUATION.is_file():
        return None
    name = "councilbot_knowledge_evaluation"
    spec = importlib.util.spec_from_file_location(name, EVALUATION)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def evaluation_questions() -> list[str]:
    """The text of every question in the evaluation sets there are, read with
    the evaluation's loader (empty outside a checkout of the project)."""
    evaluation = _evaluation()
    if evaluation is None:
        return []
    return [q.text for name in evaluation.SETS if (evaluation.SET_DIR / f"{name}.jsonl").is_file()
            for q in evaluation.load_set(name)]


class RememberingEncoder:
    """Encodes in batches what the answerer asks for one text at a time (on
    a CPU a batch is about ten times faster a text), and remembers it.

    In a dry run it notes the texts it does not know and answers them with
    zeros. Dry runs over the questions until one asks for nothing unknown
    (the mended question first, then whatever the index asks next): that
    run's answers are exact, and every text was encoded in a batch."""

    def __init__(self, encoder: Encoder) -> None:
        self._encoder = encoder
        self.name = encoder.name
        self.dimension = encoder.dimension
        self.dry = False
        self._known: dict[str, np.ndarray] = {}
        self._wanted: dict[str, None] = {}

    def _learn(self, texts: list[str]) -> None:
        self._known.update(zip(texts, self._encoder.encode(texts), strict=True))

    def learn_wanted(self) -> int:
        """Encodes what dry runs asked for; returns how many texts."""
        wanted, self._wanted = list(self._wanted), {}
        self._learn(wanted)
        return len(wanted)

    def encode(self, texts: list[str]) -> np.ndarray:
        unknown = list(dict.fromkeys(t for t in texts if t not in self._known))
        if self.dry:
            self._wanted.update(dict.fromkeys(unknown))
        elif unknown:
            self._learn(unknown)
        if not texts:
            return np.zeros((0, self.dimension), dtype="float32")
        nothing = np.zeros(self.dimension, dtype="float32")
        return np.stack([self._known.get(t, nothing) for t in texts])


@dataclass(frozen=True)
class Unreached:
    ref: str  # `topic#section`
    path: Path
    line: int


@dataclass(frozen=True)
class Reach:
    questions: int
    sections: int
    unreached: list[Unreached]

    def warnings(self) -> list[str]:
        return [f"{u.path.as_posix()}:{u.line}: no evaluation question reaches {u.ref}"
                for u in self.unreached]

    def summary(self) -> str:
        return (f"Reach: {self.questions} evaluation questions reach {self.sections - len(self.unreached)} "
                f"of {self.sections} sections.")


def _reached(answerer: Answerer, questions: list[str]) -> set[str]:
    return {answer.section_id for question in questions
            if (answer := answerer.answer(question)).confident and answer.section_id}


def reach(answerer: Answerer, index: KnowledgeIndex, documents: list[Document],
          questions: Iterable[str], encoder: RememberingEncoder | None = None) -> Reach:
    """Asks every question as a resident would, and lists the index's
    sections that no confident answer came from, in the files' order.
    Given the index's `encoder`, encodes in batches (see RememberingEncoder)."""
    questions = list(questions)
    if encoder is None:
        reached = _reached(answerer, questions)
    else:
        try:
            encoder.dry = True
            for _ in range(LEARNING_RUNS):
                reached = _reached(answerer, questions)
                if not encoder.learn_wanted():
                    break
            else:
                encoder.dry = False
                reached = _reached(answerer, questions)
        finally:
            encoder.dry = False
    where = {ref: (doc.path, section.line) for doc in documents
             for ref, section in zip(section_refs(doc), doc.sections, strict=True)}
    sections = [chunk for doc in documents for chunk in index.sections_of(doc.id)]
    unreached = [Unreached(chunk.id, *where.get(chunk.id, (Path(chunk.path), 1)))
                 for chunk in sections if chunk.id not in reached]
    return Reach(len(questions), len(sections), unreached)


def check_reach(settings: Settings, documents: list[Document],
                elsewhere: list[Elsewhere]) -> tuple[list[str], str]:
    """The warnings, and one line: the summary, or why the check was
    skipped (it needs the index built from the files as they are now).
    Loads the embedding model; about a minute for the evaluation's 767
    questions on two busy cores."""
    from bot.council import load_council
    from bot.knowledge.embedder import Embedder

    skipped = "Reach check skipped: "
    problem = index_problem(settings.knowledge_dir, settings.index_dir, documents, elsewhere)
    if problem:
        return [], f"{skipped}{problem}; run 'councilbot knowledge build', then validate again."
    questions = evaluation_questions()
    if not questions:
        return [], f"{skipped}no evaluation questions (tests/eval/knowledge) in this copy of the project."
    encoder = RememberingEncoder(Embedder())
    try:
        index = KnowledgeIndex(settings.index_dir, encoder)
    except IndexUnavailable as exc:
        return [], f"{skipped}{exc}."
    answerer = Answerer(index, load_council(settings.council_file), settings.answer_min_score)
    result = reach(answerer, index, documents, questions, encoder)
    return result.warnings(), result.summary()
