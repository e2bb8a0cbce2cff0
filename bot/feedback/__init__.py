""""Was this helpful?" on the assistant's answers: a yes or no, and after a
no an optional reason from a short fixed list. Each rating is kept as an
anonymous row (topic, section, yes or no, reason code, day) with nothing
that leads back to the conversation. Imports neither sanic nor rasa_sdk."""

from bot.feedback.ratings import (
    AWAITING_REASON,
    RATED,
    REASONS,
    UNRATED,
    AlreadyRated,
    BadReason,
    FeedbackRefused,
    NotAnAnswer,
    Ratings,
    UnknownMessage,
    feedback_state,
)

__all__ = ["AWAITING_REASON", "RATED", "REASONS", "UNRATED", "AlreadyRated", "BadReason",
           "FeedbackRefused", "NotAnAnswer", "Ratings", "UnknownMessage", "feedback_state"]
