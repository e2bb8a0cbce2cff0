"""The privacy gate: find personal data and replace it with placeholders."""

from collections.abc import Iterable

from bot.privacy.engine import build_analyzer
from bot.privacy.published import PublishedContacts
from bot.privacy.redactor import Finding, Redaction, Redactor


def build_redactor(allow_words: Iterable[str] = (), published: Iterable[str] = ()) -> Redactor:
    """The redactor with the real analyzer. `allow_words` are the council's
    own names and places; `published` its own phone numbers, emails and
    website. Loads spaCy: call once per process."""
    return Redactor(build_analyzer(allow_words), published=PublishedContacts(published))


__all__ = ["Finding", "Redaction", "Redactor", "build_analyzer", "build_redactor"]
