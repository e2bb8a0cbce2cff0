"""The labelled sentences the safety net's classifier learns from.

Three sources, all data a safeguarding lead can read:

- every category's `exemplars` and the table's `negatives` in
  `categories.yaml`;
- `training/*.jsonl`: residents' messages written for training, one JSON
  object a line, `{"text": ..., "category": <id or null>, "style": ...}`.

A message of several sentences is split into the pieces the detector judges
(see segment.py). Every piece of a harmless message is harmless, so those
pieces all become negatives; a sensitive message's crisis may sit in only
one of its sentences, so a sensitive message longer than one piece is left
out of training rather than teach the model that talk of bins is a crisis.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from bot.safety.categories import CATEGORIES, SafetyTable
from bot.safety.segment import sentences


@dataclass(frozen=True)
class Example:
    text: str
    category: str | None
    style: str = ""


def training_files(directory: Path | None = None) -> list[Path]:
    if directory is None:
        directory = Path(str(resources.files("bot.safety").joinpath("training")))
    return sorted(Path(directory).glob("*.jsonl"))


def read_messages(path: Path) -> list[Example]:
    """One file's messages; a bad line fails with the file and line named."""
    examples: list[Example] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"safety training {path.name} line {number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{where}: not valid JSON ({error.msg})") from None
        if not isinstance(row, dict):
            raise ValueError(f"{where}: must be a JSON object")
        text, category = row.get("text"), row.get("category")
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{where}: 'text' must be a non-empty string")
        if category is not None and category not in CATEGORIES:
            raise ValueError(f"{where}: unknown category {category!r}")
        style = row.get("style") or ""
        if not isinstance(style, str):
            raise ValueError(f"{where}: 'style' must be a string")
        examples.append(Example(text.strip(), category, style))
    return examples


def table_examples(table: SafetyTable) -> list[Example]:
    """The table's exemplars and negatives."""
    return [Example(e, c.id) for c in table.categories for e in c.exemplars] + [
        Example(n, None) for n in table.negatives
    ]


def training_examples(table: SafetyTable, directory: Path | None = None) -> list[Example]:
    """Everything the classifier is trained on, as single pieces."""
    examples = table_examples(table)
    for path in training_files(directory):
        examples += training_pieces(read_messages(path))
    return unique(examples)


def unique(examples: Iterable[Example]) -> list[Example]:
    seen: set[tuple[str, str | None]] = set()
    kept = []
    for example in examples:
        key = (example.text.lower(), example.category)
        if key not in seen:
            seen.add(key)
            kept.append(example)
    return kept


def training_pieces(messages: Iterable[Example]) -> list[Example]:
    """Messages as the pieces the classifier learns from (see the module
    docstring)."""
    out: list[Example] = []
    for message in messages:
        parts = sentences(message.text)
        if len(parts) <= 1:
            out.append(message)
        elif message.category is None:
            out.extend(Example(p, None) for p in parts)
    return out
