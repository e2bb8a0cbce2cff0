"""What is actually installed and built on this machine, read at run time so
the transparency record can never drift from the running system.

Nothing here loads a model or imports Rasa: versions come from package
metadata, the Rasa model's facts from the `metadata.json` inside its
archive, and the knowledge index's from its manifest. Whatever is missing or
unreadable is reported as such, never raised.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.metadata as metadata
import json
import logging
import tarfile
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

MANIFEST_FILE = "manifest.json"
CHUNKS_FILE = "chunks.jsonl"
RASA_METADATA = "metadata.json"
MAX_METADATA_BYTES = 5 * 1024 * 1024


def package_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def package_file(name: str, relative: str) -> Path | None:
    """A file inside an installed distribution, found without importing it."""
    try:
        files = metadata.distribution(name).files or []
    except metadata.PackageNotFoundError:
        return None
    for file in files:
        if str(file) == relative:
            return Path(str(file.locate()))
    return None


def spacy_model(package: str, module: str) -> dict[str, Any]:
    """The spaCy pipeline's own name and version, from its `meta.json`."""
    version = package_version(package)
    found: dict[str, Any] = {"package": package, "version": version}
    meta_path = package_file(package, f"{module}/meta.json")
    if meta_path is None:
        return found
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return found
    found["pipeline"] = f"{meta.get('lang', '')}_{meta.get('name', '')}".strip("_") or None
    found["pipeline_version"] = meta.get("version")
    found["training_data"] = [s.get("name") for s in meta.get("sources") or [] if s.get("name")]
    return found


def sentence_model(package: str) -> dict[str, Any]:
    """The packaged embedding model's size, from its `config.json`."""
    found: dict[str, Any] = {"package": package, "version": package_version(package)}
    config_path = package_file(package, f"{package.replace('-', '_')}/model/config.json")
    if config_path is None:
        return found
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return found
    found["dimension"] = config.get("hidden_size")
    found["layers"] = config.get("num_hidden_layers")
    return found


def rasa_version(venv: Path) -> str | None:
    """Rasa's version in its own environment, read from its metadata: Rasa
    lives in a separate Python and is never imported here."""
    for site in sorted(venv.glob("lib/python3*/site-packages")):
        for dist in metadata.distributions(path=[str(site)]):
            if (dist.metadata["Name"] or "").lower() == "rasa":
                return dist.version
    return None


def latest_model(models_dir: Path) -> Path | None:
    """The model Rasa would load: the newest archive in the directory."""
    try:
        archives = [p for p in models_dir.glob("*.tar.gz") if p.is_file()]
    except OSError:
        return None
    return max(archives, key=lambda p: p.stat().st_mtime_ns, default=None)


@functools.lru_cache(maxsize=8)
def _model_metadata(path: str, stamp: int, size: int) -> dict[str, Any] | None:
    del stamp, size  # part of the cache key only
    try:
        with tarfile.open(path, "r:gz") as archive:
            for member in archive:
                if member.name.lstrip("./") == RASA_METADATA and member.isfile():
                    if member.size > MAX_METADATA_BYTES:
                        return None
                    handle = archive.extractfile(member)
                    return json.load(handle) if handle else None
    except (OSError, EOFError, tarfile.TarError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        logger.warning("could not read the Rasa model's metadata: %s", type(exc).__name__)
    return None


def _timestamp(value: Any) -> str | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(str(value)).isoformat(timespec="seconds")
    except ValueError:
        return str(value)


def rasa_model(models_dir: Path) -> dict[str, Any]:
    path = latest_model(models_dir)
    if path is None:
        return {"available": False,
                "message": "No trained dialogue model was found on this server."}
    stat = path.stat()
    meta = _model_metadata(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    found: dict[str, Any] = {"available": True, "file": path.name}
    if meta is None:
        found["message"] = "The model's details could not be read from its file."
        return found
    domain = meta.get("domain") or {}
    found.update({
        "rasa_version": meta.get("rasa_open_source_version"),
        "trained_at": _timestamp(meta.get("trained_at")),
        "language": meta.get("language"),
        "intents": len(domain.get("intents") or []),
    })
    return found


def knowledge_index(index_dir: Path) -> dict[str, Any]:
    """The index's manifest and the topics in it, with their source pages."""
    try:
        manifest = json.loads((index_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"available": False,
                "message": "The knowledge index has not been built on this server yet, so the "
                           "assistant cannot answer questions from the council's pages."}
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        return {"available": False, "message": "The knowledge index's manifest could not be read."}
    if not isinstance(manifest, dict):
        return {"available": False, "message": "The knowledge index's manifest could not be read."}
    return {
        "available": True,
        "model": manifest.get("model"),
        "dimension": manifest.get("dimension"),
        "metric": manifest.get("metric"),
        "built_at": manifest.get("built_at"),
        "documents": manifest.get("documents"),
        "chunks": manifest.get("chunks"),
        "topics": _topics(index_dir / CHUNKS_FILE),
    }


def _topics(path: Path) -> list[dict[str, str]]:
    topics: dict[str, dict[str, str]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    for line in lines:
        try:
            chunk = json.loads(line)
        except json.JSONDecodeError:
            continue
        if not isinstance(chunk, dict) or chunk.get("kind") == "elsewhere":
            continue  # the directory of things answered elsewhere: not a topic
        if chunk.get("doc_id") and chunk["doc_id"] not in topics:
            topics[chunk["doc_id"]] = {
                "title": str(chunk.get("title") or chunk["doc_id"]),
                "url": str(chunk.get("url") or ""),
                "service_area": str(chunk.get("service_area") or ""),
            }
    return sorted(topics.values(), key=lambda t: (t["service_area"], t["title"]))


@functools.lru_cache(maxsize=1)
def safety_net() -> dict[str, Any]:
    """The safety net's table and training data as they ship: changing them
    needs a restart, so they are read once."""
    try:
        from bot.safety.categories import load_table
        from bot.safety.examples import read_messages, training_files

        table = load_table()
        training = [m for path in training_files() for m in read_messages(path)]
    except (OSError, ValueError) as exc:
        logger.warning("could not read the safety net's table: %s", type(exc).__name__)
        return {"available": False, "message": "The safety net's table could not be read."}
    return {
        "available": True,
        "categories": [{"id": c.id, "label": c.label} for c in table.categories],
        "patterns": sum(len(c.patterns) for c in table.categories),
        "exemplars": sum(len(c.exemplars) for c in table.categories),
        "hard_negatives": len(table.negatives),
        "training_messages": len(training),
        "sensitive_training_messages": sum(m.category is not None for m in training),
        "threshold": table.classifier.threshold,
    }
