"""Shared, session-scoped real parts: the privacy engine, the embedding model,
an index of the council's own knowledge files and, with `--database
postgresql`, a real PostgreSQL for the gateway's tables."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import httpx
import pytest

from tests.support.people import AGENT_PASSWORD, Agent, Resident
from tests.support.stack import Stack, StackFailed

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--database", choices=("sqlite", "postgresql"), default="sqlite",
                     help="where the tests marked `database` keep the gateway's tables: a SQLite file "
                          "per test (default) or a throwaway PostgreSQL started for the session")
    parser.addoption("--profile", choices=("default", "cluster"), default="default",
                     help="the stack the integration tests drive: one of each process on SQLite "
                          "(default) or the cluster (PostgreSQL, Redis, two of each server, HAProxy)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if {"engine", "empty_engine"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.database)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def postgresql(request):
    if request.config.getoption("--database") != "postgresql":
        pytest.skip("needs a real PostgreSQL: run with --database postgresql")
    from tests.support.postgres import ThrowawayPostgres

    # Not under pytest's own temporary folder: as root the server runs as the
    # postgres user, and every new pytest session makes that folder private.
    work_dir = Path(tempfile.mkdtemp(prefix="councilbot-pg-"))
    server = ThrowawayPostgres(work_dir)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(work_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def council():
    from bot.council import load_council

    return load_council(ROOT / "config" / "council.yml")


@pytest.fixture(scope="session")
def redactor(council):
    from bot.privacy import build_redactor

    return build_redactor(council.own_words(), council.published_contacts())


@pytest.fixture(scope="session")
def embedder():
    from bot.knowledge.embedder import Embedder

    return Embedder()


@pytest.fixture(scope="session")
def net():
    """The safety net with its patterns alone."""
    from bot.safety import SafetyNet

    return SafetyNet.load()


@pytest.fixture(scope="session")
def semantic_net(embedder):
    """The safety net as the gateway runs it, with the model."""
    from bot.safety import SafetyNet

    return SafetyNet.load(embedder=embedder)


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory, embedder) -> Path:
    from bot.knowledge.index import build_index

    directory = tmp_path_factory.mktemp("index")
    result = build_index(ROOT / "knowledge", directory, embedder)
    assert result.report.ok, result.report.errors
    return directory


@pytest.fixture(scope="session")
def knowledge_index(index_dir, embedder):
    from bot.knowledge.index import KnowledgeIndex

    return KnowledgeIndex(index_dir, embedder)


# -- the whole stack, started once per test session (integration and browser tests)

AGENTS = [("sam", "Sam", "agent"), ("alex", "Alex", "agent"), ("pat", "Pat", "supervisor"),
          ("lockme", "Lee", "agent"), ("locked2", "Kim", "agent")]


@pytest.fixture(scope="session")
def stack(request, tmp_path_factory, index_dir):
    profile = request.config.getoption("--profile")
    if profile == "cluster":
        # Not under pytest's own temporary folder: as root PostgreSQL runs as
        # the postgres user, and each new pytest session makes that private.
        work_dir = Path(tempfile.mkdtemp(prefix="councilbot-cluster-"))
    else:
        work_dir = tmp_path_factory.mktemp("stack")
    running = Stack(work_dir=work_dir, index_dir=index_dir, profile=profile)
    try:
        running.start(timeout=600 if profile == "cluster" else 300)
        for username, name, role in AGENTS:
            running.add_agent(username, name, AGENT_PASSWORD, role)
    except StackFailed as exc:
        running.stop()
        pytest.fail(str(exc))
    yield running
    running.stop()
    if profile == "cluster":
        shutil.rmtree(work_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def client(stack):
    with httpx.Client(base_url=stack.url, timeout=60) as http:
        yield http


@pytest.fixture()
def resident(client):
    return Resident(client)


@pytest.fixture()
def agent_factory(stack):
    made: list[Agent] = []

    def make(username: str = "sam", password: str = AGENT_PASSWORD) -> Agent:
        agent = Agent(stack.url, username, password)
        made.append(agent)
        return agent

    yield make
    for agent in made:
        agent.close()


@pytest.fixture()
def sam(agent_factory):
    return agent_factory("sam")
