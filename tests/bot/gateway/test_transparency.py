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


@pytest.fixture()
def performance_request(council, tmp_path, engine):
    from pathlib import Path

    from bot.performance import MonthlyCounters

    evaluation = Path(__file__).resolve().parents[2] / "support" / "knowledge_evaluation.json"
    settings = Settings.from_env({"COUNCILBOT_EVALUATION_FILE": str(evaluation)})
    counters = MonthlyCounters(engine, lambda: NOW)
    for metric, by in {"questions": 25, "answered": 20, "rated_helpful": 4, "handoff_request": 11}.items():
        counters.add(metric, by)
    ctx = SimpleNamespace(council=council, settings=settings, clock=lambda: NOW, counters=counters)
    return SimpleNamespace(app=SimpleNamespace(ctx=ctx))


def test_the_app_serves_the_performance_figures_too(root):
    from bot.gateway.app import create_app

    app = create_app(Settings.from_env({"COUNCILBOT_COUNCIL_FILE": str(root / "config" / "council.yml")}),
                     name="performance_routes")
    paths = {route.path for route in app.router.routes}
    assert {"transparency/performance", "transparency/performance.json"} <= paths


def test_the_performance_page(performance_request):
    response = asyncio.run(transparency.performance_page(performance_request))
    assert response.status == 200 and response.content_type.startswith("text/html")
    assert response.headers["Cache-Control"] == "no-cache"
    body = response.body.decode()
    assert "How the AI assistant is doing" in body
    assert "November 2026 (so far)" in body and ">25<" in body and ">80%<" in body
    assert "fewer than 10" in body and "Plainly worded" in body


def test_the_performance_data(performance_request):
    response = asyncio.run(transparency.performance_data(performance_request))
    assert response.status == 200 and response.content_type == "application/json"
    figures = json.loads(response.body)
    (month,) = figures["months"]
    assert month["month"] == "2026-11"
    assert month["questions"] == {"count": 25, "suppressed": False}
    assert month["answered"] == {"count": 20, "suppressed": False, "share": 0.8}
    assert month["rated_helpful"] == {"count": None, "suppressed": True, "share": None}
    assert month["handoffs"]["request"] == {"count": 11, "suppressed": False}
    assert figures["evaluation"]["styles"][4]["style"] == "non-native"
