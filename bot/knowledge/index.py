"""The FAISS knowledge index: built by editors' command, read by the action
server.

The index directory holds `index.faiss`, `chunks.jsonl` (one chunk a line,
in index order) and `manifest.json` (model, dimension, metric, build time, a
hash per source file). A rebuild re-embeds only the files whose hash changed,
and the query side refuses an index built with another model.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import faiss
import numpy as np

from bot.knowledge.chunks import CHUNKER_VERSION, Chunk, chunk_document, chunk_elsewhere
from bot.knowledge.documents import Document, Report, load_documents
from bot.knowledge.elsewhere import FILE_NAME as ELSEWHERE_FILE
from bot.knowledge.elsewhere import PREFIX as ELSEWHERE_PREFIX
from bot.knowledge.elsewhere import load_elsewhere
from bot.knowledge.lexical import STOPWORDS, words
from bot.knowledge.residents_words import FILE_NAME as RESIDENTS_WORDS_FILE
from bot.knowledge.residents_words import ResidentsWords, load_residents_words
from bot.knowledge.vocabulary import Vocabulary

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
INDEX_FILE = "index.faiss"
CHUNKS_FILE = "chunks.jsonl"
MANIFEST_FILE = "manifest.json"


class Encoder(Protocol):
    name: str
    dimension: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


class IndexUnavailable(RuntimeError):
    """The index is missing, damaged or was built with another model."""


@dataclass(frozen=True)
class BuildResult:
    chunks: int
    documents: int
    embedded: int
    reused: int
    report: Report


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_manifest(index_dir: Path) -> dict | None:
    try:
        return json.loads((index_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def _previous_vectors(index_dir: Path, manifest: dict | None, encoder: Encoder) -> dict[str, np.ndarray]:
    """Vectors of the last build, by the text embedded, if that build used the
    same model and chunker: text that did not change is not embedded again."""
    if not manifest or manifest.get("model") != encoder.name \
            or manifest.get("chunker") != CHUNKER_VERSION \
            or manifest.get("dimension") != encoder.dimension:
        return {}
    try:
        index = faiss.read_index(str(index_dir / INDEX_FILE))
        lines = (index_dir / CHUNKS_FILE).read_text(encoding="utf-8").splitlines()
        chunks = [json.loads(line) for line in lines if line.strip()]
        if index.ntotal != len(chunks):
            return {}
        vectors = index.reconstruct_n(0, index.ntotal)
    except (RuntimeError, OSError, json.JSONDecodeError):
        return {}
    return {c["embed_text"]: vectors[i] for i, c in enumerate(chunks)}


def _write_atomically(index_dir: Path, index: faiss.Index, chunks: list[Chunk], manifest: dict) -> None:
    index_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=index_dir) as tmp:
        tmp_dir = Path(tmp)
        faiss.write_index(index, str(tmp_dir / INDEX_FILE))
        with (tmp_dir / CHUNKS_FILE).open("w", encoding="utf-8") as out:
            for chunk in chunks:
                out.write(json.dumps(chunk.as_dict(), ensure_ascii=False) + "\n")
        (tmp_dir / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        # The manifest goes last: a reader that sees a new manifest sees new files.
        for name in (INDEX_FILE, CHUNKS_FILE, MANIFEST_FILE):
            os.replace(tmp_dir / name, index_dir / name)


def source_hashes(knowledge_dir: Path, documents: list[Document]) -> dict[str, str]:
    """A hash per file the index is built from, as its manifest records them:
    the knowledge files, and the directory and residents' words if present."""
    hashes = {d.path.name: _file_hash(d.path) for d in documents}
    for name in (ELSEWHERE_FILE, RESIDENTS_WORDS_FILE):
        if (knowledge_dir / name).is_file():
            hashes[name] = _file_hash(knowledge_dir / name)
    return hashes


def build_index(knowledge_dir: Path, index_dir: Path, encoder: Encoder) -> BuildResult:
    """Validates the knowledge files and, if they are sound, writes the index."""
    documents, report = load_documents(knowledge_dir)
    elsewhere = load_elsewhere(knowledge_dir, report)
    residents_words = load_residents_words(knowledge_dir, report)
    if not report.ok:
        return BuildResult(0, len(documents), 0, 0, report)
    hashes = source_hashes(knowledge_dir, documents)
    chunks = [c for d in documents for c in chunk_document(d, d.path.name)]
    chunks += [c for entry in elsewhere for c in chunk_elsewhere(entry)]
    previous = _previous_vectors(index_dir, _read_manifest(index_dir), encoder)

    reused = sum(c.embed_text in previous for c in chunks)
    todo = list(dict.fromkeys(c.embed_text for c in chunks if c.embed_text not in previous))
    fresh = dict(zip(todo, encoder.encode(todo), strict=True))
    vectors = np.stack([previous.get(c.embed_text, fresh.get(c.embed_text)) for c in chunks])
    index = faiss.IndexFlatIP(encoder.dimension)
    index.add(vectors.astype("float32"))
    manifest = {
        "format": FORMAT_VERSION,
        "model": encoder.name,
        "dimension": encoder.dimension,
        "metric": "inner_product",
        "normalized": True,
        "chunker": CHUNKER_VERSION,
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "documents": len(documents),
        "chunks": len(chunks),
        "files": hashes,
        "residents_words": residents_words,
    }
    _write_atomically(index_dir, index, chunks, manifest)
    logger.info("index built: %d chunks, %d embedded, %d reused",
                len(chunks), len(todo), reused)
    return BuildResult(len(chunks), len(documents), len(todo), reused, report)


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float


@dataclass(frozen=True)
class TopicHit:
    """A topic and the section of it that best answers the question.

    `score` ranks topics: the embedding similarity plus a share of the word
    match (see `search_topics`). `similarity` is the embedding part alone
    and `coverage` the share of the question's telling words the topic's
    page uses: the answerer declines on those two."""

    doc_id: str
    title: str
    url: str
    path: str
    score: float
    passage: Chunk
    similarity: float = 0.0
    coverage: float = 1.0


@dataclass(frozen=True)
class Found:
    topics: list[TopicHit]
    # The directory entry that fits best (its `passage` is one of its cards).
    elsewhere: TopicHit | None


# How much the word match counts beside the embedding similarity (a cosine,
# mostly 0.3-0.8): the best BM25 score is scaled to this, the rest in
# proportion. Measured on tests/eval/knowledge (docs/architecture.md).
LEXICAL_WEIGHT = 0.25

# Sibling pages (the council tax pages, the bin pages) share the words that
# name their service, so a question's other words have to tell them apart:
# among the best few topics, the words that two or more of their titles
# share are taken out of the question and what is left is matched again,
# adding this much of its best cosine. Measured on tests/eval/knowledge.
SIBLINGS = 3
SIBLING_WEIGHT = 0.25


def _scaled(scores: np.ndarray) -> np.ndarray:
    top = float(scores.max()) if scores.size else 0.0
    return scores / top if top > 0 else np.zeros_like(scores)


class KnowledgeIndex:
    """Read side. Reloads by itself when a rebuild replaces the manifest, so
    the running assistant picks up editors' changes without a restart.

    A topic is found two ways at once: by meaning (the embedding of the
    question against every chunk, a topic scoring as its best chunk) and by
    words (BM25 over each topic's whole page, title and keywords). Misspelt
    words are mended against the pages' own words first, for both."""

    def __init__(self, index_dir: Path, encoder: Encoder) -> None:
        self._dir = index_dir
        self._encoder = encoder
        self._stamp: int | None = None
        self._load()

    def _manifest_stamp(self) -> int:
        try:
            return (self._dir / MANIFEST_FILE).stat().st_mtime_ns
        except FileNotFoundError:
            raise IndexUnavailable(f"no knowledge index in {self._dir}; run "
                              "'councilbot knowledge build'") from None

    def _load(self) -> None:
        stamp = self._manifest_stamp()
        manifest = _read_manifest(self._dir)
        if manifest is None or manifest.get("format") != FORMAT_VERSION:
            raise IndexUnavailable(f"{self._dir / MANIFEST_FILE} is unreadable; rebuild the index")
        if manifest.get("model") != self._encoder.name or \
                manifest.get("dimension") != self._encoder.dimension:
            raise IndexUnavailable(
                f"the index in {self._dir} was built with {manifest.get('model')!r}, "
                f"not {self._encoder.name!r}; rebuild it")
        index = faiss.read_index(str(self._dir / INDEX_FILE))
        lines = (self._dir / CHUNKS_FILE).read_text(encoding="utf-8").splitlines()
        chunks = [Chunk(**json.loads(line)) for line in lines if line.strip()]
        if index.ntotal != len(chunks):
            raise IndexUnavailable(f"the index in {self._dir} is damaged; rebuild it")
        residents_words = manifest.get("residents_words") or {}
        words = Vocabulary(chunks, residents_words)
        vectors = index.reconstruct_n(0, index.ntotal) if index.ntotal else np.zeros((0, 1), "float32")
        self._index, self._chunks, self._stamp, self._words = index, chunks, stamp, words
        self._vectors = vectors
        self._residents = ResidentsWords(residents_words)
        self.manifest = manifest
        logger.info("knowledge index loaded: %d chunks", len(chunks))

    def _refresh(self) -> None:
        try:
            if self._manifest_stamp() != self._stamp:
                self._load()
        except (IndexUnavailable, OSError, RuntimeError) as exc:
            logger.warning("kept the previous knowledge index: %s", exc)

    def mend(self, query: str) -> str:
        """The question with misspelt words mended against the pages' words."""
        self._refresh()
        return self._words.mender.mend(query)

    def search(self, query: str, top_k: int | None = None) -> list[Hit]:
        """Best chunks for `query` by embedding alone, highest cosine first
        (all of them if no `top_k`: a flat index of a council's pages is
        small)."""
        self._refresh()
        if not query.strip() or not self._chunks:
            return []
        k = len(self._chunks) if top_k is None else min(top_k, len(self._chunks))
        scores, ids = self._index.search(self._encoder.encode([query]), k)
        return [Hit(self._chunks[i], float(s)) for s, i in zip(scores[0], ids[0], strict=True)
                if i >= 0]

    def search_topics(self, query: str, top_k: int = 3) -> list[TopicHit]:
        """The `top_k` best topics for a question, each with its best
        section. A topic's score is its best chunk's cosine plus
        LEXICAL_WEIGHT times its page's BM25 score over the best page's."""
        return self.find(query, top_k).topics

    def find(self, query: str, top_k: int = 3) -> Found:
        """The best topics, and the directory entry (knowledge/elsewhere.yml)
        that fits best, scored the same way."""
        self._refresh()
        words = self._words
        mended = self._residents.expand(words.mender.mend(query))
        if not mended.strip() or not self._chunks:
            return Found([], None)
        cosines = self._vectors @ self._encoder.encode([mended])[0]
        page_words = _scaled(words.pages.scores(mended))
        entry_words = _scaled(words.entries.scores(mended))
        similarity: dict[str, float] = {}
        best_chunk: dict[str, tuple[float, Chunk]] = {}
        for i, chunk in enumerate(self._chunks):
            doc = chunk.doc_id
            similarity[doc] = max(similarity.get(doc, -1.0), float(cosines[i]))
            if chunk.kind in ("section", "elsewhere"):
                fit = float(cosines[i])
                if doc not in best_chunk or fit > best_chunk[doc][0]:
                    best_chunk[doc] = (fit, chunk)
        scored = {doc: similarity[doc] + LEXICAL_WEIGHT * float(
                      page_words[words.page_of[doc]] if doc in words.page_of
                      else entry_words[words.entry_of[doc]])
                  for doc in best_chunk}

        def hit(doc: str) -> TopicHit:
            chunk = best_chunk[doc][1]
            return TopicHit(doc_id=doc, title=chunk.title, url=chunk.url, path=chunk.path,
                            score=scored[doc], passage=chunk, similarity=similarity[doc],
                            coverage=words.coverage(mended, doc))

        topics = sorted((d for d in scored if not d.startswith(ELSEWHERE_PREFIX)), key=lambda d: -scored[d])
        # Re-ordered, but the scores stay comparable with the directory's.
        apart = self._telling_apart(mended, topics[:SIBLINGS], best_chunk)
        topics.sort(key=lambda d: -(scored[d] + apart.get(d, 0.0)))
        others = sorted((d for d in scored if d.startswith(ELSEWHERE_PREFIX)), key=lambda d: -scored[d])
        return Found([hit(d) for d in topics[:top_k]], hit(others[0]) if others else None)

    def _telling_apart(self, mended: str, siblings: list[str],
                       best_chunk: dict[str, tuple[float, Chunk]]) -> dict[str, float]:
        """SIBLING_WEIGHT times each sibling's best cosine with the question
        less the words their titles share (nothing when they share none,
        or when nothing telling is left)."""
        stem = self._words.pages.stem
        shared: Counter[str] = Counter()
        for doc in siblings:
            shared.update({stem(w) for w in words(best_chunk[doc][1].title) if w not in STOPWORDS})
        common = {w for w, n in shared.items() if n >= 2}
        asked = words(mended)
        left = [w for w in asked if stem(w) not in common]
        if not common or len(left) == len(asked) or all(w in STOPWORDS for w in left):
            return {}
        cosines = self._vectors @ self._encoder.encode([" ".join(left)])[0]
        best: dict[str, float] = {}
        for i, chunk in enumerate(self._chunks):
            if chunk.doc_id in siblings:
                best[chunk.doc_id] = max(best.get(chunk.doc_id, -1.0), float(cosines[i]))
        return {doc: SIBLING_WEIGHT * fit for doc, fit in best.items()}

    def sections_of(self, doc_id: str) -> list[Chunk]:
        """A topic's sections in the order the file gives them."""
        self._refresh()
        return [c for c in self._chunks if c.doc_id == doc_id and c.kind == "section"]

    def section(self, ref: str) -> Chunk | None:
        """A section by its id (`topic#section`), or a topic's opening section
        by the topic id: for when a resident picks one from a button."""
        self._refresh()
        if "#" in ref:
            return next((c for c in self._chunks if c.id == ref and c.kind == "section"), None)
        return next((c for c in self._chunks if c.doc_id == ref and c.kind == "section"), None)
