"""The console's reports page, `/console/reports`, for supervisors: the same
report editors get from `councilbot report`, in the console's frame. The
route is in the console blueprint; this module builds the page. The
embedding model for grouping questions loads when the first report with
questions is asked for, and stays."""

from __future__ import annotations

import asyncio
import html

from sanic import Request

from bot.agents.accounts import Agent
from bot.gateway import console_page
from bot.reports import DEFAULT_DAYS, MAX_DAYS, LazyEncoder, build_report, render_html_body

FORBIDDEN = (
    '<h1 class="govuk-heading-l">You cannot see reports</h1>'
    '<p class="govuk-body">Reports are for supervisors. If you need one, ask your team leader or a '
    "supervisor to give you a copy, or to change your account.</p>"
    '<p class="govuk-body"><a class="govuk-link" href="/console">Go back to the queue</a></p>')
DAYS_ERROR = f"Enter the period as a whole number of days from 1 to {MAX_DAYS}"
# (view, label, href): the console's own views are parts of its one page.
SECTIONS = (("queue", "Queue", "/console#queue"), ("all", "All conversations", "/console#all"),
            ("audit", "Audit log", "/console#audit"), ("reports", "Reports", "/console/reports"))


def parse_days(raw: str | None) -> int | None:
    """The `days` query value; None if it is not a period the report takes."""
    if raw is None or raw.strip() == "":
        return DEFAULT_DAYS
    value = raw.strip()
    if not value.isdigit() or not 1 <= int(value) <= MAX_DAYS:
        return None
    return int(value)


def navigation(agent: Agent) -> str:
    items = []
    for view, label, href in SECTIONS if agent.is_supervisor else SECTIONS[:1]:
        link = f'class="govuk-service-navigation__link" href="{href}"'
        if view == "reports":
            items.append('<li class="govuk-service-navigation__item govuk-service-navigation__item--active">'
                         f'<a {link} aria-current="page">{html.escape(label)}</a></li>')
        else:
            items.append(f'<li class="govuk-service-navigation__item"><a {link}>'
                         f"{html.escape(label)}</a></li>")
    return "\n".join(items)


def period_form(days: str, error: bool) -> str:
    described = "days-hint days-error" if error else "days-hint"
    message = (f'<p id="days-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:'
               f"</span> {html.escape(DAYS_ERROR)}</p>") if error else ""
    return (
        '<form method="get" action="/console/reports" novalidate>'
        f'<div class="govuk-form-group{" govuk-form-group--error" if error else ""}">'
        '<label class="govuk-label govuk-label--s" for="days">Period, in days up to today</label>'
        f'<div id="days-hint" class="govuk-hint">From 1 to {MAX_DAYS}. Conversations are not kept '
        "long, so questions only go back as far as the retention period.</div>"
        f'{message}<input class="govuk-input govuk-input--width-3{" govuk-input--error" if error else ""}" '
        f'id="days" name="days" type="text" inputmode="numeric" spellcheck="false" '
        f'value="{html.escape(days, quote=True)}" aria-describedby="{described}"></div>'
        '<button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">'
        "Show the report</button></form>")


def error_summary() -> str:
    return ('<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">'
            '<h2 class="govuk-error-summary__title">There is a problem</h2>'
            '<div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">'
            f'<li><a href="#days">{html.escape(DAYS_ERROR)}</a></li></ul></div></div></div>')


def page(request: Request, agent: Agent, csrf: str, title: str, content: str) -> str:
    account = console_page.account_bar(f"Signed in as {html.escape(agent.name)}",
                                       html.escape(csrf, quote=True))
    return console_page.render(request.app.ctx.council.name, content, title=title,
                               sections=navigation(agent), account=account)


async def report_content(request: Request, days: int) -> str:
    ctx = request.app.ctx
    encoder = getattr(ctx, "report_encoder", None)
    if encoder is None:
        encoder = ctx.report_encoder = LazyEncoder()
    report = await asyncio.to_thread(build_report, ctx.db, ctx.council, ctx.settings.knowledge_dir,
                                     encoder, ctx.clock(), days)
    return render_html_body(report, controls=period_form(str(days), error=False))
