"""Conversations and ratings written as the gateway writes them, and
knowledge files in a folder, for the editors' report's tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import Engine

from bot.conversations import ConversationLog, Outgoing
from bot.db.tables import feedback

TODAY = dt.date(2026, 11, 23)  # the test clock's day
NOT_SURE = {"confident": False, "declined": "not_sure", "guess": "missed-bin"}
ELSEWHERE = {"confident": False, "declined": "elsewhere", "guess": "passports"}
LOW = {"confident": True, "topic": "pay-council-tax", "section": "pay-council-tax#ways-to-pay", "low": True}
SOUND = {"confident": True, "topic": "missed-bin", "section": "missed-bin#how-to-report-it"}
BODY = ("You can do this on the council website at any time of day, or call {council_phone} "
        "while the lines are open and someone will help you.\n")
# id: (title, last reviewed, section headings). Reviewed at different times before TODAY.
PAGES = {
    "missed-bin": ("Report a missed bin collection", "2026-01-10",
                   ("Check before you report", "How to report it")),
    "pay-council-tax": ("Pay your council tax", "2025-06-01", ("Ways to pay",)),
    "bulky-waste": ("Bulky waste collections", "2025-11-02", ("What we collect",)),
    "libraries": ("Libraries", "2025-12-10", ("Opening hours",)),
    "street-lights": ("Report a broken street light", "2025-11-23", ("How to report it",)),
}


class Chats:
    """Writes whole conversations: a typed question is `("ask", text)`, a
    button `("press", title)`, a reply `("reply", answer metadata or None)`."""

    def __init__(self, log: ConversationLog) -> None:
        self.log = log

    def chat(self, *turns: tuple[str, object]) -> str:
        session_id = self.log.new_id()
        self.log.open(session_id)
        self.log.append(session_id, [Outgoing("assistant", "Hello, I'm an AI.")])
        for kind, value in turns:
            if kind == "ask":
                self.log.append(session_id, [Outgoing("resident", str(value))])
            elif kind == "press":
                self.log.append(session_id, [Outgoing("resident", str(value),
                                                      {"payload": '/ask_service{"topic_id":"x"}'})])
            elif kind == "reply":
                extra = {"answer": value} if value is not None else {}
                self.log.append(session_id, [Outgoing("assistant", "A reply.", extra)])
            elif kind == "system":
                self.log.append(session_id, [Outgoing("system", str(value), {"kind": "queue"})])
            else:
                raise ValueError(kind)
        return session_id

    def asked(self, question: str, answer: dict | None = None) -> str:
        return self.chat(("ask", question), ("reply", NOT_SURE if answer is None else answer))


def rate(engine: Engine, topic: str, section: str | None, helpful: bool, reason: str | None = None,
         on: dt.date = TODAY, times: int = 1) -> None:
    with engine.begin() as conn:
        for _ in range(times):
            conn.execute(sa.insert(feedback).values(topic_id=topic, section_id=section, helpful=helpful,
                                                    reason=reason, rated_on=on))


def page(doc_id: str, title: str, reviewed: str, headings: tuple[str, ...] = ("How to do it",)) -> str:
    body = "".join(f"## {h}\n\n{BODY}\n" for h in headings)
    return (f"---\nid: {doc_id}\ntitle: {title}\nurl: https://www.northbrook.example.gov.uk/{doc_id}\n"
            f"service_area: Waste and recycling\nlast_reviewed: {reviewed}\n---\n\n{body}")


def write_knowledge(folder: Path) -> Path:
    """PAGES, a file that cannot be read, and a directory of things
    answered elsewhere."""
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, (title, reviewed, headings) in PAGES.items():
        (folder / f"{doc_id}.md").write_text(page(doc_id, title, reviewed, headings), encoding="utf-8")
    (folder / "broken.md").write_text("no front matter here\n", encoding="utf-8")
    (folder / "elsewhere.yml").write_text(
        "- id: passports\n  name: passports\n  asks: [renew my passport, passport application]\n"
        "  go_to: GOV.UK\n  url: https://www.gov.uk/browse/abroad/passports\n", encoding="utf-8")
    return folder
