"""The public transparency record: `/transparency` for people and
`/transparency.json` for machines. Built on each request, off the event
loop, so a rebuilt index or retrained model shows at once."""

from __future__ import annotations

import asyncio

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, html, json

from bot.transparency import Sources, build_record, render_page

transparency = Blueprint("transparency")
HEADERS = {"Cache-Control": "no-cache"}


async def _record(request: Request) -> dict:
    ctx = request.app.ctx
    return await asyncio.to_thread(build_record, ctx.council, Sources.from_settings(ctx.settings), ctx.clock)


@transparency.get("/transparency")
async def page(request: Request) -> HTTPResponse:
    record = await _record(request)
    return html(render_page(record, request.app.ctx.council), headers=HEADERS)


@transparency.get("/transparency.json")
async def data(request: Request) -> HTTPResponse:
    return json(await _record(request), headers=HEADERS)
