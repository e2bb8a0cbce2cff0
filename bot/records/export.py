"""A resident's copy of their conversation: exactly what is stored, which is
the minimised text (personal details show as placeholders such as
`<EMAIL>`), with the time and who spoke. As plain text to read, or JSON."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select

from bot.db.tables import messages, sessions

FORMATS = ("text", "json")
SPEAKERS = {"resident": "You", "assistant": "Assistant", "system": "Assistant"}
CONTACT_TEAM = "Contact team"


@dataclass(frozen=True)
class Line:
    at: dt.datetime
    sender: str
    speaker: str
    text: str
    sources: tuple[dict[str, str], ...] = ()


@dataclass(frozen=True)
class Export:
    filename: str
    content_type: str
    body: str


def speaker(sender: str, agent_name: str | None) -> str:
    if sender == "agent":
        return agent_name or CONTACT_TEAM
    return SPEAKERS.get(sender, "Assistant")


def _sources(extra: str | None) -> tuple[dict[str, str], ...]:
    found = json.loads(extra or "{}").get("sources") or ()
    return tuple({"title": str(s.get("title") or ""), "url": str(s.get("url") or "")}
                 for s in found if isinstance(s, dict))


@dataclass(frozen=True)
class Transcript:
    session_id: str
    started_at: dt.datetime
    lines: tuple[Line, ...]

    def filename(self, extension: str) -> str:
        return f"conversation-{self.started_at:%Y-%m-%d}-{self.session_id[:8]}.{extension}"

    def as_text(self, council_name: str, exported_at: dt.datetime, zone: ZoneInfo | dt.timezone) -> str:
        def when(at: dt.datetime) -> str:
            return at.astimezone(zone).strftime("%d %b %Y %H:%M")

        zone_name = "UK time" if str(zone) == "Europe/London" else str(zone)
        out = [
            f"Your conversation with {council_name}'s automated assistant",
            f"Conversation {self.session_id}",
            f"Copy made {when(exported_at)} ({zone_name}; every time below is {zone_name} too).",
            "Personal details were removed before anything was stored, so they show as "
            "placeholders such as <EMAIL> or <POSTCODE>.",
            "",
        ]
        for line in self.lines:
            out.append(f"[{when(line.at)}] {line.speaker}: {line.text}")
            out.extend(f"    Source: {s['title']} ({s['url']})" for s in line.sources)
        return "\n".join(out) + "\n"

    def as_json(self, council_name: str, exported_at: dt.datetime) -> dict[str, Any]:
        def entry(line: Line) -> dict[str, Any]:
            item: dict[str, Any] = {"at": line.at.isoformat(), "from": line.sender,
                                    "speaker": line.speaker, "text": line.text}
            if line.sources:
                item["sources"] = list(line.sources)
            return item

        return {"session_id": self.session_id, "council": council_name,
                "exported_at": exported_at.isoformat(), "messages": [entry(x) for x in self.lines]}

    def export(self, fmt: str, council_name: str, exported_at: dt.datetime,
               zone: ZoneInfo | dt.timezone = dt.UTC) -> Export:
        if fmt == "json":
            body = json.dumps(self.as_json(council_name, exported_at), ensure_ascii=False, indent=2)
            return Export(self.filename("json"), "application/json; charset=utf-8", body + "\n")
        if fmt == "text":
            return Export(self.filename("txt"), "text/plain; charset=utf-8",
                          self.as_text(council_name, exported_at, zone))
        raise ValueError(f"unknown transcript format {fmt!r}: use one of {', '.join(FORMATS)}")


def load_transcript(engine: Engine, session_id: str) -> Transcript | None:
    """None if the gateway holds no such conversation."""
    with engine.connect() as conn:
        started = conn.execute(select(sessions.c.created_at)
                               .where(sessions.c.id == session_id)).scalar_one_or_none()
        if started is None:
            return None
        rows = conn.execute(select(messages).where(messages.c.session_id == session_id)
                            .order_by(messages.c.seq)).all()
    return Transcript(session_id, started, tuple(
        Line(r.created_at, r.sender, speaker(r.sender, r.agent_name), r.text, _sources(r.extra))
        for r in rows))
