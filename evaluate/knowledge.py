"""Does the assistant find the right page for every kind of resident?

Residents' questions in tests/eval/knowledge/ (questions.jsonl, and
holdout.jsonl written apart and scored once unseen, see
docs/architecture.md), each labelled with the knowledge page that answers
it (or none: out of scope) and the way it is written: plain, misspelt,
terse, rambling or non-native English.

Printed per style, for the project's retrieval and, side by side, a plain
BM25 search of the same pages: hit@1 and hit@3 (the right page first, or in
the first three), MRR, and the share of out-of-scope questions declined;
then the gap between the best and worst served style. With `--chat` the
same questions also go through the running stack (the gateway, Rasa and the
action server), one conversation each, and a question counts as answered by
the first source of the reply.

Floors apply to the project's figures over every set together, and to the
chat figures when run. The project's figures per style are written to
var/evaluation/knowledge.json for the public performance page.

`python -m evaluate.knowledge [--chat]` prints the figures and fails below
the floors."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SET_DIR = ROOT / "tests" / "eval" / "knowledge"
SETS = ("questions", "holdout")
STYLES = ("plain", "misspelt", "terse", "rambling", "non-native")
FLOORS = {"hit_at_1": 0.93, "hit_at_3": 0.98, "out_of_scope_declined": 0.90}
MAX_STYLE_GAP = 0.08


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    topics: frozenset[str]  # empty: out of scope
    style: str
    # A safeguarding category when a person is the right outcome (see
    # tests/eval/knowledge/README.md): through the chat, the safety net's
    # urgent handoff counts as the right answer to such a question.
    sensitive: str | None = None


def load_set(name: str) -> list[Question]:
    rows = [json.loads(line) for line in (SET_DIR / f"{name}.jsonl").read_text("utf-8").splitlines()
            if line.strip()]
    return [Question(r["id"], r["text"],
                     frozenset([r["topic"], *r.get("also", [])]) if r["topic"] else frozenset(),
                     r["style"], r.get("sensitive")) for r in rows]


# A retriever under test: the question in, the pages best first and whether
# it declined to answer out.
Ranker = Callable[[str], tuple[list[str], bool]]


@dataclass
class Tally:
    questions: int = 0
    hit_1: int = 0
    hit_3: int = 0
    reciprocal: float = 0.0
    out_of_scope: int = 0
    declined: int = 0


@dataclass
class Scores:
    by_style: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    missed: list[str] = field(default_factory=list)
    answered_out_of_scope: list[str] = field(default_factory=list)

    def add(self, question: Question, ranked: Sequence[str], declined: bool) -> None:
        for key in (question.style, "all"):
            tally = self.by_style[key]
            if not question.topics:
                tally.out_of_scope += 1
                tally.declined += declined
                continue
            place = next((i for i, topic in enumerate(ranked) if topic in question.topics), None)
            tally.questions += 1
            tally.hit_1 += place == 0
            tally.hit_3 += place is not None and place < 3
            tally.reciprocal += 1 / (place + 1) if place is not None else 0.0
        if question.topics and (not ranked or ranked[0] not in question.topics):
            self.missed.append(question.id)
        if not question.topics and not declined:
            self.answered_out_of_scope.append(question.id)

    def figure(self, name: str, style: str = "all") -> float:
        t = self.by_style[style]
        if name == "out_of_scope_declined":
            return t.declined / t.out_of_scope if t.out_of_scope else 1.0
        if not t.questions:
            return 0.0
        return {"hit_at_1": t.hit_1, "hit_at_3": t.hit_3, "mrr": t.reciprocal}[name] / t.questions

    @property
    def style_gap(self) -> float:
        rates = [self.figure("hit_at_1", s) for s in STYLES if self.by_style[s].questions]
        return max(rates) - min(rates) if rates else 0.0

    def failures(self, label: str) -> list[str]:
        problems = [f"{label} {name} {self.figure(name):.3f} < {floor}"
                    for name, floor in FLOORS.items() if self.figure(name) < floor]
        if self.style_gap > MAX_STYLE_GAP:
            problems.append(f"{label} style gap {self.style_gap:.3f} > {MAX_STYLE_GAP}")
        return problems

    def as_dict(self) -> dict:
        return {
            "questions": self.by_style["all"].questions + self.by_style["all"].out_of_scope,
            "styles": {
                style: {"questions": self.by_style[style].questions,
                        "hit_at_1": round(self.figure("hit_at_1", style), 3),
                        "hit_at_3": round(self.figure("hit_at_3", style), 3),
                        "mrr": round(self.figure("mrr", style), 3)}
                for style in STYLES
            },
            "hit_at_1": round(self.figure("hit_at_1"), 3),
            "hit_at_3": round(self.figure("hit_at_3"), 3),
            "mrr": round(self.figure("mrr"), 3),
            "out_of_scope_declined": round(self.figure("out_of_scope_declined"), 3),
            "style_gap": round(self.style_gap, 3),
        }


def score(questions: Iterable[Question], answer: Callable[[Question], tuple[list[str], bool]]) -> Scores:
    scores = Scores()
    for question in questions:
        ranked, declined = answer(question)
        scores.add(question, ranked, declined)
    return scores


def table(title: str, columns: dict[str, Scores]) -> list[str]:
    """One row per style, one block of columns per retriever."""
    names = list(columns)
    head = f"{'style':<11} {'n':>4} " + " | ".join(
        f"{n:^31}" for n in names)
    sub = f"{'':<11} {'':>4} " + " | ".join(
        f"{'hit@1':>7} {'hit@3':>7} {'MRR':>6} {'OOS':>8}" for _ in names)
    out = [title, head, sub]
    for style in (*STYLES, "all"):
        first = columns[names[0]].by_style[style]
        cells = []
        for name in names:
            s, t = columns[name], columns[name].by_style[style]
            declined = f"{t.declined}/{t.out_of_scope}" if t.out_of_scope else "-"
            cells.append(f"{s.figure('hit_at_1', style):>7.3f} {s.figure('hit_at_3', style):>7.3f} "
                         f"{s.figure('mrr', style):>6.3f} {declined:>8}")
        out.append(f"{style:<11} {first.questions + first.out_of_scope:>4} " + " | ".join(cells))
    out.append(f"{'OOS declined':<16} " + " | ".join(
        f"{columns[n].figure('out_of_scope_declined'):>31.3f}" for n in names))
    out.append(f"{'style gap':<16} " + " | ".join(f"{columns[n].style_gap:>31.3f}" for n in names))
    return out


# -- the retrievers ------------------------------------------------------------

def project_ranker() -> Ranker:
    """The assistant's own retrieval and its decision to decline, over the
    index in var/index (or COUNCILBOT_INDEX_DIR)."""
    from bot.answers import Answerer
    from bot.council import load_council
    from bot.knowledge.embedder import Embedder
    from bot.knowledge.index import KnowledgeIndex
    from bot.settings import Settings

    settings = Settings.from_env()
    index = KnowledgeIndex(settings.index_dir, Embedder())
    answerer = Answerer(index, load_council(settings.council_file), settings.answer_min_score)

    def rank(text: str) -> tuple[list[str], bool]:
        found = answerer.match(text, top_k=10)
        return [t.doc_id for t in found.topics], not found.confident
    return rank


def bm25_ranker() -> Ranker:
    """A plain site search: BM25 (bm25s with its own English stop words and
    stemmer) over each page's title and text, no spelling help; it declines
    only when no word matches."""
    import bm25s
    import Stemmer

    from bot.knowledge.documents import load_documents

    documents, _ = load_documents(ROOT / "knowledge")
    ids = [d.id for d in documents]
    stemmer = Stemmer.Stemmer("english")
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize([" ".join([d.title, *(f"{s.heading} {s.text}" for s in d.sections)])
                                    for d in documents], stopwords="en", stemmer=stemmer,
                                   show_progress=False), show_progress=False)
    vocabulary = retriever.vocab_dict

    def rank(text: str) -> tuple[list[str], bool]:
        tokens = bm25s.tokenize([text], stopwords="en", stemmer=stemmer, show_progress=False,
                                return_ids=False)[0]
        known = [t for t in tokens if t in vocabulary]
        if not known:
            return [], True
        scores = retriever.get_scores(known)
        order = sorted(range(len(ids)), key=lambda i: -scores[i])
        return [ids[i] for i in order if scores[i] > 0], False
    return rank


# Last in what the chat ranker gives for a reply that handed the resident to
# a person urgently, because the safety net found a sensitive message.
SAFETY_HANDOFF = "handoff:sensitive"


def handed_over(got: tuple[list[str], bool]) -> bool:
    return SAFETY_HANDOFF in got[0]


def credited(question: Question, got: tuple[list[str], bool]) -> tuple[list[str], bool]:
    """A safety handoff is the right answer to a question labelled
    sensitive: scored as its page, first and answered. Any other question
    is scored on the page the reply gave beside the handoff, if any."""
    if question.sensitive and handed_over(got):
        return sorted(question.topics)[:1], False
    return got


def chat_ranker(base_url: str, questions: Sequence[Question], workers: int = 4) -> Ranker:
    """Each question in a fresh conversation through the gateway. The
    reply's first source is its page; the topics its buttons offer come
    next (a "not sure" reply offers the closest topics), so hit@3 counts
    a reply that puts the right page within reach of one tap. No source
    means declined."""
    import httpx

    from bot.knowledge.documents import load_documents

    documents, _ = load_documents(ROOT / "knowledge")
    by_url = {d.url: d.id for d in documents}

    def offered(message: dict) -> list[str]:
        topics = []
        for button in message.get("buttons", []):
            payload = str(button.get("payload", ""))
            if payload.startswith("/ask_service{"):
                topic = json.loads(payload[len("/ask_service"):]).get("topic_id", "")
                topics.append(topic.split("#", 1)[0])
        return topics

    def ask(client: httpx.Client, text: str) -> tuple[list[str], bool]:
        opened = client.post("/api/sessions")
        opened.raise_for_status()
        session_id = opened.json()["session_id"]
        reply = client.post(f"/api/sessions/{session_id}/messages", json={"text": text})
        reply.raise_for_status()
        messages = reply.json()["messages"]
        handoff = reply.json().get("handoff") or {}
        sources = [by_url.get(s["url"], s["url"]) for m in messages for s in m.get("sources", [])]
        ranked = list(dict.fromkeys(sources[:1] + [t for m in messages for t in offered(m)]))
        if str(handoff.get("reason", "")).startswith("sensitive"):
            ranked.append(SAFETY_HANDOFF)
        return ranked, not sources

    with httpx.Client(base_url=base_url, timeout=60) as client, ThreadPoolExecutor(workers) as pool:
        answers = dict(zip((q.text for q in questions),
                           pool.map(lambda q: ask(client, q.text), questions), strict=True))
    return lambda text: answers[text]


# -- the command ---------------------------------------------------------------

def write_latest(scores: Scores, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), **scores.as_dict()}
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluate.knowledge", description=__doc__.split("\n")[0])
    parser.add_argument("--chat", action="store_true",
                        help="also ask every question through the running stack")
    parser.add_argument("--misses", action="store_true", help="list the ids of the questions missed")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))

    sets = {name: load_set(name) for name in SETS}
    everything = [q for qs in sets.values() for q in qs]
    rankers = {"project": project_ranker(), "BM25 only": bm25_ranker()}
    # Each question is asked once; the sets and the whole are scored from the answers.
    answers = {label: {q.id: rank(q.text) for q in everything} for label, rank in rankers.items()}

    def columns(questions: list[Question]) -> dict[str, Scores]:
        return {label: score(questions, lambda q, got=answers[label]: got[q.id]) for label in rankers}

    for name, questions in sets.items():
        per_set = columns(questions)
        print("\n".join(table(f"\nknowledge retrieval, {name}.jsonl ({len(questions)} questions)", per_set)))
        if args.misses:
            print("missed: " + ", ".join(per_set["project"].missed))
            print("out of scope answered: " + ", ".join(per_set["project"].answered_out_of_scope))
    combined = columns(everything)
    print("\n".join(table(f"\nknowledge retrieval, every set ({len(everything)} questions)", combined)))
    problems = combined["project"].failures("project")
    latest = Path(os.environ.get("COUNCILBOT_VAR_DIR", ROOT / "var")) / "evaluation" / "knowledge.json"
    write_latest(combined["project"], latest)

    if args.chat:
        from tests.support.stack import temporary_stack

        with temporary_stack() as stack:
            asked = chat_ranker(stack.url, everything)
            chat = score(everything, lambda q: credited(q, asked(q.text)))
        handed = [q for q in everything if handed_over(asked(q.text))]
        rightly = sum(1 for q in handed if q.sensitive)
        with_answer = sum(1 for q in handed if not q.sensitive and not asked(q.text)[1])
        title = f"\nthrough the chat API ({len(everything)} questions, first source of the reply)"
        print("\n".join(table(title, {"chat API": chat})))
        labelled = sum(1 for q in everything if q.sensitive)
        print(f"handed to a person by the safety net: {len(handed)} questions, {rightly} of the "
              f"{labelled} labelled sensitive (counted as answered) and {len(handed) - rightly} others, "
              f"{with_answer} of them also answered from the pages")
        problems += chat.failures("chat API")
    for problem in problems:
        print(f"BELOW FLOOR: {problem}")
    print("knowledge evaluation: " + ("FAILED" if problems else "passed all floors"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
