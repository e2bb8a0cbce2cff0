"""What a resident would be told for one question, without the chat, so an
editor can check a change: the question is tidied and minimised exactly as
the gateway does it, then answered as the knowledge action answers it.

Only the minimised question is ever shown or returned."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.answers import MIN_COVERAGE, SURE_SIMILARITY, Answer, Answerer, Match
from bot.knowledge.index import Found, KnowledgeIndex, TopicHit
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.council import Council
    from bot.privacy.redactor import Redactor


class UnaskableQuestion(ValueError):
    """The chat would refuse the message itself (empty, or too long)."""


@dataclass(frozen=True)
class Preview:
    question: str  # as minimised: what the answerer saw
    answer: Answer
    match: Match
    # The best entry of the directory of things answered elsewhere, chosen
    # or not.
    elsewhere: TopicHit | None
    min_score: float

    def as_dict(self, why: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "question": self.question,
            "confident": self.answer.confident,
            "topic": self.answer.topic_id,
            "section": self.answer.section_id,
            "text": self.answer.text,
            "sources": self.answer.sources,
            "buttons": self.answer.buttons,
        }
        if why:
            out["why"] = {
                "topics": [_hit(t) for t in self.match.topics],
                "elsewhere": (None if self.elsewhere is None
                              else {**_hit(self.elsewhere), "chosen": self.match.elsewhere is not None}),
            }
        return out

    def lines(self, why: bool = False) -> list[str]:
        answer = self.answer
        if answer.confident:
            verdict = f"Confident: yes, from {answer.section_id}"
        elif self.match.elsewhere is not None:
            verdict = "Confident: no, it is answered elsewhere (knowledge/elsewhere.yml)"
        else:
            verdict = "Confident: no"
        out = [f"Asked as: {self.question}", verdict, "Reply:"]
        out += [f"  {line}" for line in answer.text.splitlines()]
        out += [f"Source: {s['title']} ({s['url']})" for s in answer.sources]
        if answer.buttons:
            out.append("Buttons: " + " | ".join(b["title"] for b in answer.buttons))
        if why:
            out += self._why()
        return out

    def _why(self) -> list[str]:
        out = ["", "Top topics (score = similarity + lexical):",
               f"  {'score':>6} {'similarity':>10} {'coverage':>8} {'lexical':>7}  topic, best section"]
        for t in self.match.topics:
            out.append(f"  {t.score:>6.3f} {t.similarity:>10.3f} {t.coverage:>8.2f} "
                       f"{t.score - t.similarity:>7.3f}  {t.doc_id}, {t.passage.id}")
        if not self.match.topics:
            out.append("  (none)")
        other = self.elsewhere
        if other is None:
            out.append("Elsewhere: no entries")
        else:
            chosen = "chosen" if self.match.elsewhere is not None else "not chosen"
            out.append(f"Elsewhere: {other.title}, score {other.score:.3f} (similarity "
                       f"{other.similarity:.3f}, coverage {other.coverage:.2f}): {chosen}")
        out.append(f"Confident needs: similarity >= {self.min_score:g}, and coverage >= "
                   f"{MIN_COVERAGE:g} or similarity >= {SURE_SIMILARITY:g}")
        return out


def _hit(hit: TopicHit) -> dict[str, Any]:
    return {"id": hit.doc_id, "title": hit.title, "section": hit.passage.id,
            "score": round(hit.score, 4), "similarity": round(hit.similarity, 4),
            "coverage": round(hit.coverage, 4), "lexical": round(hit.score - hit.similarity, 4)}


class _Watched:
    """The index as the answerer uses it, keeping what it last found: the
    best directory entry is there even when the answerer did not choose it."""

    def __init__(self, index: KnowledgeIndex) -> None:
        self._index = index
        self.found: Found | None = None

    def find(self, query: str, top_k: int = 3) -> Found:
        self.found = self._index.find(query, top_k=top_k)
        return self.found

    def __getattr__(self, name: str) -> Any:
        return getattr(self._index, name)


class Previewer:
    def __init__(self, index: KnowledgeIndex, council: Council, redactor: Redactor,
                 max_chars: int, min_score: float, stale: str | None = None) -> None:
        self._watched = _Watched(index)
        self._answerer = Answerer(self._watched, council, min_score)
        self._redactor = redactor
        self._max_chars = max_chars
        self._min_score = min_score
        # Why the index may not answer as the files now read, if it may not.
        self.stale = stale

    def minimise(self, text: str) -> str:
        """The gateway's own steps: tidy, refuse what the chat refuses, drop
        a leading slash, then the privacy gate, keyed to a conversation of
        its own."""
        from bot.gateway.conversation import neutralise
        from bot.gateway.errors import ApiError
        from bot.gateway.inbound import clean_text

        try:
            cleaned = clean_text(text, self._max_chars)
        except ApiError as exc:
            raise UnaskableQuestion(str(exc)) from None
        return self._redactor.redact(neutralise(cleaned), secrets.token_hex(16)).text

    def preview(self, text: str, top_k: int = 3) -> Preview:
        question = self.minimise(text)
        self._watched.found = None
        match = self._answerer.match(question, top_k=top_k)
        found = self._watched.found
        return Preview(question=question, answer=self._answerer.answer(question), match=match,
                       elsewhere=found.elsewhere if found else None, min_score=self._min_score)


def build_previewer(settings: Settings) -> Previewer:
    """Loads what the gateway and the action server load: the privacy gate
    (spaCy), the embedding model and the index (which may raise
    `IndexUnavailable`)."""
    from bot.council import load_council
    from bot.knowledge.documents import load_documents
    from bot.knowledge.elsewhere import load_elsewhere
    from bot.knowledge.embedder import Embedder
    from bot.knowledge.reach import index_problem
    from bot.privacy import council_redactor

    council = load_council(settings.council_file)
    documents, report = load_documents(settings.knowledge_dir)
    elsewhere = load_elsewhere(settings.knowledge_dir, report)
    stale = index_problem(settings.knowledge_dir, settings.index_dir, documents, elsewhere)
    index = KnowledgeIndex(settings.index_dir, Embedder())
    # Without a configured key, one for this run alone, as the policy would
    # make (and without its warning about restarts).
    redactor = council_redactor(council, settings.pseudonym_key or secrets.token_hex(32))
    return Previewer(index, council, redactor, settings.max_message_chars, settings.answer_min_score,
                     stale)
