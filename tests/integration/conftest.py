"""The whole stack, started once for the integration tests."""

from __future__ import annotations

import httpx
import pytest

from tests.support.stack import Stack, StackFailed


@pytest.fixture(scope="session")
def stack(tmp_path_factory, index_dir):
    running = Stack(work_dir=tmp_path_factory.mktemp("stack"), index_dir=index_dir)
    try:
        running.start()
    except StackFailed as exc:
        running.stop()
        pytest.fail(str(exc))
    yield running
    running.stop()


@pytest.fixture(scope="session")
def client(stack):
    with httpx.Client(base_url=stack.url, timeout=60) as http:
        yield http


class Resident:
    """A resident in one conversation, as the widget would drive it."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        response = client.post("/api/sessions")
        assert response.status_code == 201, response.text
        self.session_id = response.json()["session_id"]
        self.opening = response.json()["messages"]

    def say(self, text: str) -> dict:
        response = self.client.post(f"/api/sessions/{self.session_id}/messages", json={"text": text})
        assert response.status_code == 200, response.text
        return response.json()

    def says_and_hears(self, text: str) -> str:
        return "\n".join(m["text"] for m in self.say(text)["messages"])


@pytest.fixture()
def resident(client):
    return Resident(client)
