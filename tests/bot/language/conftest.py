"""One detector for the module's tests: its model loads once."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def detector():
    from bot.language import LanguageDetector

    return LanguageDetector.load()
