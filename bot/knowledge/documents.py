"""Reads and checks the council's knowledge files (Markdown + YAML front
matter), giving editors errors that name the file, the line and the fix."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SERVICE_AREAS = (
    "Waste and recycling", "Council tax", "Benefits and support", "Housing",
    "Roads, travel and parking", "Planning and building",
    "Environment and community safety", "Libraries and culture",
    "Births, deaths and marriages", "Education and schools", "Adult social care",
    "Children and families", "Elections and voting", "Business and licensing",
    "Your council",
)
PLACEHOLDER_NAMES = frozenset({
    "council_name", "council_phone", "council_website", "opening_hours",
    "contact_url", "privacy_notice_url", "dpo_email",
})
REQUIRED_KEYS = ("id", "title", "url", "service_area", "last_reviewed")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
MIN_SECTION_WORDS = 15
MAX_SECTION_WORDS = 200
STALE_AFTER_DAYS = 365


@dataclass(frozen=True)
class Section:
    heading: str
    text: str  # on one line, spaces collapsed
    line: int
    # As written, line breaks and all: where list items and paragraphs are.
    markdown: str = ""


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    url: str
    service_area: str
    last_reviewed: dt.date
    keywords: tuple[str, ...]
    path: Path
    sections: tuple[Section, ...]


@dataclass
class Report:
    """Problems found in the knowledge files. Errors stop a build; warnings
    are things an editor should look at soon."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _split_front_matter(text: str) -> tuple[str, str, int] | None:
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 4)
    if end < 0:
        return None
    front = text[4:end]
    body_start_line = front.count("\n") + 4
    return front, text[end + 5:], body_start_line


def _sections(body: str, first_line: int) -> tuple[list[Section], list[tuple[int, str]]]:
    sections: list[Section] = []
    problems: list[tuple[int, str]] = []
    heading: str | None = None
    heading_line = 0
    lines: list[str] = []

    def flush() -> None:
        text = " ".join(" ".join(lines).split())
        if heading is not None:
            sections.append(Section(heading, text, heading_line, "\n".join(lines).strip()))
        elif text:
            problems.append((first_line, "text before the first '## ' heading; "
                             "start the body with a '## ' heading"))

    for offset, line in enumerate(body.splitlines()):
        number = first_line + offset
        if line.startswith("## "):
            flush()
            heading, heading_line, lines = line[3:].strip(), number, []
        elif line.startswith("# "):
            problems.append((number, "a '# ' heading: the title comes from the front "
                             "matter, so use '## ' for sections"))
        else:
            lines.append(line)
    flush()
    return sections, problems


def parse_document(path: Path, report: Report, today: dt.date | None = None) -> Document | None:
    """Parses one file, adding what is wrong with it to `report`."""
    today = today or dt.date.today()
    name = path.as_posix()

    def error(line: int, message: str) -> None:
        report.errors.append(f"{name}:{line}: {message}")

    try:
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        error(1, "is not UTF-8 text; save it as UTF-8")
        return None
    split = _split_front_matter(text)
    if split is None:
        error(1, "has no front matter; start the file with '---', the keys "
              f"({', '.join(REQUIRED_KEYS)}), then '---'")
        return None
    front_text, body, body_line = split
    try:
        front = yaml.safe_load(front_text)
    except yaml.YAMLError as exc:
        error(2, f"front matter is not valid YAML ({exc.__class__.__name__}); check quotes and colons")
        return None
    if not isinstance(front, dict):
        error(2, "front matter must be 'key: value' lines")
        return None
    missing = [k for k in REQUIRED_KEYS if not front.get(k)]
    for key in missing:
        error(2, f"front matter is missing '{key}'")
    if missing:
        return None

    doc_id = str(front["id"])
    if not ID_PATTERN.match(doc_id):
        error(2, f"id '{doc_id}' must be lowercase words joined by hyphens")
    if path.stem != doc_id:
        error(2, f"id '{doc_id}' must match the file name; rename the file to {doc_id}.md")
    url = str(front["url"])
    if not url.startswith("https://"):
        error(2, f"url '{url}' must start with https://")
    area = str(front["service_area"])
    if area not in SERVICE_AREAS:
        error(2, f"service_area '{area}' is not one of: {', '.join(SERVICE_AREAS)}")
    reviewed = front["last_reviewed"]
    if not isinstance(reviewed, dt.date):
        error(2, "last_reviewed must be a date written as YYYY-MM-DD")
        reviewed = today
    elif reviewed > today:
        error(2, f"last_reviewed {reviewed} is in the future")
    elif (today - reviewed).days > STALE_AFTER_DAYS:
        report.warnings.append(f"{name}: last reviewed {reviewed}, over a year ago; "
                               "check it is still right")
    keywords = front.get("keywords") or []
    if not isinstance(keywords, list):
        error(2, "keywords must be a list, like: keywords: [tip, dump]")
        keywords = []

    sections, problems = _sections(body, body_line)
    for line, message in problems:
        error(line, message)
    if not sections:
        error(body_line, "has no '## ' sections; each answer needs its own section")
    for section in sections:
        words = len(section.text.split())
        if words < MIN_SECTION_WORDS:
            error(section.line, f"section '{section.heading}' has {words} words; "
                  f"write at least {MIN_SECTION_WORDS} so it can stand alone")
        elif words > MAX_SECTION_WORDS:
            error(section.line, f"section '{section.heading}' has {words} words; "
                  f"split it so each section is at most {MAX_SECTION_WORDS}")
        for placeholder in _PLACEHOLDER.findall(section.text):
            if placeholder not in PLACEHOLDER_NAMES:
                error(section.line, f"unknown placeholder '{{{placeholder}}}'; use one of "
                      + ", ".join("{" + p + "}" for p in sorted(PLACEHOLDER_NAMES)))
    return Document(
        id=doc_id, title=str(front["title"]), url=url, service_area=area,
        last_reviewed=reviewed, keywords=tuple(str(k) for k in keywords),
        path=path, sections=tuple(sections),
    )


def load_documents(directory: Path, today: dt.date | None = None) -> tuple[list[Document], Report]:
    report = Report()
    paths = sorted(directory.glob("*.md"))
    if not paths:
        report.errors.append(f"{directory}: no knowledge files (*.md) found")
    documents = [d for p in paths if (d := parse_document(p, report, today)) is not None]
    seen: dict[str, Path] = {}
    for doc in documents:
        if doc.id in seen:
            report.errors.append(f"{doc.path}: id '{doc.id}' is also used by {seen[doc.id]}")
        seen[doc.id] = doc.path
    return documents, report
