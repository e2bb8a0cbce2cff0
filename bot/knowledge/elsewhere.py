"""The directory of things the knowledge files do not answer
(knowledge/elsewhere.yml): who deals with each instead. Read with the
knowledge files, checked by the same command, and indexed beside them as
cards that can be found but never answer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.knowledge.documents import ID_PATTERN, PLACEHOLDER_NAMES, Report

FILE_NAME = "elsewhere.yml"
KEYS = ("id", "name", "asks", "go_to", "url")
_PLACEHOLDER_URL = re.compile(r"^\{([a-z_]+)\}$")
# Chunk and topic ids of directory entries start with this, so they never
# pass for a knowledge file's id.
PREFIX = "elsewhere:"


@dataclass(frozen=True)
class Elsewhere:
    id: str
    name: str
    asks: tuple[str, ...]
    go_to: str
    url: str


def load_elsewhere(knowledge_dir: Path, report: Report) -> list[Elsewhere]:
    """The directory's entries; what is wrong with it goes into `report`.
    A knowledge folder without the file simply has no directory."""
    path = knowledge_dir / FILE_NAME
    if not path.exists():
        return []
    name = path.as_posix()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        report.errors.append(f"{name}: not readable YAML ({exc.__class__.__name__}); check quotes and colons")
        return []
    if data is None:
        return []
    if not isinstance(data, list):
        report.errors.append(f"{name}: must be a list of entries, each starting with '- id:'")
        return []
    entries: list[Elsewhere] = []
    seen: set[str] = set()
    for number, item in enumerate(data, start=1):
        where = f"{name}: entry {number}"
        if not isinstance(item, dict):
            report.errors.append(f"{where}: must be 'key: value' lines ({', '.join(KEYS)})")
            continue
        missing = [k for k in KEYS if not item.get(k)]
        if missing:
            report.errors.append(f"{where}: missing {', '.join(missing)}")
            continue
        entry_id = str(item["id"])
        if not ID_PATTERN.match(entry_id):
            report.errors.append(f"{where}: id '{entry_id}' must be lowercase words joined by hyphens")
        if entry_id in seen:
            report.errors.append(f"{where}: id '{entry_id}' is used twice")
        seen.add(entry_id)
        asks = item["asks"]
        if not isinstance(asks, list) or not all(isinstance(a, str) and a.strip() for a in asks):
            report.errors.append(f"{where}: asks must be a list of phrases, like: asks: [renew a passport]")
            continue
        url = str(item["url"])
        placeholder = _PLACEHOLDER_URL.match(url)
        if placeholder and placeholder.group(1) not in PLACEHOLDER_NAMES:
            report.errors.append(f"{where}: unknown placeholder '{url}'")
        elif not placeholder and not url.startswith("https://"):
            report.errors.append(f"{where}: url '{url}' must start with https:// or be a {{placeholder}}")
        entries.append(Elsewhere(entry_id, str(item["name"]), tuple(a.strip() for a in asks),
                                 str(item["go_to"]), url))
    return entries
