"""The classifier's training messages are data: the bundled files load, a
bad line fails naming the file and line, and messages become the pieces
the classifier learns from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.safety import CATEGORIES
from bot.safety.categories import load_table
from bot.safety.examples import Example, read_messages, training_examples, training_files, training_pieces


def test_the_bundled_messages_cover_every_category_and_plenty_of_harmless_ones():
    messages = [m for path in training_files() for m in read_messages(path)]
    counts = {c: sum(1 for m in messages if m.category == c) for c in CATEGORIES}
    assert min(counts.values()) >= 100, counts
    assert sum(1 for m in messages if m.category is None) >= 1500


@pytest.mark.parametrize(
    "line, message",
    [
        ("not json", "positives.jsonl line 2: not valid JSON"),
        ("[1, 2]", "line 2: must be a JSON object"),
        ('{"text": "", "category": null}', "line 2: 'text' must be a non-empty string"),
        ('{"text": "hi", "category": "fire"}', "line 2: unknown category 'fire'"),
        ('{"text": "hi", "category": null, "style": 3}', "line 2: 'style' must be a string"),
    ],
)
def test_a_bad_line_is_refused_naming_the_file_and_line(tmp_path: Path, line, message):
    path = tmp_path / "positives.jsonl"
    good = json.dumps({"text": "he has a knife", "category": "immediate_danger"})
    path.write_text(f"{good}\n{line}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        read_messages(path)


def test_a_harmless_message_teaches_every_sentence_and_a_sensitive_one_only_when_it_is_one():
    pieces = training_pieces([
        Example("My bin was missed. The lid is broken too.", None),
        Example("I want to end it all", "suicide_self_harm"),
        Example("Council tax question. Also my partner hits me.", "domestic_abuse"),
    ])
    assert pieces == [
        Example("My bin was missed.", None),
        Example("The lid is broken too.", None),
        Example("I want to end it all", "suicide_self_harm"),
    ]


def test_training_examples_include_the_table_and_the_files_once_each(tmp_path: Path):
    (tmp_path / "a.jsonl").write_text(
        '{"text": "he has a knife", "category": "immediate_danger"}\n'
        '{"text": "He has a knife", "category": "immediate_danger"}\n', encoding="utf-8")
    table = load_table()
    examples = training_examples(table, tmp_path)
    from_files = [e for e in examples if e.text.lower() == "he has a knife"]
    assert len(from_files) == 1
    assert len(examples) == sum(len(c.exemplars) for c in table.categories) + len(table.negatives) + 1
