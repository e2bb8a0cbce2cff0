"""Turns a resident's (already minimised) question into an answer drawn only
from the knowledge files: the best passage, its source, and what to do when
the match is weak."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from bot.council import Council
from bot.knowledge.chunks import Chunk
from bot.knowledge.elsewhere import PREFIX as ELSEWHERE_PREFIX
from bot.knowledge.index import KnowledgeIndex, TopicHit
from bot.privacy.placeholders import without_placeholders
from bot.replies import TALK_TO_A_PERSON, human_button

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
MAX_PASSAGE_CHARS = 700
# A runner-up topic this close to the best is offered as a button too.
RELATED_MARGIN = 0.06
MAX_BUTTONS = 3
# Declining: a best page that matches under this share of the question's
# telling words needs a similarity of SURE_SIMILARITY to be answered.
MIN_COVERAGE = 0.4
SURE_SIMILARITY = 0.5
# A directory entry close enough in meaning (gibberish such as "fdsfsdf"
# comes to about 0.37 with some entry; 0.4 to 0.5 made no difference on
# tests/eval/knowledge) is chosen when it scores more than ELSEWHERE_MARGIN
# above the best topic ...
ELSEWHERE_MIN_SIMILARITY = 0.45
ELSEWHERE_MARGIN = 0.0
# ... or when it scores nearly as well (within ELSEWHERE_NEAR) and uses a
# clearly larger share of the question's telling words (ELSEWHERE_WORDS
# more): "rent an allotment" is about allotments even when the housing
# register's waiting list is close in meaning.
ELSEWHERE_NEAR = 0.1
ELSEWHERE_WORDS = 0.25

NOT_SURE = (
    "I'm not sure I have the right answer to that. Is it about one of these? "
    f'If not, try asking in a different way, or choose "{TALK_TO_A_PERSON}".'
)
# When the directory of things the pages do not answer fits best.
ELSEWHERE = (
    "I can't help with {name} here. For that, go to {go_to}: {url}. "
    f'If you still need the council, choose "{TALK_TO_A_PERSON}".'
)
UNKNOWN_TOPIC = (
    "Sorry, I couldn't find that topic. Please type your question, or choose "
    f'"{TALK_TO_A_PERSON}".'
)


@dataclass(frozen=True)
class Match:
    topics: list[TopicHit]
    confident: bool
    # A directory entry (knowledge/elsewhere.yml) that fits the question
    # better than any topic: the question is for someone else.
    elsewhere: TopicHit | None = None

    @property
    def low(self) -> bool:
        """Confident only because the page uses most of the question's
        telling words: its meaning is not close. Editors see these."""
        return self.confident and self.topics[0].similarity < SURE_SIMILARITY


@dataclass(frozen=True)
class Answer:
    text: str
    confident: bool
    sources: list[dict[str, str]] = field(default_factory=list)
    buttons: list[dict[str, str]] = field(default_factory=list)
    topic_id: str | None = None
    # The chunk the passage came from (`topic#section`), when there is one.
    section_id: str | None = None
    # For the editors' report. Why a reply is not an answer: "not_sure", or
    # "elsewhere" (signposted to whoever deals with it).
    declined: str | None = None
    # The likeliest topic of a reply that declined (for "elsewhere", the
    # directory entry it signposted to).
    guess: str | None = None
    # An answer let through by the word match alone (`Match.low`).
    low: bool = False

    def as_message(self) -> dict[str, object]:
        message: dict[str, object] = {"text": self.text}
        if self.sources:
            message["sources"] = self.sources
        if self.buttons:
            message["buttons"] = self.buttons
        message["answer"] = self.metadata()
        return message

    def metadata(self) -> dict[str, object]:
        """Where the answer came from, for the gateway: it counts confident
        answers and asks "Was this helpful?" about them, and the editors'
        report lists the questions declined or answered on a weak match."""
        if not self.confident or not self.topic_id:
            declined: dict[str, object] = {"confident": False}
            if self.declined:
                declined["declined"] = self.declined
            if self.guess:
                declined["guess"] = self.guess
            return declined
        answer: dict[str, object] = {"confident": True, "topic": self.topic_id}
        if self.section_id:
            answer["section"] = self.section_id
        if self.low:
            answer["low"] = True
        return answer


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

    def _answer_from(self, chunk: Chunk, related: list[dict[str, str]], low: bool = False) -> Answer:
        return Answer(
            text=self._render(chunk),
            confident=True,
            sources=[{"title": chunk.title, "url": chunk.url}],
            buttons=(self._next_steps(chunk) + related)[:MAX_BUTTONS],
            topic_id=chunk.doc_id,
            section_id=chunk.id,
            low=low,
        )

    def match(self, question: str, top_k: int = 3) -> Match:
        """The best topics for a question, and whether the best is a
        confident answer. Not confident when a directory entry of things
        the pages do not answer fits better than every topic, when the
        question is far from every page in meaning, or when the best page
        leaves most of the question's telling words unmatched and is not
        close enough in meaning to make up for it."""
        query = without_placeholders(question)
        found = self._index.find(query, top_k=top_k) if query else None
        if found is None or not found.topics:
            return Match([], False)
        best, other = found.topics[0], found.elsewhere
        if other is not None and other.similarity >= ELSEWHERE_MIN_SIMILARITY and (
                other.score > best.score + ELSEWHERE_MARGIN
                or (other.score >= best.score - ELSEWHERE_NEAR
                    and other.coverage - best.coverage >= ELSEWHERE_WORDS)):
            return Match(found.topics, False, other)
        confident = best.similarity >= self._min_score and (
            best.coverage >= MIN_COVERAGE or best.similarity >= SURE_SIMILARITY)
        return Match(found.topics, confident)

    def _signpost(self, other: TopicHit) -> Answer:
        url = other.url
        for name, value in self._council.placeholders().items():
            url = url.replace("{" + name + "}", value)
        return Answer(text=ELSEWHERE.format(name=other.title, go_to=other.passage.heading, url=url),
                      confident=False, buttons=[human_button()], declined="elsewhere",
                      guess=other.doc_id.removeprefix(ELSEWHERE_PREFIX))

    def answer(self, question: str) -> Answer:
        found = self.match(question)
        topics = found.topics
        if found.elsewhere is not None:
            return self._signpost(found.elsewhere)
        if not found.confident:
            return Answer(
                text=NOT_SURE,
                confident=False,
                buttons=[choice(t.title, t.doc_id) for t in topics] + [human_button()],
                declined="not_sure",
                guess=topics[0].doc_id if topics else None,
            )
        best = topics[0]
        # After the page's next steps, neighbouring topics that matched
        # almost as well.
        related = [
            choice(t.title, t.doc_id)
            for t in topics[1:]
            if t.similarity >= self._min_score and best.score - t.score <= RELATED_MARGIN
        ]
        return self._answer_from(best.passage, related, low=found.low)

    def answer_topic(self, ref: str) -> Answer:
        """Answers a button choice: a topic id, or `topic#section`."""
        chunk = self._index.section(ref)
        if chunk is None:
            return Answer(text=UNKNOWN_TOPIC, confident=False, buttons=[human_button()])
        return self._answer_from(chunk, [])
