"""The agents' console: sign-in, the queue, a conversation's transcript,
claim, reply, release, resolve and hand back, availability, and for
supervisors every conversation, the audit log and the editors' report
(/console/reports). Each handler checks who is asking and calls a service;
the rules live in bot.handoff and bot.agents."""

from __future__ import annotations

import datetime as dt
import html
import logging
import secrets
from typing import Any

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json, redirect
from sanic.response import html as html_response

from bot.agents import accounts, audit, sessions
from bot.agents.accounts import Agent
from bot.gateway import console_page, reports
from bot.gateway.errors import ApiError
from bot.gateway.inbound import clean_text, read_json_object
from bot.gateway.live import console_live
from bot.handoff.service import NotYours
from bot.handoff.states import MoveRefused

logger = logging.getLogger(__name__)

console = Blueprint("console", url_prefix="/console")

COOKIE = "councilbot_console"
SIGNIN_COOKIE = "councilbot_signin"
MAX_REPLY_CHARS = 2000
CONSOLE_SCRIPT = "/static/console/console.js"
LOADING = "Loading your details..."


def _now(request: Request) -> dt.datetime:
    return request.app.ctx.clock()


def _idle(request: Request) -> dt.timedelta:
    return dt.timedelta(seconds=request.app.ctx.settings.console_idle_seconds)


def signed_in(request: Request, touch: bool = True) -> tuple[Agent, str] | None:
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    return sessions.resume(request.app.ctx.db, token, _now(request), _idle(request), touch=touch)


def csrf_failed() -> ApiError:
    return ApiError(403, "csrf_failed", "This request could not be checked. Please reload the console.")


def require_agent(request: Request, *, supervisor: bool = False, changes: bool = False) -> Agent:
    found = signed_in(request)
    if found is None:
        raise ApiError(401, "not_signed_in", "Please sign in to the console.")
    agent, csrf = found
    if supervisor and not agent.is_supervisor:
        raise ApiError(403, "forbidden", "Only supervisors can see this.")
    if changes and not sessions.csrf_matches(csrf, request.headers.get("X-CSRF-Token")):
        raise csrf_failed()
    return agent


def _cookie(response: HTTPResponse, request: Request, name: str, value: str, path: str = "/console") -> None:
    response.add_cookie(name, value, path=path, httponly=True, samesite="Strict",
                        secure=request.app.ctx.settings.secure_cookies)


def _sign_in_page(request: Request, error: str = "", username: str = "", status: int = 200) -> HTTPResponse:
    token = secrets.token_urlsafe(32)
    summary = ""
    if error:
        summary = (
            '<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">'
            '<h2 class="govuk-error-summary__title">There is a problem</h2>'
            '<div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">'
            f'<li><a href="#username">{html.escape(error)}</a></li></ul></div></div></div>')
    council_name = request.app.ctx.council.name
    main = console_page.template("sign-in.html").substitute(
        council_name=html.escape(council_name), csrf_token=token,
        error_summary=summary, username=html.escape(username, quote=True))
    page = console_page.render(council_name, main, title="Sign in")
    response = html_response(page, status=status, headers={"Cache-Control": "no-store"})
    _cookie(response, request, SIGNIN_COOKIE, token)
    return response


@console.get("/")
async def home(request: Request) -> HTTPResponse:
    if signed_in(request) is None:
        return _sign_in_page(request)
    account = console_page.account_bar(LOADING, "", controls=console_page.fragment("console-controls.html"))
    page = console_page.render(
        request.app.ctx.council.name, console_page.fragment("console.html"),
        sections=console_page.fragment("console-sections.html"), account=account, scripts=(CONSOLE_SCRIPT,))
    return html_response(page, headers={"Cache-Control": "no-store"})


@console.post("/sign-in")
async def sign_in(request: Request) -> HTTPResponse:
    form = request.form or {}
    username = (form.get("username") or "").strip()[:64]
    password = form.get("password") or ""
    expected = request.cookies.get(SIGNIN_COOKIE) or ""
    if not expected or not sessions.csrf_matches(expected, form.get("csrf_token")):
        return _sign_in_page(request, "Your sign-in form had expired. Please try again.", username, 403)
    if not request.app.ctx.signin_limit.allow(request.app.ctx.limits.address.of(request)):
        return _sign_in_page(request, "Too many sign-in attempts. Wait a few minutes, then try again.",
                             username, 429)
    settings, db, now = request.app.ctx.settings, request.app.ctx.db, _now(request)
    result = accounts.authenticate(db, username, password, now, settings.signin_max_failures,
                                   dt.timedelta(seconds=settings.signin_lockout_seconds))
    with db.begin() as conn:
        audit.record(conn, now, username or "(blank)",
                     {"ok": "sign_in", "wrong": "sign_in_failed", "locked": "sign_in_locked"}[result.outcome])
    if result.outcome == "locked":
        minutes = max(1, round(((result.locked_until or now) - now).total_seconds() / 60))
        return _sign_in_page(request, f"This account is locked after too many wrong passwords. "
                             f"Try again in {minutes} minutes, or ask a supervisor to reset it.",
                             username, 429)
    if result.agent is None:
        return _sign_in_page(request, "The username or password is not right. Check them and try again.",
                             username, 401)
    token, _csrf = sessions.start(db, result.agent.id, now)
    response = redirect("/console", status=303)
    _cookie(response, request, COOKIE, token)
    response.delete_cookie(SIGNIN_COOKIE, path="/console")
    return response


@console.post("/sign-out")
async def sign_out(request: Request) -> HTTPResponse:
    found = signed_in(request)
    if found is not None:
        agent, csrf = found
        given = (request.form or {}).get("csrf_token") or request.headers.get("X-CSRF-Token")
        if not sessions.csrf_matches(csrf, given):
            raise csrf_failed()
        sessions.end(request.app.ctx.db, request.cookies.get(COOKIE, ""))
        with request.app.ctx.db.begin() as conn:
            audit.record(conn, _now(request), agent.username, "sign_out")
    response = redirect("/console", status=303)
    response.delete_cookie(COOKIE, path="/console")
    return response


def _me(request: Request, agent: Agent, csrf: str) -> dict[str, Any]:
    centre = request.app.ctx.council.contact_centre
    return {"username": agent.username, "name": agent.name, "role": agent.role,
            "availability": agent.availability, "csrf_token": csrf,
            "canned_responses": list(centre.canned_responses) if centre else [],
            "outcomes": [{"id": o.id, "label": o.label} for o in centre.outcomes] if centre else []}


@console.get("/api/me")
async def me(request: Request) -> HTTPResponse:
    agent = require_agent(request)
    _, csrf = signed_in(request, touch=False) or (None, "")
    return json(_me(request, agent, csrf))


@console.post("/api/availability")
async def availability(request: Request) -> HTTPResponse:
    agent = require_agent(request, changes=True)
    value = read_json_object(request.body).get("availability")
    try:
        accounts.set_availability(request.app.ctx.db, agent.id, str(value))
    except ValueError:
        raise ApiError(422, "invalid_availability", 'Choose "available" or "away".') from None
    with request.app.ctx.db.begin() as conn:
        audit.record(conn, _now(request), agent.username, "availability", detail=str(value))
    request.app.ctx.conversations.queue_changed()
    agent, csrf = signed_in(request, touch=False) or (agent, "")
    return json(_me(request, agent, csrf))


@console.get("/api/queue")
async def queue(request: Request) -> HTTPResponse:
    require_agent(request)
    return json({"handoffs": request.app.ctx.conversations.queue_snapshot()})


@console.get("/api/handoffs")
async def all_handoffs(request: Request) -> HTTPResponse:
    require_agent(request, supervisor=True)
    conversations = request.app.ctx.conversations
    handoffs = conversations.handoffs
    return json({"handoffs": [handoffs.summary(r) for r in handoffs.everything()]})


def _handoff(request: Request, handoff_id: str):
    row = request.app.ctx.conversations.handoffs.get(handoff_id) if len(handoff_id) == 32 else None
    if row is None:
        raise ApiError(404, "unknown_handoff", "There is no such conversation in the queue.")
    return row


@console.get("/api/handoffs/<handoff_id:str>")
async def view(request: Request, handoff_id: str) -> HTTPResponse:
    agent = require_agent(request)
    conversations = request.app.ctx.conversations
    row = _handoff(request, handoff_id)
    with request.app.ctx.db.begin() as conn:
        audit.record(conn, _now(request), agent.username, "view", handoff_id)
    return json({"handoff": conversations.handoffs.summary(row), "messages": conversations.transcript(row)})


def _refused(exc: MoveRefused) -> ApiError:
    row = exc.current
    if row is not None and row.status == "active" and exc.move == "claim":
        return ApiError(409, "already_claimed",
                        f"{row.agent_name or 'Another agent'} is already handling this conversation.")
    status = row.status if row is not None else "gone"
    return ApiError(409, "not_possible", f"This conversation is {status} now, so that can't be done. "
                    "The queue has been refreshed.")


def _not_yours() -> ApiError:
    return ApiError(409, "not_yours", "You are not handling this conversation. Claim it first.")


@console.post("/api/handoffs/<handoff_id:str>/claim")
async def claim(request: Request, handoff_id: str) -> HTTPResponse:
    agent = require_agent(request, changes=True)
    _handoff(request, handoff_id)
    conversations = request.app.ctx.conversations
    try:
        row = await conversations.claim(handoff_id, agent)
    except MoveRefused as exc:
        raise _refused(exc) from None
    return json({"handoff": conversations.handoffs.summary(row)})


@console.post("/api/handoffs/<handoff_id:str>/messages")
async def reply(request: Request, handoff_id: str) -> HTTPResponse:
    agent = require_agent(request, changes=True)
    _handoff(request, handoff_id)
    text = clean_text(read_json_object(request.body).get("text"), MAX_REPLY_CHARS)
    try:
        message = await request.app.ctx.conversations.agent_says(handoff_id, agent, text)
    except NotYours:
        raise _not_yours() from None
    del text
    return json({"message": message.as_api()})


async def _agent_move(request: Request, handoff_id: str, outcome_required: bool | None) -> HTTPResponse:
    agent = require_agent(request, changes=True)
    _handoff(request, handoff_id)
    conversations = request.app.ctx.conversations
    try:
        if outcome_required is None:
            row = await conversations.release(handoff_id, agent)
        elif outcome_required:
            outcome = read_json_object(request.body).get("outcome")
            centre = request.app.ctx.council.contact_centre
            if outcome not in {o.id for o in centre.outcomes}:
                raise ApiError(422, "invalid_outcome", "Choose an outcome for this conversation.")
            row = await conversations.finish(handoff_id, agent, str(outcome))
        else:
            row = await conversations.finish(handoff_id, agent, None)
    except NotYours:
        raise _not_yours() from None
    except MoveRefused as exc:
        raise _refused(exc) from None
    return json({"handoff": conversations.handoffs.summary(row)})


@console.post("/api/handoffs/<handoff_id:str>/release")
async def release(request: Request, handoff_id: str) -> HTTPResponse:
    return await _agent_move(request, handoff_id, None)


@console.post("/api/handoffs/<handoff_id:str>/resolve")
async def resolve(request: Request, handoff_id: str) -> HTTPResponse:
    return await _agent_move(request, handoff_id, True)


@console.post("/api/handoffs/<handoff_id:str>/hand-back")
async def hand_back(request: Request, handoff_id: str) -> HTTPResponse:
    return await _agent_move(request, handoff_id, False)


@console.get("/api/audit")
async def audit_log(request: Request) -> HTTPResponse:
    require_agent(request, supervisor=True)
    try:
        limit = min(1000, max(1, int(request.args.get("limit", "200"))))
    except ValueError:
        limit = 200
    return json({"entries": audit.recent(request.app.ctx.db, limit)})


@console.get("/reports")
async def reports_page(request: Request) -> HTTPResponse:
    """The editors' report, for supervisors. Someone not signed in goes to
    the sign-in page; an agent who is not a supervisor is told why not."""
    found = signed_in(request)
    if found is None:
        return redirect("/console", status=303)
    agent, csrf = found
    headers = {"Cache-Control": "no-store"}
    if not agent.is_supervisor:
        page = reports.page(request, agent, csrf, "You cannot see reports", reports.FORBIDDEN)
        return html_response(page, status=403, headers=headers)
    days = reports.parse_days(request.args.get("days"))
    if days is None:
        content = reports.error_summary() + reports.period_form(request.args.get("days", ""), error=True)
        page = reports.page(request, agent, csrf, "Error: Reports", content)
        return html_response(page, status=400, headers=headers)
    content = await reports.report_content(request, days)
    with request.app.ctx.db.begin() as conn:
        audit.record(conn, _now(request), agent.username, "report_viewed", detail=f"days={days}")
    return html_response(reports.page(request, agent, csrf, "Reports", content), headers=headers)


@console.websocket("/live")
async def live(request: Request, ws) -> None:
    origin = request.headers.get("origin", "")
    host = request.headers.get("host", "")
    if signed_in(request, touch=False) is None or origin.split("://", 1)[-1] != host:
        await ws.close(4401, "not signed in")
        return
    await console_live(request, ws, lambda: signed_in(request, touch=False) is not None)
