"""The report for content editors: what the assistant could not answer,
which answers residents found unhelpful, and which pages are due for review.
Plain services: neither sanic nor rasa_sdk is imported here."""

from bot.reports.encoder import LazyEncoder
from bot.reports.render import FORMATS, render, render_html_body
from bot.reports.report import DEFAULT_DAYS, MAX_DAYS, Report, build_report, check_days

__all__ = ["DEFAULT_DAYS", "FORMATS", "MAX_DAYS", "LazyEncoder", "Report", "build_report", "check_days",
           "render", "render_html_body"]
