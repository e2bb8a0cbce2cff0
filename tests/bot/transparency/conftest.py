"""A transparency record's sources in a temporary directory: a fake Rasa
environment and model archive, and an index manifest, each made on demand."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest

from bot.transparency import Sources


def write_model(models_dir: Path, metadata: dict | None, name: str = "councilbot.tar.gz") -> Path:
    models_dir.mkdir(parents=True, exist_ok=True)
    path = models_dir / name
    with tarfile.open(path, "w:gz") as archive:
        files = {"components/x/readme.txt": b"x"}
        if metadata is not None:
            files["metadata.json"] = json.dumps(metadata).encode()
        for member, data in files.items():
            info = tarfile.TarInfo(member)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def write_rasa_venv(venv: Path, version: str) -> Path:
    dist = venv / "lib" / "python3.10" / "site-packages" / f"rasa-{version}.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: rasa\nVersion: {version}\n")
    return venv


def write_index(index_dir: Path, documents: int = 2) -> Path:
    index_dir.mkdir(parents=True, exist_ok=True)
    manifest = {"format": 1, "model": "sentence-transformers/all-MiniLM-L6-v2", "dimension": 384,
                "metric": "inner_product", "built_at": "2026-11-22T02:07:30+00:00",
                "documents": documents, "chunks": 5, "files": {}}
    (index_dir / "manifest.json").write_text(json.dumps(manifest))
    chunks = [{"doc_id": "libraries", "title": "Libraries", "url": "https://example.gov.uk/libraries",
               "service_area": "Libraries and culture"},
              {"doc_id": "libraries", "title": "Libraries", "url": "https://example.gov.uk/libraries",
               "service_area": "Libraries and culture"},
              {"doc_id": "missed-bin", "title": "Report a missed bin",
               "url": "https://example.gov.uk/bins", "service_area": "Waste and recycling"}]
    (index_dir / "chunks.jsonl").write_text("\n".join(json.dumps(c) for c in chunks) + "\n")
    return index_dir


@pytest.fixture()
def sources(tmp_path) -> Sources:
    """Everything present: a model, a Rasa environment and an index."""
    write_model(tmp_path / "models", {"rasa_open_source_version": "3.6.21",
                                      "trained_at": "2026-11-22T05:46:49.202312", "language": "en",
                                      "domain": {"intents": ["greet", "goodbye", "ask_service"]}})
    write_rasa_venv(tmp_path / "venv-rasa", "3.6.21")
    write_index(tmp_path / "index")
    return Sources(index_dir=tmp_path / "index", models_dir=tmp_path / "models",
                   rasa_venv_dir=tmp_path / "venv-rasa", answer_min_score=0.45)


@pytest.fixture()
def bare_sources(tmp_path) -> Sources:
    """A fresh machine: nothing trained, built or installed beside the project."""
    return Sources(index_dir=tmp_path / "no-index", models_dir=tmp_path / "no-models",
                   rasa_venv_dir=tmp_path / "no-venv")
