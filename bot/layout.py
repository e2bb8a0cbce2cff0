"""The one GOV.UK Frontend page shell for every page drawn on the server
(the console's, and the public transparency record and figures), so the
skip link, header, landmarks and stylesheets are written once.

Plain text (the title, names and addresses) is escaped here; the slots
that take markup (`head`, `navigation`, `header`, `main`, `footer`) are
put in as given, so whoever builds them escapes their own values. The
shell has no script of its own and nothing inline: the gateway's
Content-Security-Policy allows neither. No sanic import: the transparency
record is drawn with it too.
"""

from __future__ import annotations

import html
from importlib import resources
from string import Template

LAYOUT = resources.files("bot").joinpath("layout.html")
CONTAINER = "govuk-width-container"
# Wider than GOV.UK's 960px, for the queue beside a conversation.
WIDE_CONTAINER = "govuk-width-container app-width-container"


def render(*, title: str, council_name: str, home_url: str, service_name: str, service_url: str,
           main: str, head: str = "", navigation: str = "", header: str = "", footer: str = "",
           wide: bool = False) -> str:
    """A whole page. `navigation` is the service navigation's `<nav>`,
    `header` what follows it in the header, `footer` a `<footer>`."""
    return Template(LAYOUT.read_text("utf-8")).substitute(
        title=_e(title), council_name=_e(council_name), home_url=_e(home_url),
        service_name=_e(service_name), service_url=_e(service_url),
        container=WIDE_CONTAINER if wide else CONTAINER,
        navigation_module=' data-module="govuk-service-navigation"' if navigation else "",
        head=head, navigation=navigation, header=header, main=main, footer=footer)


def _e(text: str) -> str:
    return html.escape(text, quote=True)
