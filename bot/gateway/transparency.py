"""The public transparency record: `/transparency` for people and
`/transparency.json` for machines; and the open performance figures,
`/transparency/performance` and `/transparency/performance.json`. Built on
each request, off the event loop, so a rebuilt index, a retrained model or
a new evaluation shows at once."""

from __future__ import annotations

import asyncio

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, html, json

from bot.transparency import Sources, build_record, render_page
from bot.transparency.performance import build_performance
from bot.transparency.performance_page import render_performance_page

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


async def _performance(request: Request) -> dict:
    ctx = request.app.ctx
    return await asyncio.to_thread(build_performance, ctx.counters, ctx.settings.evaluation_file, ctx.clock)


@transparency.get("/transparency/performance")
async def performance_page(request: Request) -> HTTPResponse:
    figures = await _performance(request)
    return html(render_performance_page(figures, request.app.ctx.council), headers=HEADERS)


@transparency.get("/transparency/performance.json")
async def performance_data(request: Request) -> HTTPResponse:
    return json(await _performance(request), headers=HEADERS)
