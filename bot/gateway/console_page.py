"""The console's pages in the shared layout: sign-in, the queue (which
console.js fills in) and the reports page share the console's title,
header links, robots rule and GOV.UK Frontend start-up script; the
signed-in ones add the sections navigation and the account bar, and are
wider, to fit the queue beside a conversation."""

from __future__ import annotations

from importlib import resources
from string import Template

from bot import layout

PAGES = resources.files("bot.gateway").joinpath("static", "console")
SERVICE = "Contact centre console"
HOME = "/console"
HEAD = ('<meta name="robots" content="noindex, nofollow">\n'
        '  <script type="module" src="/static/console/console-init.js"></script>')


def fragment(name: str) -> str:
    return PAGES.joinpath(name).read_text("utf-8")


def template(name: str) -> Template:
    return Template(fragment(name))


def account_bar(who: str, csrf_token: str, controls: str = "") -> str:
    """The account bar: `who` and `controls` are markup, `csrf_token` an
    escaped attribute value (empty when console.js fills it in)."""
    return template("account.html").substitute(who=who, controls=controls, csrf_token=csrf_token)


def render(council_name: str, main: str, *, title: str = "", sections: str = "", account: str = "",
           scripts: tuple[str, ...] = ()) -> str:
    """A console page. `title` names it before the console's own name;
    `sections` are the navigation's `<li>` items, for signed-in pages;
    `scripts` are the addresses of deferred scripts of the page's own."""
    head = HEAD + "".join(f'\n  <script src="{src}" defer></script>' for src in scripts)
    return layout.render(
        title=f"{title} - {SERVICE} - {council_name}" if title else f"{SERVICE} - {council_name}",
        council_name=council_name, home_url=HOME, service_name=SERVICE, service_url=HOME,
        head=head, main=main, header=account, wide=bool(sections),
        navigation=template("navigation.html").substitute(sections=sections) if sections else "")
