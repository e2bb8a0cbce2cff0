"""The command-line interfaces that evaluations rely on, run as a tester would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def councilbot(*args: str, stdin: str = "", env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args], input=stdin, capture_output=True, text=True,
        cwd=ROOT, env={**os.environ, **(env or {})}, timeout=300,
    )


def test_redact_jsonl_writes_one_line_per_input_in_order():
    lines = [
        {"id": "a", "text": "email zeb.q@example.com now"},
        {"id": "b", "text": "my bin was missed"},
        {"id": 3, "text": "call 07911 123456"},
    ]
    result = councilbot("privacy", "redact", "--jsonl",
                        stdin="".join(json.dumps(x) + "\n" for x in lines))
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b", 3]
    assert out[0]["text"] == "email <EMAIL> now"
    assert out[0]["entities"] == [{"type": "EMAIL", "start": 6, "end": 23, "score": 1.0}]
    assert lines[0]["text"][6:23] == "zeb.q@example.com"
    assert out[1] == {"id": "b", "text": "my bin was missed", "entities": []}
    assert out[2]["text"] == "call <PHONE>"


def test_redact_jsonl_answers_bad_lines_without_echoing_them():
    stdin = '{"id": "ok", "text": "hi"}\nnot json zeb.q@example.com\n{"id": "x"}\n'
    result = councilbot("privacy", "redact", "--jsonl", stdin=stdin)
    assert result.returncode == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0]["id"] == "ok"
    assert out[1] == {"id": None, "error": "line 2 is not valid JSON"}
    assert out[2] == {"id": None, "error": "line 3 needs an object with a string 'text'"}
    assert "zeb.q" not in result.stdout + result.stderr


def test_knowledge_validate_passes_on_the_councils_files():
    # The reach check needs var/index as built from the files; test_cli_knowledge covers it.
    result = councilbot("knowledge", "validate", "--no-reach")
    assert result.returncode == 0, result.stderr
    assert "all valid" in result.stdout


def test_knowledge_validate_reports_problems(tmp_path):
    (tmp_path / "bad.md").write_text("no front matter")
    result = councilbot("knowledge", "validate", env={"COUNCILBOT_KNOWLEDGE_DIR": str(tmp_path)})
    assert result.returncode == 1
    assert "bad.md:1: has no front matter" in result.stderr


@pytest.fixture(scope="module")
def built_index(tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    result = councilbot("knowledge", "build", env={"COUNCILBOT_VAR_DIR": str(var)})
    assert result.returncode == 0, result.stderr
    return var


def test_knowledge_search_json(built_index):
    result = councilbot("knowledge", "search", "--json", "--top-k", "2", "how do I pay council tax",
                        env={"COUNCILBOT_VAR_DIR": str(built_index)})
    assert result.returncode == 0, result.stderr
    results = json.loads(result.stdout)["results"]
    assert len(results) == 2
    assert results[0]["id"] == "pay-council-tax"
    assert set(results[0]) == {"id", "title", "url", "path", "score"}
    assert results[0]["path"] == "pay-council-tax.md"


def test_knowledge_search_jsonl(built_index):
    stdin = '{"id": 1, "text": "rats in the garden"}\n{"id": 2, "text": "blue badge"}\n'
    result = councilbot("knowledge", "search", "--jsonl", "--top-k", "1", stdin=stdin,
                        env={"COUNCILBOT_VAR_DIR": str(built_index)})
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o["id"], o["results"][0]["id"]) for o in out] == [(1, "pest-control"), (2, "blue-badge")]


def test_knowledge_search_without_an_index_says_how_to_build_one(tmp_path):
    result = councilbot("knowledge", "search", "bins", env={"COUNCILBOT_VAR_DIR": str(tmp_path)})
    assert result.returncode == 1
    assert "councilbot knowledge build" in result.stderr


def test_bad_settings_are_reported_plainly():
    result = councilbot("knowledge", "validate", env={"COUNCILBOT_GATEWAY_PORT": "eighty"})
    assert result.returncode == 2
    assert "COUNCILBOT_GATEWAY_PORT must be a whole number" in result.stderr
