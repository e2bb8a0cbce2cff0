"""The transparency blueprint: registered on the app, and its handlers turn
the record into an HTML page and JSON without starting a server."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from types import SimpleNamespace

import pytest

from bot.gateway import transparency
from bot.settings import Settings

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


@pytest.fixture()
def request_for(council, tmp_path):
    settings = Settings.from_env({"COUNCILBOT_INDEX_DIR": str(tmp_path / "index"),
                                  "COUNCILBOT_MODELS_DIR": str(tmp_path / "models"),
                                  "COUNCILBOT_RASA_VENV": str(tmp_path / "venv")})
    ctx = SimpleNamespace(council=council, settings=settings, clock=lambda: NOW)
    return SimpleNamespace(app=SimpleNamespace(ctx=ctx))


def test_the_app_serves_both_addresses(root):
    from bot.gateway.app import create_app

    app = create_app(Settings.from_env({"COUNCILBOT_COUNCIL_FILE": str(root / "config" / "council.yml")}),
                     name="transparency_routes")
    paths = {route.path for route in app.router.routes}
    assert {"transparency", "transparency.json"} <= paths


def test_the_page_is_html_and_not_cached(request_for):
    response = asyncio.run(transparency.page(request_for))
    assert response.status == 200
    assert response.content_type.startswith("text/html")
    assert response.headers["Cache-Control"] == "no-cache"
    body = response.body.decode()
    assert "<h1 class=\"govuk-heading-xl\">How the AI assistant works</h1>" in body
    # Nothing is built in this temporary directory: the page says so.
    assert "has not been built on this server yet" in body


def test_the_data_is_the_record_as_json(request_for):
    response = asyncio.run(transparency.data(request_for))
    assert response.status == 200 and response.content_type == "application/json"
    record = json.loads(response.body)
    assert record["generated_at"] == NOW.isoformat()
    assert set(record["tier2"]) >= {"owner_and_responsibility", "description_and_rationale",
                                    "decision_making_process", "tool_specification",
                                    "risks_and_mitigations"}
    assert record["tier2"]["tool_specification"]["knowledge_index"]["available"] is False
