"""The transparency record says what happens to a message in another
language, which model tells, and what of it is stored."""

from __future__ import annotations

import importlib.metadata

from bot.transparency import build_record


def test_the_language_check_is_in_the_record(council, sources):
    record = build_record(council, sources)
    tool = record["tier2"]["tool_specification"]
    (language,) = [c for c in tool["components"] if c["id"] == "language"]
    assert language["package"] == "py3langid"
    assert language["version"] == importlib.metadata.version("py3langid")
    assert "free interpreter" in record["tier2"]["description_and_rationale"]["detailed_description"]
    assert any("another language" in line for line in tool["data"]["stored"])
    (bias,) = [r for r in record["tier2"]["risks_and_mitigations"] if r["id"] == "bias_and_equality"]
    assert any("interpreter" in line for line in bias["mitigations"])
