"""The resident's chat API: open a session, send a message or a button's
payload, get the replies; the live websocket for what comes later; "Was
this helpful?" on an answer; and the resident's rights over the
conversation: a copy, and deletion."""

from __future__ import annotations

import logging
import time

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json, raw

from bot.feedback import REASONS, AlreadyRated, BadReason, NotAnAnswer, UnknownMessage
from bot.gateway.conversation import InvalidPayload, NoReply
from bot.gateway.errors import ApiError
from bot.gateway.inbound import clean_text, client_id, read_json_object
from bot.gateway.live import SESSION_ID, resident_live
from bot.records import FORMATS, HandoffOpen, NothingStored
from bot.replies import still_with_a_person, unavailable

logger = logging.getLogger(__name__)

chat = Blueprint("chat", url_prefix="/api")

MAX_PAYLOAD_CHARS = 300


def unknown_session() -> ApiError:
    return ApiError(404, "unknown_session",
                    "This chat has ended or does not exist. Please start a new chat.")


def known_session(request: Request, session_id: str) -> str:
    if not SESSION_ID.match(session_id) or not request.app.ctx.conversations.log.exists(session_id):
        raise unknown_session()
    return session_id


def _unavailable(request: Request) -> ApiError:
    return ApiError(503, "assistant_unavailable", unavailable(request.app.ctx.council))


@chat.post("/sessions")
async def open_session(request: Request) -> HTTPResponse:
    try:
        session_id, messages = await request.app.ctx.conversations.open_session()
    except NoReply:
        raise _unavailable(request) from None
    return json({"session_id": session_id, "messages": messages}, status=201)


def invalid_payload() -> ApiError:
    return ApiError(400, "invalid_payload", "That choice isn't available any more. Please type your "
                    "question instead.")


def _payload(raw: object) -> str:
    if not isinstance(raw, str) or not raw.startswith("/") or len(raw) > MAX_PAYLOAD_CHARS:
        raise invalid_payload()
    return raw


@chat.post("/sessions/<session_id:str>/messages")
async def post_message(request: Request, session_id: str) -> HTTPResponse:
    known_session(request, session_id)
    data = read_json_object(request.body)
    started = time.perf_counter()
    timings: dict[str, float] = {}
    conversations = request.app.ctx.conversations
    try:
        if "payload" in data and "text" not in data:
            turn = await conversations.resident_turn(session_id, payload=_payload(data["payload"]))
        else:
            text = clean_text(data.get("text"), request.app.ctx.settings.max_message_chars)
            sent_as = client_id(data.get("client_id"))
            del data
            turn = await conversations.resident_turn(session_id, text=text, client_id=sent_as,
                                                     timings=timings)
            del text
    except InvalidPayload:
        raise invalid_payload() from None
    except NoReply:
        raise _unavailable(request) from None
    except NothingStored:
        raise unknown_session() from None
    if turn.erased:
        # The conversation is gone; the widget ends the chat and offers a new one.
        return json({"messages": turn.messages, "handoff": None, "erased": True})
    logger.info("session %s: message handled in %.0f ms (%d replies, handoff %s)", session_id[:8],
                (time.perf_counter() - started) * 1000, len(turn.messages),
                turn.handoff["status"] if turn.handoff else "none")
    timings["total"] = (time.perf_counter() - started) * 1000
    return json({"messages": turn.messages, "handoff": turn.handoff},
                headers={"Server-Timing": server_timing(timings)})


def server_timing(timings: dict[str, float]) -> str:
    """Where the time of a message went, for the load benchmark and a
    browser's developer tools (`Server-Timing`, W3C): steps and
    milliseconds only."""
    return ", ".join(f"{name};dur={ms:.1f}" for name, ms in timings.items())


@chat.get("/sessions/<session_id:str>/handoff")
async def get_handoff(request: Request, session_id: str) -> HTTPResponse:
    known_session(request, session_id)
    return json({"handoff": request.app.ctx.conversations.resident_handoff(session_id)})


@chat.websocket("/sessions/<session_id:str>/live")
async def live(request: Request, ws, session_id: str) -> None:
    await resident_live(request, ws, session_id)


@chat.get("/sessions/<session_id:str>/transcript")
async def transcript(request: Request, session_id: str) -> HTTPResponse:
    known_session(request, session_id)
    fmt = request.args.get("format", "text")
    if fmt not in FORMATS:
        raise ApiError(400, "invalid_format", "Ask for the conversation as format=text or format=json.")
    export = request.app.ctx.records.export(session_id, fmt)
    if export is None:
        raise unknown_session()
    return raw(export.body.encode("utf-8"), content_type=export.content_type, headers={
        "Content-Disposition": f'attachment; filename="{export.filename}"', "Cache-Control": "no-store"})


def _confirmed(body: bytes) -> bool:
    return bool(body.strip()) and read_json_object(body).get("confirm") is True


@chat.delete("/sessions/<session_id:str>")
async def erase(request: Request, session_id: str) -> HTTPResponse:
    known_session(request, session_id)
    if not _confirmed(request.body):
        raise ApiError(400, "confirmation_required",
                       "Please confirm that you want to delete this conversation: it removes "
                       "everything stored about it and cannot be undone. Send {\"confirm\": true} "
                       "to delete it.")
    try:
        request.app.ctx.conversations.erase(session_id)
    except HandoffOpen as exc:
        raise ApiError(409, "handoff_open", still_with_a_person(exc.status)) from None
    except NothingStored:
        raise unknown_session() from None
    return json({"deleted": True,
                 "message": "Your conversation has been deleted, with everything stored about it."})


# -- "Was this helpful?" ----------------------------------------------------

FEEDBACK_SHAPE = '{"seq": 3, "helpful": false, "reason": "did_not_answer"}'


def _invalid_reason() -> ApiError:
    return ApiError(400, "invalid_reason", "Choose a reason from the list (" + ", ".join(REASONS) +
                    '), or leave "reason" out. A reason goes only with "helpful": false.')


@chat.get("/feedback/reasons")
async def feedback_reasons(request: Request) -> HTTPResponse:
    return json({"question": "Was this helpful?",
                 "reasons": [{"code": code, "label": label} for code, label in REASONS.items()]})


@chat.post("/sessions/<session_id:str>/feedback")
async def rate_answer(request: Request, session_id: str) -> HTTPResponse:
    """Stores a yes or no on one of the assistant's answers in this chat, or
    the reason after a no. Nothing stored names the chat."""
    known_session(request, session_id)
    data = read_json_object(request.body)
    seq, helpful, reason = data.get("seq"), data.get("helpful"), data.get("reason")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        raise ApiError(400, "invalid_seq", "Say which answer you are rating by its number (seq), "
                       f"like {FEEDBACK_SHAPE}.")
    if not isinstance(helpful, bool):
        raise ApiError(400, "invalid_feedback", 'Say whether the answer helped with "helpful": true or '
                       f'"helpful": false, like {FEEDBACK_SHAPE}.')
    if reason is not None and (not isinstance(reason, str) or reason not in REASONS or helpful):
        raise _invalid_reason()
    try:
        state = request.app.ctx.ratings.rate(session_id, seq, helpful, reason)
    except UnknownMessage:
        raise ApiError(404, "unknown_message", "There is no message with that number in this chat.") from None
    except NotAnAnswer:
        raise ApiError(400, "not_an_answer", "Only the assistant's answers from the council's pages can "
                       "be rated.") from None
    except AlreadyRated:
        raise ApiError(409, "already_rated", "This answer has already been rated. Thank you.") from None
    except BadReason:
        raise _invalid_reason() from None
    # Not logged: a log line would tie the rating to the chat.
    return json({"seq": seq, "feedback": {"state": state}, "message": "Thank you for your feedback."})
