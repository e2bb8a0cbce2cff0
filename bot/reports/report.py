"""The editors' report in one object: the questions the assistant could not
answer (grouped), the answers rated not helpful, and the pages due for
review, over the last N days. The command line and the console both render
it; neither adds to it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import Engine

from bot.council import Council
from bot.performance.counters import UK
from bot.reports.encoder import Encoder
from bot.reports.grouping import Grouping, group_questions
from bot.reports.pages import load_pages
from bot.reports.ratings import Ratings, ratings_since
from bot.reports.reviews import Reviews, reviews_due
from bot.reports.unanswered import unanswered_since

DEFAULT_DAYS = 30
MAX_DAYS = 366


@dataclass(frozen=True)
class Report:
    council: str
    generated_at: dt.datetime
    days: int
    # The first and last day covered, in the council's time zone.
    first_day: dt.date
    last_day: dt.date
    # How long conversations are kept (the questions go with them).
    retention_days: int
    special_category_days: int
    knowledge_dir: str
    knowledge_found: bool
    unreadable_files: int
    unanswered: Grouping
    ratings: Ratings
    reviews: Reviews

    @property
    def questions_cover_less(self) -> bool:
        """The period asked for reaches back past what is still kept."""
        return self.days > self.retention_days


def check_days(days: int) -> int:
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"the report's period must be between 1 and {MAX_DAYS} days, got {days}")
    return days


def build_report(engine: Engine, council: Council, knowledge_dir: Path, encoder: Encoder,
                 now: dt.datetime, days: int = DEFAULT_DAYS) -> Report:
    check_days(days)
    zone = council.contact_centre.timezone if council.contact_centre else UK
    start = now - dt.timedelta(days=days)
    today = now.astimezone(zone).date()
    first_day = start.astimezone(zone).date()
    pages = load_pages(knowledge_dir, today)

    grouping = group_questions(unanswered_since(engine, start), encoder)
    grouping = replace(grouping, groups=[replace(g, guess_title=pages.title(g.guess))
                                         for g in grouping.groups])
    ratings = ratings_since(engine, first_day)
    ratings = replace(ratings, sections=[
        replace(s, title=pages.title(s.topic_id), heading=pages.heading(s.section_id))
        for s in ratings.sections])
    return Report(
        council=council.name, generated_at=now, days=days, first_day=first_day, last_day=today,
        retention_days=council.transcript_retention_days,
        special_category_days=council.special_category_retention_days,
        knowledge_dir=str(knowledge_dir), knowledge_found=pages.found,
        unreadable_files=pages.unreadable, unanswered=grouping, ratings=ratings,
        reviews=reviews_due(pages.documents, today),
    )
