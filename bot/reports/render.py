"""The editors' report as plain text for a terminal, as JSON, and as HTML
(the body the console's page wraps, or a page of its own from the command
line). Every piece of text from the database or the knowledge files is
escaped in the HTML; nothing names a conversation."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import textwrap
from typing import Any

from bot.knowledge.documents import STALE_AFTER_DAYS
from bot.knowledge.elsewhere import PREFIX as ELSEWHERE_PREFIX
from bot.reports.grouping import Group
from bot.reports.ratings import REASON_LABELS, SectionRatings
from bot.reports.report import Report
from bot.reports.reviews import DUE_SOON_DAYS, Review
from bot.reports.unanswered import REASONS

TITLE = "Report for content editors"
WIDTH = 78
FORMATS = ("text", "html", "json")


def e(value: object) -> str:
    return html.escape(str(value), quote=True)


def day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def period(report: Report) -> str:
    return (f"Covers {day(report.first_day)} to {day(report.last_day)} "
            f"(the last {report.days} day{'s' if report.days != 1 else ''}).")


def kept_note(report: Report) -> str:
    note = (f"Questions come only from conversations still kept: each is deleted "
            f"{report.retention_days} days after its last message ({report.special_category_days} "
            "days if it held special category data such as health), or sooner if the resident "
            "asks. ")
    if report.questions_cover_less:
        note += (f"So the questions cover at most the last {report.retention_days} days, not "
                 f"all {report.days}. ")
    return note + "Ratings and review dates are kept apart from conversations and cover the whole period."


def reasons_text(counts: dict[str, int], labels: dict[str, str]) -> str:
    return ", ".join(f"{labels.get(k, k)} {n:,}" for k, n in counts.items())


def guess_text(group: Group) -> tuple[str, str] | None:
    """What the assistant pointed to most often: ("Likeliest page", its
    title and id) or ("Signposted to", the directory entry's name)."""
    if not group.guess:
        return None
    if group.guess.startswith(ELSEWHERE_PREFIX):
        return "Signposted to", group.guess_title or group.guess.removeprefix(ELSEWHERE_PREFIX)
    if not group.guess_title:
        return "Likeliest page", f"{group.guess} (no longer in the knowledge files)"
    return "Likeliest page", f"{group.guess_title} ({group.guess})"


def section_text(section: SectionRatings) -> str:
    if not section.title:
        return f"{section.topic_id} (page no longer in the knowledge files)"
    if section.heading:
        return f"{section.title}: {section.heading}"
    if section.section_id:
        return f"{section.title}: {section.section_id} (section no longer in the file)"
    return section.title


def unanswered_summary(report: Report) -> str:
    grouping = report.unanswered
    if not grouping.questions:
        return "No questions in this period that the assistant could not answer."
    groups = len(grouping.groups)
    text = (f"{grouping.questions:,} question{'s' if grouping.questions != 1 else ''} in {groups:,} "
            f"group{'s' if groups != 1 else ''}, most asked first.")
    if grouping.left_out:
        text += f" {grouping.left_out:,} rarely asked questions were left out of the grouping."
    return text


def ratings_summary(report: Report) -> str:
    ratings = report.ratings
    total = ratings.helpful + ratings.not_helpful
    if not total:
        return "No answers were rated in this period."
    text = (f"{total:,} rating{'s' if total != 1 else ''}: {ratings.helpful:,} helpful, "
            f"{ratings.not_helpful:,} not helpful.")
    return text if ratings.sections else text + " No answer was rated not helpful."


def reviews_intro(report: Report) -> str:
    if not report.knowledge_found:
        return f"No knowledge files were found in {report.knowledge_dir}."
    text = f"A page is due for review {STALE_AFTER_DAYS} days after its last_reviewed date."
    if report.unreadable_files:
        text += (f" {report.unreadable_files} file(s) could not be read: run "
                 "'councilbot knowledge validate' to see why.")
    return text


# -- text ----------------------------------------------------------------------

def _heading(text: str) -> list[str]:
    return ["", text, "-" * len(text)]


def _wrapped(text: str, indent: int, first: str = "") -> list[str]:
    pad = " " * indent
    return textwrap.wrap(text, WIDTH, initial_indent=first or pad, subsequent_indent=pad,
                         break_long_words=True, break_on_hyphens=False) or [first or pad]


def _counts_line(label: str, counts: dict[str, int], labels: dict[str, str], indent: int) -> list[str]:
    """Each "reason count" kept on one line."""
    items = ", ".join(f"{labels.get(k, k)} {n:,}".replace(" ", "\u00a0") for k, n in counts.items())
    return [line.replace("\u00a0", " ") for line in _wrapped(f"{label}: {items}", indent)]


def _text_groups(groups: list[Group]) -> list[str]:
    lines = ["Asked  Question", "-----  " + "-" * (WIDTH - 7)]
    for group in groups:
        lines += _wrapped(group.question, 7, f"{group.count:>5,}  ")
        for i, example in enumerate(group.examples):
            lines += _wrapped(example, 19, f"       {'Also asked: ' if i == 0 else ' ' * 12}")
        lines += _counts_line("Why", group.reasons, REASONS, 7)
        if guess := guess_text(group):
            lines += _wrapped(": ".join(guess), 7)
    return lines


def _text_sections(sections: list[SectionRatings]) -> list[str]:
    lines = ["Not helpful  Helpful  Page and section", "-----------  -------  " + "-" * (WIDTH - 22)]
    for s in sections:
        lines += _wrapped(section_text(s), 22, f"{s.not_helpful:>11,}  {s.helpful:>7,}  ")
        lines += _counts_line("Reasons", s.reasons, REASON_LABELS, 22)
    return lines


def _text_reviews(reviews: list[Review], days_label: str, date_label: str, field: str) -> list[str]:
    file_width = max([4] + [len(r.file) for r in reviews])
    lines = [f"{days_label}  {date_label:<13}  {'File':<{file_width}}  Title",
             f"{'-' * len(days_label)}  {'-' * 13}  {'-' * file_width}  {'-' * 5}"]
    for r in reviews:
        lines.append(f"{r.days:>{len(days_label)},}  {getattr(r, field).isoformat():<13}  "
                     f"{r.file:<{file_width}}  {r.title}")
    return lines


def render_text(report: Report) -> str:
    lines = [f"{TITLE}: {report.council}", period(report), ""]
    lines += textwrap.wrap(kept_note(report), WIDTH)
    lines += _heading("1. Questions the assistant could not answer")
    lines.append(unanswered_summary(report))
    if report.unanswered.groups:
        lines += ["", *_text_groups(report.unanswered.groups)]
    lines += _heading("2. Answers rated not helpful")
    lines.append(ratings_summary(report))
    if report.ratings.sections:
        lines += ["", *_text_sections(report.ratings.sections)]
    lines += _heading("3. Knowledge files due for review")
    lines += textwrap.wrap(reviews_intro(report), WIDTH)
    if report.knowledge_found:
        reviews = report.reviews
        lines += ["", "Overdue, oldest first:" if reviews.overdue else "No file is overdue for review."]
        if reviews.overdue:
            lines += _text_reviews(reviews.overdue, "Days overdue", "Last reviewed", "last_reviewed")
        lines += ["", f"Due within {DUE_SOON_DAYS} days:" if reviews.due_soon
                  else f"No file is due within {DUE_SOON_DAYS} days."]
        if reviews.due_soon:
            lines += _text_reviews(reviews.due_soon, "Days left", "Due", "due")
    return "\n".join(lines) + "\n"


# -- JSON ----------------------------------------------------------------------

def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def report_data(report: Report) -> dict[str, Any]:
    data = _plain(dataclasses.asdict(report))
    data["questions_cover_less"] = report.questions_cover_less
    return data


def render_json(report: Report) -> str:
    return json.dumps(report_data(report), ensure_ascii=False, indent=2) + "\n"


# -- HTML ----------------------------------------------------------------------

def _p(text: str, css: str = "govuk-body") -> str:
    return f'<p class="{css}">{e(text)}</p>'


def _table(caption: str, columns: list[tuple[str, bool]], rows: list[str]) -> str:
    head = "".join(f'<th scope="col" class="govuk-table__header'
                   f'{" govuk-table__header--numeric" if numeric else ""}">{e(name)}</th>'
                   for name, numeric in columns)
    return (f'<div class="app-table-scroll" role="region" aria-label="{e(caption)}" tabindex="0">'
            f'<table class="govuk-table"><caption class="govuk-table__caption govuk-table__caption--m">'
            f'{e(caption)}</caption><thead class="govuk-table__head"><tr class="govuk-table__row">'
            f'{head}</tr></thead><tbody class="govuk-table__body">{"".join(rows)}</tbody></table></div>')


def _row(header: str, cells: list[tuple[str, bool]]) -> str:
    """`header` and the cells are HTML already escaped."""
    return (f'<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{header}</th>'
            + "".join(f'<td class="govuk-table__cell{" govuk-table__cell--numeric" if numeric else ""}">'
                      f"{cell}</td>" for cell, numeric in cells) + "</tr>")


def _list(items: list[str]) -> str:
    if not items:
        return '<span class="govuk-visually-hidden">None</span>'
    return '<ul class="govuk-list">' + "".join(f"<li>{e(i)}</li>" for i in items) + "</ul>"


def _html_groups(groups: list[Group]) -> str:
    rows = [_row(e(g.question), [(f"{g.count:,}", True), (_list(g.examples), False),
                                 (e(reasons_text(g.reasons, REASONS)), False),
                                 (_guess_html(g), False)]) for g in groups]
    return _table("Questions the assistant could not answer, grouped by similarity, most asked first",
                  [("Question", False), ("Times asked", True), ("Also asked as", False), ("Why", False),
                   ("Likeliest page or signpost", False)], rows)


def _guess_html(group: Group) -> str:
    guess = guess_text(group)
    if guess is None:
        return "None"
    label, page = guess
    return e(page) if label == "Likeliest page" else f"{e(label)} {e(page)}"


def _html_sections(sections: list[SectionRatings]) -> str:
    rows = [_row(e(section_text(s)), [(f"{s.not_helpful:,}", True), (f"{s.helpful:,}", True),
                                      (e(reasons_text(s.reasons, REASON_LABELS)), False)])
            for s in sections]
    return _table("Answers rated not helpful, by page and section, most first",
                  [("Page and section", False), ("Not helpful", True), ("Helpful", True),
                   ("Reasons given", False)], rows)


def _html_reviews(caption: str, reviews: list[Review], overdue: bool) -> str:
    rows = [_row(f'{e(r.title)}<br><span class="govuk-body-s">{e(r.file)}</span>',
                 [(e(day(r.last_reviewed)), False), (e(day(r.due)), False), (f"{r.days:,}", True)])
            for r in reviews]
    return _table(caption, [("Page", False), ("Last reviewed", False), ("Due", False),
                            ("Days overdue" if overdue else "Days left", True)], rows)


def _section(number: int, anchor: str, title: str, body: list[str]) -> str:
    return (f'<section aria-labelledby="{anchor}"><h2 class="govuk-heading-l" id="{anchor}">'
            f"{number}. {e(title)}</h2>" + "".join(body) + "</section>")


def render_html_body(report: Report, controls: str = "") -> str:
    """The page's content, from its `<h1>` down, in GOV.UK Frontend's
    classes; `controls` (HTML, such as a form to change the period) goes
    under the introduction."""
    reviews = report.reviews
    unanswered = [_p(unanswered_summary(report))]
    if report.unanswered.groups:
        unanswered.append(_html_groups(report.unanswered.groups))
    rated = [_p(ratings_summary(report))]
    if report.ratings.sections:
        rated.append(_html_sections(report.ratings.sections))
    review = [_p(reviews_intro(report))]
    if report.knowledge_found:
        review.append(_html_reviews("Knowledge files overdue for review, oldest first", reviews.overdue, True)
                      if reviews.overdue else _p("No file is overdue for review."))
        review.append(_html_reviews(f"Knowledge files due for review within {DUE_SOON_DAYS} days",
                                    reviews.due_soon, False)
                      if reviews.due_soon else _p(f"No file is due within {DUE_SOON_DAYS} days."))
    contents = (
        '<nav aria-label="Contents"><h2 class="govuk-heading-s">Contents</h2><ol class="govuk-list '
        'govuk-list--number"><li><a class="govuk-link" href="#unanswered">Questions the assistant could '
        'not answer</a></li><li><a class="govuk-link" href="#ratings">Answers rated not helpful</a>'
        '</li><li><a class="govuk-link" href="#reviews">Knowledge files due for review</a></li></ol></nav>')
    return "\n".join([
        f'<span class="govuk-caption-l">{e(report.council)}</span>',
        f'<h1 class="govuk-heading-xl">{e(TITLE)}</h1>',
        _p(period(report), "govuk-body-l"),
        f'<div class="govuk-inset-text">{e(kept_note(report))}</div>',
        controls,
        contents,
        _section(1, "unanswered", "Questions the assistant could not answer", unanswered),
        _section(2, "ratings", "Answers rated not helpful", rated),
        _section(3, "reviews", "Knowledge files due for review", review),
    ])


def render_html(report: Report) -> str:
    """A page of its own, for `councilbot report --format html`: no script,
    no outside stylesheet, readable opened from a file."""
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(TITLE)} - {e(report.council)}</title>
<style>
body {{ font-family: Arial, sans-serif; margin: 0 auto; max-width: 72rem; padding: 0 1rem; }}
table {{ border-collapse: collapse; margin-bottom: 1.5rem; }}
th, td {{ border-bottom: 1px solid #b1b4b6; padding: 0.4rem 0.8rem 0.4rem 0; text-align: left; }}
.govuk-table__header--numeric, .govuk-table__cell--numeric {{ text-align: right; }}
caption {{ font-weight: bold; text-align: left; padding-bottom: 0.5rem; }}
.govuk-visually-hidden {{ position: absolute; width: 1px; height: 1px; overflow: hidden; }}
.govuk-skip-link {{ position: absolute; left: -999rem; }}
.govuk-skip-link:focus {{ position: static; }}
.govuk-inset-text {{ border-left: 0.3rem solid #b1b4b6; padding-left: 1rem; }}
.govuk-list {{ margin: 0; padding-left: 1.2rem; }}
</style>
</head>
<body>
<a href="#main-content" class="govuk-skip-link">Skip to main content</a>
<main id="main-content">
{render_html_body(report)}
</main>
</body>
</html>
"""


def render(report: Report, form: str) -> str:
    if form == "text":
        return render_text(report)
    if form == "json":
        return render_json(report)
    if form == "html":
        return render_html(report)
    raise ValueError(f"unknown report format {form!r}; choose one of {', '.join(FORMATS)}")
