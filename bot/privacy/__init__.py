"""The privacy gate: find personal data and minimise it before the text
reaches Rasa or any log.

The analyzer (presidio and spaCy) is imported only when a redactor is built,
so the council config can check its minimisation policy without loading it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from bot.privacy.policy import MinimisationPolicy

if TYPE_CHECKING:
    from bot.council import Council
    from bot.privacy.redactor import Redactor


def build_redactor(allow_words: Iterable[str] = (), published: Iterable[str] = (),
                   policy: MinimisationPolicy | None = None) -> Redactor:
    """The redactor with the real analyzer. `allow_words` are the council's
    own names and places; `published` its own phone numbers, emails and
    website; `policy` what each detail becomes (typed placeholders if none).
    Loads spaCy: call once per process."""
    from bot.privacy.engine import build_analyzer
    from bot.privacy.published import PublishedContacts
    from bot.privacy.redactor import Redactor

    return Redactor(build_analyzer(allow_words), published=PublishedContacts(published),
                    policy=policy)


def council_redactor(council: Council, pseudonym_key: str = "") -> Redactor:
    """The redactor the gateway puts every resident's message through: the
    council's own words and contacts left alone, its minimisation policy
    applied. Loads spaCy: call once per process."""
    policy = MinimisationPolicy.from_config(council.minimisation, pseudonym_key)
    return build_redactor(council.own_words(), council.published_contacts(), policy)


__all__ = ["MinimisationPolicy", "build_redactor", "council_redactor"]
