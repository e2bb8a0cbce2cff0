"""Small knowledge folders for the editors' checks: one section written
plainly, one written as hard as it gets."""

from __future__ import annotations

from pathlib import Path

HARD = (
    "Applications for discretionary financial assistance are considered individually, taking "
    "into consideration the applicant's circumstances, including household composition, income, "
    "expenditure, accumulated indebtedness and vulnerability, and determinations are "
    "communicated following comprehensive verification of supporting documentation."
)
PLAIN = (
    "You can ask us for help with your bills. Tell us who lives with you. Tell us what money "
    "comes in each week. We will look at what you send. Then we will write to you. It can take "
    "two weeks. Call {council_phone} if you need help."
)
# About grade 9.5: between the two.
MIDDLING = (
    "Housing Benefit helps people on a low income pay their rent. Most people of working age now "
    "claim Universal Credit instead, but pensioners can still apply to the council for Housing "
    "Benefit."
)
# The line of the second section's heading in a file `knowledge_file` writes.
SECOND_HEADING_LINE = 13


def knowledge_file(directory: Path, doc_id: str, sections: dict[str, str]) -> Path:
    """Writes `<doc_id>.md` with these sections; returns the folder."""
    directory.mkdir(parents=True, exist_ok=True)
    body = "".join(f"## {heading}\n\n{text}\n\n" for heading, text in sections.items())
    (directory / f"{doc_id}.md").write_text(
        f"---\nid: {doc_id}\ntitle: Help with bills\n"
        f"url: https://www.northbrook.example.gov.uk/{doc_id}\n"
        "service_area: Benefits and support\nlast_reviewed: 2026-11-01\n---\n\n" + body,
        encoding="utf-8")
    return directory
