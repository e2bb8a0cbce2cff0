"""Turns a resident's (already minimised) question into an answer drawn only
from the knowledge files: the best passage, its source, and what to do when
the match is weak."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from bot.council import Council
from bot.knowledge.chunks import Chunk
from bot.knowledge.index import KnowledgeIndex
from bot.replies import TALK_TO_A_PERSON, human_button

_PLACEHOLDER_TOKEN = re.compile(r"<[A-Z_]+>")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
MAX_PASSAGE_CHARS = 700
# A runner-up topic this close to the best is offered as a button too.
RELATED_MARGIN = 0.06
MAX_BUTTONS = 3

NOT_SURE = (
    "I'm not sure I have the right answer to that. Is it about one of these? "
    f'If not, try asking in a different way, or choose "{TALK_TO_A_PERSON}".'
)
UNKNOWN_TOPIC = (
    "Sorry, I couldn't find that topic. Please type your question, or choose "
    f'"{TALK_TO_A_PERSON}".'
)


@dataclass(frozen=True)
class Answer:
    text: str
    confident: bool
    sources: list[dict[str, str]] = field(default_factory=list)
    buttons: list[dict[str, str]] = field(default_factory=list)
    topic_id: str | None = None

    def as_message(self) -> dict[str, object]:
        message: dict[str, object] = {"text": self.text}
        if self.sources:
            message["sources"] = self.sources
        if self.buttons:
            message["buttons"] = self.buttons
        return message


def topic_payload(topic_id: str) -> str:
    return "/ask_service" + json.dumps({"topic_id": topic_id}, separators=(",", ":"))


def choice(title: str, ref: str) -> dict[str, str]:
    """A button that asks for a topic (`topic-id`) or one of its sections."""
    return {"title": title, "payload": topic_payload(ref)}


def shorten(text: str, limit: int = MAX_PASSAGE_CHARS) -> str:
    """Whole sentences up to `limit` characters: a few sentences, not a page."""
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in _SENTENCE_END.split(text):
        if kept and len(kept) + 1 + len(sentence) > limit:
            break
        kept = f"{kept} {sentence}".strip()
    return kept if len(kept) <= limit else kept[: limit - 1].rsplit(" ", 1)[0] + "…"


class Answerer:
    def __init__(self, index: KnowledgeIndex, council: Council, min_score: float) -> None:
        self._index = index
        self._council = council
        self._min_score = min_score

    def _render(self, chunk: Chunk) -> str:
        text = chunk.text
        for name, value in self._council.placeholders().items():
            text = text.replace("{" + name + "}", value)
        return shorten(text)

    def _next_steps(self, chunk: Chunk) -> list[dict[str, str]]:
        """The sections after this one on its page, in the page's order."""
        sections = self._index.sections_of(chunk.doc_id)
        position = sections.index(chunk)
        following = sections[position + 1:] + sections[:position]
        return [choice(c.heading, c.id) for c in following[:2]]

    def _answer_from(self, chunk: Chunk, related: list[dict[str, str]]) -> Answer:
        return Answer(
            text=self._render(chunk),
            confident=True,
            sources=[{"title": chunk.title, "url": chunk.url}],
            buttons=(self._next_steps(chunk) + related)[:MAX_BUTTONS],
            topic_id=chunk.doc_id,
        )

    def answer(self, question: str) -> Answer:
        query = " ".join(_PLACEHOLDER_TOKEN.sub(" ", question).split())
        topics = self._index.search_topics(query, top_k=3) if query else []
        if not topics or topics[0].score < self._min_score:
            return Answer(
                text=NOT_SURE,
                confident=False,
                buttons=[choice(t.title, t.doc_id) for t in topics] + [human_button()],
            )
        best = topics[0]
        # After the page's next steps, neighbouring topics that matched
        # almost as well.
        related = [
            choice(t.title, t.doc_id)
            for t in topics[1:]
            if t.score >= self._min_score and best.score - t.score <= RELATED_MARGIN
        ]
        return self._answer_from(best.passage, related)

    def answer_topic(self, ref: str) -> Answer:
        """Answers a button choice: a topic id, or `topic#section`."""
        chunk = self._index.section(ref)
        if chunk is None:
            return Answer(text=UNKNOWN_TOPIC, confident=False, buttons=[human_button()])
        return self._answer_from(chunk, [])
