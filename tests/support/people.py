"""A resident and an agent driving the real gateway over HTTP and websockets,
as the widget and the console do."""

from __future__ import annotations

import json
import re
import time
from contextlib import contextmanager
from typing import Any

import httpx
from websockets.sync.client import connect

AGENT_PASSWORD = "a long agent password"


class Resident:
    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        response = client.post("/api/sessions")
        assert response.status_code == 201, response.text
        self.session_id = response.json()["session_id"]
        self.opening = response.json()["messages"]

    def post(self, body: dict[str, Any]) -> httpx.Response:
        return self.client.post(f"/api/sessions/{self.session_id}/messages", json=body)

    def say(self, text: str) -> dict:
        response = self.post({"text": text})
        assert response.status_code == 200, response.text
        return response.json()

    def press(self, payload: str) -> dict:
        response = self.post({"payload": payload})
        assert response.status_code == 200, response.text
        return response.json()

    def says_and_hears(self, text: str) -> str:
        return "\n".join(m["text"] for m in self.say(text)["messages"])

    def handoff(self) -> dict | None:
        return self.client.get(f"/api/sessions/{self.session_id}/handoff").json()["handoff"]

    @contextmanager
    def live(self, after: int = 0):
        url = str(self.client.base_url).replace("http://", "ws://")
        with connect(f"{url}/api/sessions/{self.session_id}/live?after={after}", proxy=None) as ws:
            yield Frames(ws)


class Frames:
    """Reads a websocket's JSON frames until one matches."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.seen: list[dict] = []

    def next(self, timeout: float = 15.0) -> dict:
        frame = json.loads(self.ws.recv(timeout=timeout))
        self.seen.append(frame)
        return frame

    def until(self, match, timeout: float = 15.0) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no matching frame in {timeout} s; saw {self.seen[-5:]}")
            frame = self.next(left)
            if match(frame):
                return frame

    def message(self, text_part: str, timeout: float = 15.0) -> dict:
        return self.until(lambda f: f["type"] == "message" and text_part in f["message"]["text"],
                          timeout)["message"]

    def send(self, frame: dict) -> None:
        self.ws.send(json.dumps(frame))


class Agent:
    def __init__(self, base_url: str, username: str, password: str = AGENT_PASSWORD) -> None:
        self.base_url = base_url
        self.username = username
        self.client = httpx.Client(base_url=base_url, timeout=60, follow_redirects=False)
        self.sign_in_response = self.sign_in(password)
        self.csrf = ""
        if self.sign_in_response.status_code == 303:
            me = self.client.get("/console/api/me")
            assert me.status_code == 200, me.text
            self.csrf = me.json()["csrf_token"]

    def sign_in(self, password: str) -> httpx.Response:
        page = self.client.get("/console")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token, "the sign-in page has a CSRF field"
        return self.client.post("/console/sign-in", data={
            "username": self.username, "password": password, "csrf_token": token.group(1)})

    def api(self, method: str, path: str, body: dict | None = None, csrf: bool = True) -> httpx.Response:
        headers = {"X-CSRF-Token": self.csrf} if csrf else {}
        return self.client.request(method, f"/console/api{path}", json=body, headers=headers)

    def queue(self) -> list[dict]:
        return self.api("GET", "/queue").json()["handoffs"]

    def claim(self, handoff_id: str) -> httpx.Response:
        return self.api("POST", f"/handoffs/{handoff_id}/claim")

    def say(self, handoff_id: str, text: str) -> httpx.Response:
        return self.api("POST", f"/handoffs/{handoff_id}/messages", {"text": text})

    def resolve(self, handoff_id: str, outcome: str = "answered") -> httpx.Response:
        return self.api("POST", f"/handoffs/{handoff_id}/resolve", {"outcome": outcome})

    def hand_back(self, handoff_id: str) -> httpx.Response:
        return self.api("POST", f"/handoffs/{handoff_id}/hand-back")

    @contextmanager
    def live(self):
        url = self.base_url.replace("http://", "ws://")
        cookie = "; ".join(f"{k}={v}" for k, v in self.client.cookies.items())
        with connect(f"{url}/console/live", proxy=None, origin=self.base_url,
                     additional_headers={"Cookie": cookie}) as ws:
            yield Frames(ws)

    def close(self) -> None:
        self.client.close()
