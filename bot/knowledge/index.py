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
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import faiss
import numpy as np

from bot.knowledge.chunks import CHUNKER_VERSION, Chunk, chunk_document
from bot.knowledge.documents import Report, load_documents

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


def build_index(knowledge_dir: Path, index_dir: Path, encoder: Encoder) -> BuildResult:
    """Validates the knowledge files and, if they are sound, writes the index."""
    documents, report = load_documents(knowledge_dir)
    if not report.ok:
        return BuildResult(0, len(documents), 0, 0, report)
    hashes = {d.path.name: _file_hash(d.path) for d in documents}
    chunks = [c for d in documents for c in chunk_document(d, d.path.name)]
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
    """A topic and the section of it that best answers the question."""

    doc_id: str
    title: str
    url: str
    path: str
    score: float
    passage: Chunk


class KnowledgeIndex:
    """Read side. Reloads by itself when a rebuild replaces the manifest, so
    the running assistant picks up editors' changes without a restart."""

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
        self._index, self._chunks, self._stamp = index, chunks, stamp
        self.manifest = manifest
        logger.info("knowledge index loaded: %d chunks", len(chunks))

    def _refresh(self) -> None:
        try:
            if self._manifest_stamp() != self._stamp:
                self._load()
        except (IndexUnavailable, OSError, RuntimeError) as exc:
            logger.warning("kept the previous knowledge index: %s", exc)

    def search(self, query: str, top_k: int | None = None) -> list[Hit]:
        """Best chunks for `query`, highest cosine first (all of them if no
        `top_k`: a flat index of a council's pages is small)."""
        self._refresh()
        if not query.strip() or not self._chunks:
            return []
        k = len(self._chunks) if top_k is None else min(top_k, len(self._chunks))
        scores, ids = self._index.search(self._encoder.encode([query]), k)
        return [Hit(self._chunks[i], float(s)) for s, i in zip(scores[0], ids[0], strict=True)
                if i >= 0]

    def search_topics(self, query: str, top_k: int = 3) -> list[TopicHit]:
        """The `top_k` best topics; a topic scores as its best chunk, and
        answers with its best section."""
        best: dict[str, float] = {}
        passage: dict[str, Chunk] = {}
        for hit in self.search(query):
            doc = hit.chunk.doc_id
            best.setdefault(doc, hit.score)
            if hit.chunk.kind == "section":
                passage.setdefault(doc, hit.chunk)
        ranked = sorted((d for d in best if d in passage), key=lambda d: -best[d])[:top_k]
        return [
            TopicHit(doc_id=d, title=passage[d].title, url=passage[d].url, path=passage[d].path,
                     score=best[d], passage=passage[d])
            for d in ranked
        ]

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
