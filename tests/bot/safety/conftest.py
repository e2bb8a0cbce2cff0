"""One safety net per session, with and without the embedding model, and the
development examples as (category, text) pairs for parametrised tests."""

from __future__ import annotations

import pytest

from tests.bot.safety.cases import ALSO, POSITIVES


@pytest.fixture(scope="session")
def net():
    from bot.safety import SafetyNet

    return SafetyNet.load()


@pytest.fixture(scope="session")
def semantic_net(embedder):
    from bot.safety import SafetyNet

    return SafetyNet.load(embedder=embedder)


def positive_cases() -> list[tuple[str, str]]:
    return [(category, text) for category, texts in POSITIVES.items() for text in texts]


def accepted(category: str, text: str) -> set[str]:
    """The categories a test accepts for an example: its own, and a second
    fair reading where there is one."""
    return {category} | ALSO.get(text, set())


def short_id(text: str) -> str:
    return text[:48]
