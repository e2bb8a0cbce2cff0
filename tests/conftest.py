"""Shared, session-scoped real parts: the privacy engine, the embedding model
and an index of the council's own knowledge files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def council():
    from bot.council import load_council

    return load_council(ROOT / "config" / "council.yml")


@pytest.fixture(scope="session")
def redactor(council):
    from bot.privacy import build_redactor

    return build_redactor(council.own_words())


@pytest.fixture(scope="session")
def embedder():
    from bot.knowledge.embedder import Embedder

    return Embedder()


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory, embedder) -> Path:
    from bot.knowledge.index import build_index

    directory = tmp_path_factory.mktemp("index")
    result = build_index(ROOT / "knowledge", directory, embedder)
    assert result.report.ok, result.report.errors
    return directory


@pytest.fixture(scope="session")
def knowledge_index(index_dir, embedder):
    from bot.knowledge.index import KnowledgeIndex

    return KnowledgeIndex(index_dir, embedder)
