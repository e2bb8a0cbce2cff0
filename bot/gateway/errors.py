"""One JSON error shape for every failure a client can see:
`{"error": {"code", "message"}}`, with a fitting HTTP status."""

from __future__ import annotations

import logging

from sanic import Request
from sanic.exceptions import SanicException
from sanic.response import HTTPResponse, json
from sqlalchemy.exc import DBAPIError, OperationalError

logger = logging.getLogger(__name__)


class ApiError(SanicException):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message, status_code=status)
        self.code = code


_BY_STATUS = {
    400: ("bad_request", "The request could not be read. Send JSON like {\"text\": \"your question\"}."),
    404: ("not_found", "There is nothing at this address."),
    405: ("method_not_allowed", "This address does not accept that method."),
    408: ("timeout", "The request took too long. Please try again."),
    413: ("too_large", "The request is too large. Please send a shorter message."),
}


def error_response(status: int, code: str, message: str) -> HTTPResponse:
    return json({"error": {"code": code, "message": message}}, status=status)


def handle_error(request: Request, exc: Exception) -> HTTPResponse:
    if isinstance(exc, ApiError):
        response = error_response(exc.status_code, exc.code, str(exc))
        if retry_after := getattr(exc, "retry_after", None):
            response.headers["Retry-After"] = str(retry_after)
        return response
    if isinstance(exc, SanicException) and exc.status_code < 500:
        code, message = _BY_STATUS.get(exc.status_code, ("bad_request", "The request was not valid."))
        return error_response(exc.status_code, code, message)
    if isinstance(exc, OperationalError) or (isinstance(exc, DBAPIError) and exc.connection_invalidated):
        # The database is restarting or out of reach: nothing was stored, and
        # the widget sends the message again under the same id.
        logger.warning("database unavailable on %s %s", request.method, request.path)
        response = error_response(503, "store_unavailable",
                                  "The assistant is restarting. Please try again in a moment.")
        response.headers["Retry-After"] = "5"
        return response
    # Never log the request body: it may hold what a resident typed.
    logger.error("unhandled %s on %s %s", type(exc).__name__, request.method, request.path)
    return error_response(500, "internal_error",
                          "Something went wrong on our side. Please try again in a moment.")
