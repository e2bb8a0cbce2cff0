"""Which language a resident writes in, and what someone writing in a
language other than English is told: that the assistant answers in English
and how to ask the council for a free interpreter, in English and in their
language. The languages, the romanised Urdu words and the translations are
data (YAML), beside the code."""

from bot.language.detector import LanguageDetector, Thresholds
from bot.language.wording import InterpreterReplies, Reply

__all__ = ["InterpreterReplies", "LanguageDetector", "Reply", "Thresholds"]
