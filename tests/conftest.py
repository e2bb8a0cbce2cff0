"""Shared, session-scoped real parts: the privacy engine, the embedding model
and an index of the council's own knowledge files."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

from tests.support.people import AGENT_PASSWORD, Agent, Resident
from tests.support.stack import Stack, StackFailed

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


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
def stack(tmp_path_factory, index_dir):
    running = Stack(work_dir=tmp_path_factory.mktemp("stack"), index_dir=index_dir)
    try:
        running.start()
        for username, name, role in AGENTS:
            running.add_agent(username, name, AGENT_PASSWORD, role)
    except StackFailed as exc:
        running.stop()
        pytest.fail(str(exc))
    yield running
    running.stop()


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
