"""The table is data: the bundled one loads, and a bad one fails at load with
a ValueError that names the key, never at the first resident's message."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from bot.council import SENSITIVE_CATEGORIES
from bot.safety import CATEGORIES
from bot.safety.categories import Decision, load_table, parse_table


def minimal() -> dict:
    return {
        "version": 1,
        "lexicon": {"PARTNER": ["partner", "husband"]},
        "categories": {
            c: {"label": c, "score": 0.5, "patterns": [f"{c} word"], "exemplars": [f"a {c} example"]}
            for c in CATEGORIES
        },
        "negatives": ["dead fox on the road"],
    }


def test_the_safety_net_and_the_council_config_name_the_same_categories():
    assert tuple(CATEGORIES) == tuple(SENSITIVE_CATEGORIES)


def test_the_bundled_table_has_every_category_with_patterns_and_exemplars():
    table = load_table()
    assert [c.id for c in table.categories] == list(CATEGORIES)
    for category in table.categories:
        assert category.patterns and len(category.exemplars) >= 25, category.id
    assert len(table.negatives) >= 200
    assert 0 < table.semantic_threshold < 1


def test_a_miss_costs_most_in_three_categories_so_their_margin_is_smaller():
    table = load_table()
    margins = {c.id: c.semantic_margin for c in table.categories}
    for category in ("immediate_danger", "suicide_self_harm", "child_at_risk"):
        assert margins[category] is not None and margins[category] < table.semantic_margin


def test_the_most_urgent_categories_score_highest():
    scores = {c.id: c.score for c in load_table().categories}
    assert scores["immediate_danger"] > scores["suicide_self_harm"] > scores["child_at_risk"]
    assert scores["child_at_risk"] > max(scores[c] for c in CATEGORIES[3:] if c != "child_at_risk")


def test_a_minimal_table_parses_and_expands_word_groups():
    spec = minimal()
    spec["categories"]["domestic_abuse"]["patterns"] = [
        {"re": "my {PARTNER} {~2}hits me", "score": 0.9, "unless": ["in (?:the|a) game"]}
    ]
    table = parse_table(spec)
    pattern = table.category("domestic_abuse").patterns[0]
    assert pattern.score == 0.9
    assert pattern.regex.search("my husband often hits me")
    assert pattern.regex.search("my partner of ten years hits me") is None  # three words: beyond {~2}
    assert pattern.regex.search("my partners hits me") is None  # whole words only
    assert pattern.unless[0].search("my partner hits me in the game")


def test_an_editors_copy_loads_from_a_path(tmp_path: Path):
    path = tmp_path / "categories.yaml"
    path.write_text(yaml.safe_dump(minimal()), encoding="utf-8")
    assert load_table(path).category("hate_crime").label == "hate_crime"


def test_text_that_is_not_yaml_is_refused(tmp_path: Path):
    path = tmp_path / "categories.yaml"
    path.write_text("categories: [unclosed", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid YAML"):
        load_table(path)


def _edit(path: str, value) -> dict:
    """A copy of the minimal table with one key (dotted path) replaced, or
    removed when value is ...."""
    spec = copy.deepcopy(minimal())
    *parents, last = path.split(".")
    node = spec
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if value is ...:
        del node[last]
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return spec


@pytest.mark.parametrize(
    "path, value, message",
    [
        ("extra", 1, "top level: unknown key 'extra'"),
        ("categories", ["immediate_danger"], "categories: must be a mapping"),
        ("categories.fire", {}, "categories.fire: unknown category"),
        ("categories.hate_crime", ..., "categories.hate_crime: is missing"),
        ("categories.hate_crime.score", 1.5, r"categories.hate_crime.score: must be a number in \(0, 1\]"),
        ("categories.hate_crime.score", True, "categories.hate_crime.score: must be a number"),
        ("categories.hate_crime.label", "", "categories.hate_crime.label: must be a non-empty string"),
        ("categories.hate_crime.colour", "red", "categories.hate_crime: unknown key 'colour'"),
        ("categories.hate_crime.patterns", [], "categories.hate_crime.patterns: must be a non-empty list"),
        ("categories.hate_crime.patterns", ["(unclosed"],
         r"categories.hate_crime.patterns\[0\]: is not a valid regular expression"),
        ("categories.hate_crime.patterns", ["my {FRIEND} said"],
         r"categories.hate_crime.patterns\[0\]: unknown word group \{FRIEND\}"),
        ("categories.hate_crime.patterns", [{"regex": "x"}],
         r"categories.hate_crime.patterns\[0\]: unknown key 'regex'"),
        ("categories.hate_crime.patterns", [{"re": "x", "score": 0}],
         r"categories.hate_crime.patterns\[0\].score: must be a number"),
        ("categories.hate_crime.patterns", [{"re": "x", "unless": ["("]}],
         r"categories.hate_crime.patterns\[0\].unless\[0\]: is not a valid regular expression"),
        ("categories.hate_crime.patterns", [{"re": ""}],
         r"categories.hate_crime.patterns\[0\].re: must be a non-empty string"),
        ("categories.hate_crime.exemplars", [], "categories.hate_crime.exemplars: must be a non-empty list"),
        ("categories.hate_crime.exemplars", ["fine", 3],
         r"categories.hate_crime.exemplars\[1\]: must be a non-empty string"),
        ("categories.hate_crime.exclude", ["("], r"categories.hate_crime.exclude\[0\]: is not a valid"),
        ("categories.hate_crime.semantic_threshold", 2, "categories.hate_crime.semantic_threshold"),
        ("categories.hate_crime.semantic_margin", 2,
         r"categories.hate_crime.semantic_margin: must be a number in \[-1, 1\]"),
        ("negatives", [], "negatives: must be a non-empty list"),
        ("negatives", ..., "negatives: must be a non-empty list"),
        ("lexicon", ["partner"], "lexicon: must be a mapping"),
        ("lexicon.partner", ["x"], "lexicon.partner: names are upper case"),
        ("lexicon.PARTNER", [], "lexicon.PARTNER: must be a non-empty list"),
        ("semantic", {"threshold": 0}, "semantic.threshold: must be a number"),
        ("semantic", {"margin": 3}, r"semantic.margin: must be a number in \[-1, 1\]"),
        ("semantic", {"k": 1}, "semantic: unknown key 'k'"),
        ("vocabulary", "words", "vocabulary: must be a list"),
        ("classifier", [0.5], "classifier: must be a mapping"),
        ("classifier", {"bar": 0.5}, "classifier: unknown key 'bar'"),
        ("classifier", {"threshold": 1.5}, r"classifier.threshold: must be a number in \[0, 1\]"),
        ("classifier", {"with_intent": True}, "classifier.with_intent: must be a number"),
    ],
)
def test_a_bad_table_is_refused_naming_the_key(path, value, message):
    with pytest.raises(ValueError, match=message):
        parse_table(_edit(path, value))


def test_the_classifier_bars_default_when_left_out_and_are_read_when_given():
    assert parse_table(minimal()).classifier == Decision()
    spec = minimal()
    spec["classifier"] = {"threshold": 0.6, "with_intent": 0.2}
    bars = parse_table(spec).classifier
    assert (bars.threshold, bars.with_intent, bars.with_pattern) == (0.6, 0.2, Decision().with_pattern)


def test_a_table_that_is_not_a_mapping_is_refused():
    with pytest.raises(ValueError, match="top level: must be a mapping"):
        parse_table(["categories"])
