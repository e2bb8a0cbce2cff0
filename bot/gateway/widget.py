"""Serves the resident's chat page, with the council's details filled in so
that even with the assistant down the page shows how to reach a person."""

from __future__ import annotations

import html
from importlib import resources
from string import Template

from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic.response import html as html_response
from sanic.response import json as json_response

from bot.council import Council

widget = Blueprint("widget")
STATIC = resources.files("bot.gateway").joinpath("static")


def render_page(council: Council) -> str:
    template = Template(STATIC.joinpath("index.html").read_text("utf-8"))
    values = {
        "council_name": council.name,
        "council_phone": council.phone,
        "opening_hours": council.opening_hours,
        "contact_url": council.contact_url,
        "privacy_notice_url": council.privacy_notice_url,
        "website": council.website,
    }
    return template.substitute({k: html.escape(v, quote=True) for k, v in values.items()})


@widget.get("/")
async def page(request: Request) -> HTTPResponse:
    return html_response(request.app.ctx.page, headers={"Cache-Control": "no-store"})


@widget.get("/api/council")
async def council_profile(request: Request) -> HTTPResponse:
    return json_response(request.app.ctx.council.public_profile())
