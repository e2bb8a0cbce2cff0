"""What the report needs from the knowledge files: each page's title, each
section's heading (by the same `topic#section` id the answers carry), the
names in the directory of things answered elsewhere, and when each page was
last reviewed. A page or section since removed simply has no title."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from bot.knowledge.chunks import chunk_document
from bot.knowledge.documents import Document, Report, load_documents
from bot.knowledge.elsewhere import PREFIX as ELSEWHERE_PREFIX
from bot.knowledge.elsewhere import load_elsewhere


@dataclass(frozen=True)
class Pages:
    directory: Path
    documents: list[Document] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    headings: dict[str, str] = field(default_factory=dict)
    # Knowledge files whose front matter could not be read.
    unreadable: int = 0

    @property
    def found(self) -> bool:
        return self.directory.is_dir() and any(self.directory.glob("*.md"))

    def title(self, ref: str | None) -> str | None:
        """A topic's title, or a directory entry's name (`elsewhere:<id>`)."""
        return self.titles.get(ref) if ref else None

    def heading(self, section_id: str | None) -> str | None:
        return self.headings.get(section_id) if section_id else None


def load_pages(directory: Path, today: dt.date) -> Pages:
    if not directory.is_dir():
        return Pages(directory)
    documents, _ = load_documents(directory, today)
    titles = {d.id: d.title for d in documents}
    headings = {c.id: c.heading for d in documents for c in chunk_document(d, d.path.name)
                if c.kind == "section"}
    for entry in load_elsewhere(directory, Report()):
        titles[ELSEWHERE_PREFIX + entry.id] = entry.name
    unreadable = len(list(directory.glob("*.md"))) - len(documents)
    return Pages(directory, documents, titles, headings, unreadable)
