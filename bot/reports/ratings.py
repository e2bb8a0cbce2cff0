"""Answers rated "not helpful", by page and section, from the anonymous
`feedback` rows (topic, section, yes or no, a reason code, the day). The
rows outlive the conversations, so this part covers the whole period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Engine, func, select

from bot.db.tables import feedback
from bot.feedback.ratings import REASONS

NO_REASON = "no_reason"
# Short forms of the reasons residents choose from (bot/feedback/ratings.py).
REASON_LABELS = {
    "did_not_answer": "did not answer the question",
    "hard_to_understand": "hard to understand",
    "wrong_or_out_of_date": "wrong or out of date",
    "wanted_a_person": "wanted a person",
    NO_REASON: "no reason given",
}


@dataclass(frozen=True)
class SectionRatings:
    topic_id: str
    section_id: str | None
    helpful: int
    not_helpful: int
    # Reason code to count, in REASON_LABELS order; NO_REASON for a bare "no".
    reasons: dict[str, int]
    title: str | None = None
    heading: str | None = None


@dataclass(frozen=True)
class Ratings:
    helpful: int = 0
    not_helpful: int = 0
    # Sections with at least one "no", most "no" first.
    sections: list[SectionRatings] = field(default_factory=list)


def ratings_since(engine: Engine, since: dt.date) -> Ratings:
    query = (select(feedback.c.topic_id, feedback.c.section_id, feedback.c.helpful, feedback.c.reason,
                    func.count().label("n"))
             .where(feedback.c.rated_on >= since)
             .group_by(feedback.c.topic_id, feedback.c.section_id, feedback.c.helpful, feedback.c.reason))
    tally: dict[tuple[str, str | None], dict[str, int]] = {}
    with engine.connect() as conn:
        for row in conn.execute(query):
            counts = tally.setdefault((row.topic_id, row.section_id), {})
            key = "yes" if row.helpful else (row.reason if row.reason in REASONS else NO_REASON)
            counts[key] = counts.get(key, 0) + int(row.n)
    sections, helpful = [], 0
    for (topic, section), counts in tally.items():
        yes = counts.pop("yes", 0)
        no = sum(counts.values())
        helpful += yes
        if no:
            sections.append(SectionRatings(topic, section, yes, no,
                                           {r: counts[r] for r in REASON_LABELS if counts.get(r)}))
    sections.sort(key=lambda s: (-s.not_helpful, s.helpful, s.topic_id, s.section_id or ""))
    return Ratings(helpful, sum(s.not_helpful for s in sections), sections)
