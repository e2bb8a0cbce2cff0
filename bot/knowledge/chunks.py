"""One chunk per `##` section, each an answer that can stand alone, plus short
topic cards (the title, and each keyword) per file so that brief, informal
questions ("when's the dump open") still find their topic."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from bot.knowledge.documents import Document
from bot.knowledge.elsewhere import FILE_NAME, PREFIX, Elsewhere

# Bump when chunking changes, so the next build re-embeds everything.
CHUNKER_VERSION = "heading-v4"

# How placeholders read in words: what is embedded, and what the reading
# grade scores.
PLACEHOLDER_WORDS = {
    "council_name": "the council",
    "council_phone": "the council's phone number",
    "council_website": "the council website",
    "opening_hours": "opening hours",
    "contact_url": "the contact page",
    "privacy_notice_url": "the privacy notice",
    "dpo_email": "the data protection officer",
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


@dataclass(frozen=True)
class Chunk:
    id: str
    doc_id: str
    title: str
    heading: str
    url: str
    path: str
    service_area: str
    # "section" (answerable), "topic" (a card: finds its topic, never answers)
    # or "elsewhere" (a directory card: something the files do not answer).
    kind: str
    text: str
    embed_text: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def in_words(text: str) -> str:
    """The text with each placeholder written as the words it stands for."""
    for name, words in PLACEHOLDER_WORDS.items():
        text = text.replace("{" + name + "}", words)
    return text


def section_refs(doc: Document) -> list[str]:
    """Each section's id in the index (`topic#section`), in the file's order."""
    refs: list[str] = []
    used: set[str] = set()
    for section in doc.sections:
        slug = _slug(section.heading)
        while slug in used:
            slug += "-more"
        used.add(slug)
        refs.append(f"{doc.id}#{slug}")
    return refs


def chunk_document(doc: Document, path_label: str) -> list[Chunk]:
    chunks = [
        Chunk(id=f"{doc.id}#topic-{i}", doc_id=doc.id, title=doc.title, heading="",
              url=doc.url, path=path_label, service_area=doc.service_area, kind="topic",
              text="", embed_text=f"{name} ({doc.title})")
        for i, name in enumerate([doc.title, *doc.keywords])
    ]
    for ref, section in zip(section_refs(doc), doc.sections, strict=True):
        chunks.append(Chunk(
            id=ref, doc_id=doc.id, title=doc.title,
            heading=section.heading, url=doc.url, path=path_label,
            service_area=doc.service_area, kind="section", text=section.text,
            embed_text=f"{doc.title}. {section.heading}. {in_words(section.text)}",
        ))
    return chunks


def chunk_elsewhere(entry: Elsewhere) -> list[Chunk]:
    """One card per way of asking, so a question finds the entry as it
    finds a topic."""
    return [
        Chunk(id=f"{PREFIX}{entry.id}#ask-{i}", doc_id=f"{PREFIX}{entry.id}", title=entry.name,
              heading=entry.go_to, url=entry.url, path=FILE_NAME, service_area="", kind="elsewhere",
              text="", embed_text=f"{ask} ({entry.name})")
        for i, ask in enumerate([entry.name, *entry.asks])
    ]
