"""The development examples as (category, text) pairs for parametrised
tests (the session's nets are in tests/conftest.py)."""

from __future__ import annotations

from tests.bot.safety.cases import ALSO, POSITIVES


def positive_cases() -> list[tuple[str, str]]:
    return [(category, text) for category, texts in POSITIVES.items() for text in texts]


def accepted(category: str, text: str) -> set[str]:
    """The categories a test accepts for an example: its own, and a second
    fair reading where there is one."""
    return {category} | ALSO.get(text, set())


def short_id(text: str) -> str:
    return text[:48]
