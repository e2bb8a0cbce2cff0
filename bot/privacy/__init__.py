"""The privacy gate: find personal data and replace it with placeholders."""

from collections.abc import Iterable

from bot.privacy.engine import build_analyzer
from bot.privacy.redactor import Finding, Redaction, Redactor


def build_redactor(allow_words: Iterable[str] = ()) -> Redactor:
    """The redactor with the real analyzer. Loads spaCy: call once per process."""
    return Redactor(build_analyzer(allow_words))


__all__ = ["Finding", "Redaction", "Redactor", "build_analyzer", "build_redactor"]
