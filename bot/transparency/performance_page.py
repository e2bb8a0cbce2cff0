"""The open performance figures as an HTML page in GOV.UK Frontend's styles,
in the transparency record's frame: tables with captions and header scopes, every
value escaped, no script and no inline style."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.council import Council
from bot.transparency.page import (
    bullets,
    e,
    footer_link,
    heading,
    paragraph,
    public_page,
    summary_list,
    when,
)
from bot.transparency.performance import SUPPRESS_BELOW

WITHHELD = f"fewer than {SUPPRESS_BELOW}"
TOO_FEW = "too few to show"
HANDOFF_LABELS = {
    "request": "The resident asked for a person",
    "failed_turns": "The assistant could not help",
    "sensitive": "Someone may be at risk",
}


def performance_url(council: Council) -> str:
    return f"{council.transparency_url()}/performance"


def month_label(month: str, complete: bool = True) -> str:
    label = dt.date(int(month[:4]), int(month[5:7]), 1).strftime("%B %Y")
    return label if complete else f"{label} (so far)"


def count_text(figure: dict[str, Any]) -> str:
    return WITHHELD if figure["suppressed"] else f"{figure['count']:,}"


def percent(value: float | None, missing: str = TOO_FEW) -> str:
    return missing if value is None else f"{value * 100:.0f}%"


def _cell(text: str, numeric: bool = True) -> str:
    kind = " govuk-table__cell--numeric" if numeric else ""
    return f'<td class="govuk-table__cell{kind}">{e(text)}</td>'


def table(caption: str, columns: list[str], rows: list[tuple[str, list[str]]]) -> str:
    """A table whose rows each start with a header cell (`scope="row"`)."""
    head = "".join(
        f'<th scope="col" class="govuk-table__header{"" if i == 0 else " govuk-table__header--numeric"}">'
        f"{e(c)}</th>" for i, c in enumerate(columns))
    body = "".join(
        f'<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{e(label)}</th>'
        + "".join(_cell(v) for v in values) + "</tr>"
        for label, values in rows)
    return (
        f'<div class="app-table-scroll" role="region" aria-label="{e(caption)}" tabindex="0">'
        f'<table class="govuk-table"><caption class="govuk-table__caption govuk-table__caption--m">'
        f'{e(caption)}</caption><thead class="govuk-table__head"><tr class="govuk-table__row">{head}'
        f'</tr></thead><tbody class="govuk-table__body">{body}</tbody></table></div>')


def render_performance_page(figures: dict[str, Any], council: Council) -> str:
    months = figures["months"]
    body = "\n".join([
        f'<span class="govuk-caption-l">{e(council.name)}</span>',
        '<h1 class="govuk-heading-xl">How the AI assistant is doing</h1>',
        '<p class="govuk-body-l">Monthly figures for the chat assistant, newest first, and how well '
        "it found the right answer when it was last tested.</p>",
        _how_we_count(),
        heading(2, "Questions and answers", "answers"),
        table("Questions and answers by month",
              ["Month", "Questions asked", "Answered", "Share answered", "Answers rated",
               "Share rated helpful"],
              [(month_label(m["month"], m["complete"]),
                [count_text(m["questions"]), count_text(m["answered"]), percent(m["answered"]["share"]),
                 count_text(m["ratings"]), percent(m["rated_helpful"]["share"])]) for m in months]),
        heading(2, "Handed to a person", "handoffs"),
        paragraph("Conversations passed to the council's contact team, by why they were passed on."),
        table("Conversations handed to a person by month and reason",
              ["Month", *HANDOFF_LABELS.values()],
              [(month_label(m["month"], m["complete"]),
                [count_text(m["handoffs"][reason]) for reason in HANDOFF_LABELS]) for m in months]),
        heading(2, "Finding the right answer", "evaluation"),
        _evaluation(figures["evaluation"]),
    ])
    base = council.transparency_url()
    data_url = f"{base}/performance.json"
    return public_page(council, "How the AI assistant is doing", body, data_url, [
        f'These figures were generated on {e(when(figures["generated_at"]))}. '
        f'They are also available as {footer_link(data_url, "data (JSON)")}.',
        f'{footer_link(base, "How the AI assistant works")} &middot; {footer_link("/", "Back to the chat")}',
    ], column="full")


def _how_we_count() -> str:
    return "\n".join([
        heading(2, "How these figures are counted", "counting"),
        bullets([
            "Questions asked: every message a resident typed to the assistant (greetings included), "
            "and every topic they chose from its suggestions. Messages to a person from the contact "
            "team are not counted.",
            "Answered: the assistant replied with a passage from the council's pages. When nothing "
            "matched closely enough, it said it was not sure instead, and that is not counted.",
            'Rated helpful: after each answer, residents can say whether it helped. The share is of '
            "the answers that were rated, not of all answers.",
            "Handed to a person: conversations passed to the contact team, by reason.",
            f'Any count under {SUPPRESS_BELOW} is shown as "{WITHHELD}", and a share only when it is '
            f"a share of at least {SUPPRESS_BELOW}. Months are UK time; the current month is marked "
            '"so far".',
        ]),
        paragraph("Each figure is a count kept for the month, apart from the conversations, and is "
                  "added to as things happen. No figure names or leads back to a conversation or a "
                  "resident, and the counts stay after conversations are deleted."),
    ])


def _evaluation(evaluation: dict[str, Any]) -> str:
    if not evaluation.get("measured"):
        return paragraph(evaluation.get("message") or "Not measured yet.")
    rows = [(s["label"], ["not known" if s["questions"] is None else f"{s['questions']:,}",
                          percent(s["hit_at_1"], "not known"), percent(s["hit_at_3"], "not known"),
                          "not known" if s["mrr"] is None else f"{s['mrr']:.2f}"])
            for s in evaluation["styles"]]
    facts = [("Last measured", e(when(evaluation.get("measured_at"))))]
    if evaluation.get("questions") is not None:
        facts.append(("Test questions", e(f"{evaluation['questions']:,}")))
    if evaluation.get("out_of_scope_declined") is not None:
        facts.append(("Questions it should not answer that it declined",
                      e(percent(evaluation["out_of_scope_declined"]))))
    if evaluation.get("style_gap") is not None:
        facts.append(("Gap between the best and the worst way of asking",
                      e(f"{evaluation['style_gap'] * 100:.0f} percentage points")))
    return "\n".join([
        paragraph("The council tests the assistant with a fixed set of questions about its services, "
                  "each written in several ways, and checks whether it finds the section of the "
                  "council's pages that answers it. These are test questions, not residents' "
                  "questions."),
        summary_list(facts),
        table("The latest test, by way of asking",
              ["Way of asking", "Test questions", "Right section first", "Right section in the top 3",
               "Rank score (1 is best)"], rows),
        paragraph("The rank score is the mean reciprocal rank: 1 when the right section always comes "
                  "first, a half when it comes second, and so on."),
    ])
