"""Answering from the pages when Rasa read a message as something else.

Rasa's intents come first: a message read as out of scope, not understood
or frustrated gets that reply. Residents who report a problem as a
statement ("the lamp post outside my house keeps flickering") or in a few
words are the ones it misreads most, and for those the pages are the
better judge of what they cover: when the answerer is sure, the resident
gets the answer instead."""

from __future__ import annotations

from rasa_sdk import Tracker

from bot.answers import Answer, Answerer


def answer_typed(answerer: Answerer, tracker: Tracker) -> Answer | None:
    """The answerer's reply to the latest message, if it was typed text
    (not a button's payload)."""
    text = tracker.latest_message.get("text") or ""
    if not text.strip() or text.startswith("/"):
        return None
    return answerer.answer(text)


def is_sure(answer: Answer | None) -> bool:
    """Confident on a close match in meaning, not let through by the word
    match alone."""
    return answer is not None and answer.confident and not answer.low


def sure_answer(answerer: Answerer, tracker: Tracker) -> Answer | None:
    """The answerer's reply to the latest typed message, only when it is sure."""
    answer = answer_typed(answerer, tracker)
    return answer if is_sure(answer) else None
