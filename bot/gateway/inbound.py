"""Checks and tidies what a client sends before the privacy gate sees it."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from bot.gateway.errors import ApiError

# Control characters become spaces; line breaks and tabs are kept as spaces too.
_CONTROL_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}


def read_json_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ApiError(400, "invalid_json",
                       'The request body must be JSON, like {"text": "your question"}.') from None
    if not isinstance(data, dict):
        raise ApiError(400, "invalid_json",
                       'The request body must be a JSON object, like {"text": "your question"}.')
    return data


def clean_text(raw: Any, max_chars: int) -> str:
    """NFKC-normalised (so full-width digits and look-alike letters are seen
    for what they are), control characters removed, spaces collapsed."""
    if not isinstance(raw, str):
        raise ApiError(400, "invalid_text", 'Send your message as text, like {"text": "your question"}.')
    normalised = unicodedata.normalize("NFKC", raw)
    visible = "".join(" " if unicodedata.category(ch) in _CONTROL_CATEGORIES else ch
                      for ch in normalised)
    text = " ".join(visible.split())
    if not text:
        raise ApiError(422, "empty_message", "Your message is empty. Please type a question.")
    if len(text) > max_chars:
        raise ApiError(413, "message_too_long",
                       f"Your message is longer than {max_chars} characters. "
                       "Please shorten it or split it into smaller questions.")
    return text


_CLIENT_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")


def client_id(raw: Any) -> str | None:
    """The widget's own id for a typed message, so that sending it again
    after a failure (the gateway or Rasa restarting, a dropped connection)
    neither stores it twice nor loses the reply it already got."""
    if raw is None:
        return None
    if not isinstance(raw, str) or not _CLIENT_ID.fullmatch(raw):
        raise ApiError(400, "invalid_client_id",
                       "client_id must be 8 to 64 letters, digits, '-' or '_'.")
    return raw
