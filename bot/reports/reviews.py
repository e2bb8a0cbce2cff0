"""Knowledge files due for review: a page is due STALE_AFTER_DAYS after its
front matter's `last_reviewed` (as `councilbot knowledge validate` warns),
and the report lists those past it, oldest first, and those due soon."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.knowledge.documents import STALE_AFTER_DAYS, Document

DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class Review:
    id: str
    title: str
    file: str
    last_reviewed: dt.date
    due: dt.date
    # Days past the due date (overdue) or left before it (due soon).
    days: int


@dataclass(frozen=True)
class Reviews:
    overdue: list[Review] = field(default_factory=list)
    due_soon: list[Review] = field(default_factory=list)


def reviews_due(documents: Iterable[Document], today: dt.date) -> Reviews:
    overdue, soon = [], []
    for doc in documents:
        due = doc.last_reviewed + dt.timedelta(days=STALE_AFTER_DAYS)
        left = (due - today).days
        if left < 0:
            overdue.append(Review(doc.id, doc.title, doc.path.name, doc.last_reviewed, due, -left))
        elif left <= DUE_SOON_DAYS:
            soon.append(Review(doc.id, doc.title, doc.path.name, doc.last_reviewed, due, left))
    overdue.sort(key=lambda r: (r.last_reviewed, r.file))
    soon.sort(key=lambda r: (r.due, r.file))
    return Reviews(overdue, soon)
