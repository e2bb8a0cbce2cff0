"""Turns Rasa's REST replies into the gateway's message shape:
`{"text", "buttons"?, "sources"?, "download"?, "answer"?}`. Custom actions send their
full message as a `json_message`, which Rasa's REST channel returns under
`custom`."""

from __future__ import annotations

import re
from typing import Any

# The only link an action may offer as a download: a conversation's own copy.
TRANSCRIPT_URL = re.compile(r"^/api/sessions/[0-9a-f]{32}/transcript$")
# A knowledge file's id, or one of its sections (`topic#section`).
KNOWLEDGE_ID = re.compile(r"^[a-z0-9-]+(#[a-z0-9-]+)?$")
# A knowledge file's or a directory entry's id alone.
ENTRY_ID = re.compile(r"^[a-z0-9-]{1,80}$")
# Why a reply is not an answer (bot/answers.py), for the editors' report.
DECLINED = ("not_sure", "elsewhere")


def _buttons(raw: Any) -> list[dict[str, str]]:
    if not isinstance(raw, list):
        return []
    return [
        {"title": str(b["title"]), "payload": str(b["payload"])}
        for b in raw
        if isinstance(b, dict) and b.get("title") and b.get("payload")
    ]


def _sources(raw: Any) -> list[dict[str, str]]:
    if not isinstance(raw, list):
        return []
    return [
        {"title": str(s["title"]), "url": str(s["url"])}
        for s in raw
        if isinstance(s, dict) and s.get("title") and str(s.get("url", "")).startswith("https://")
    ]


def _download(raw: Any) -> dict[str, str] | None:
    if not isinstance(raw, dict) or not raw.get("title"):
        return None
    url = str(raw.get("url", ""))
    return {"title": str(raw["title"]), "url": url} if TRANSCRIPT_URL.match(url) else None


def _declined(raw: dict[str, Any]) -> dict[str, Any]:
    declined: dict[str, Any] = {"confident": False}
    if raw.get("declined") in DECLINED:
        declined["declined"] = raw["declined"]
    guess = raw.get("guess")
    if isinstance(guess, str) and ENTRY_ID.match(guess):
        declined["guess"] = guess
    return declined


def _answer(raw: Any) -> dict[str, Any] | None:
    """What an answer came from: `{"confident": true, "topic", "section"?,
    "low"?}` for an answer from the knowledge files (it may be rated), or
    `{"confident": false, "declined"?, "guess"?}` for a "not sure" reply or
    a signpost. Anything else is dropped."""
    if not isinstance(raw, dict) or not isinstance(raw.get("confident"), bool):
        return None
    if not raw["confident"]:
        return _declined(raw)
    topic, section = raw.get("topic"), raw.get("section")
    if not isinstance(topic, str) or not KNOWLEDGE_ID.match(topic) or len(topic) > 80:
        return None
    answer: dict[str, Any] = {"confident": True, "topic": topic}
    if isinstance(section, str) and KNOWLEDGE_ID.match(section) and len(section) <= 160:
        answer["section"] = section
    if raw.get("low") is True:
        answer["low"] = True
    return answer


HANDOFF_REASONS = ("request", "failed_turns", "sensitive")


def _bodies(replies: Any) -> list[dict[str, Any]]:
    bodies = []
    for reply in replies if isinstance(replies, list) else []:
        if isinstance(reply, dict):
            bodies.append(reply.get("custom") if isinstance(reply.get("custom"), dict) else reply)
    return bodies


def handoff_signal(replies: Any) -> str | None:
    """The reason of a handoff an action asked for (`{"handoff": {"reason"}}`
    in its json_message), if any."""
    for body in _bodies(replies):
        signal = body.get("handoff")
        if isinstance(signal, dict) and signal.get("reason") in HANDOFF_REASONS:
            return str(signal["reason"])
    return None


def to_messages(replies: Any) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = []
    for body in _bodies(replies):
        text = body.get("text")
        if not isinstance(text, str) or not text.strip():
            continue
        message: dict[str, Any] = {"text": text}
        if buttons := _buttons(body.get("buttons")):
            message["buttons"] = buttons
        if sources := _sources(body.get("sources")):
            message["sources"] = sources
        if download := _download(body.get("download")):
            message["download"] = download
        if answer := _answer(body.get("answer")):
            message["answer"] = answer
        messages.append(message)
    return messages
