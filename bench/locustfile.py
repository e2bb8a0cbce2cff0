"""Simulated residents for the load benchmark (`make load`, bench/load.py).

Two kinds of user, chosen on locust's command line:
- `Resident` talks to the gateway as the chat widget does: opens a session,
  asks 3 to 6 questions, each under its own client id, and about one
  conversation in 20 ends by asking for a person.
- `BareRasa` sends the same questions straight to Rasa's REST channel, the
  floor the whole stack is compared with.

Between turns a user waits `--think-min` to `--think-max` seconds (0 and 0
for the worst case: no pause at all). A non-2xx answer, a body that is not
what the widget expects, or a connection error is a failure."""

from __future__ import annotations

import random
import uuid

from load_questions import QUESTIONS  # noqa: E402 - locust puts this folder on the path
from locust import FastHttpUser, events, task

REQUEST_HUMAN = "/request_human"
PERSON_EVERY = 20  # about one conversation in this many asks for a person


@events.init_command_line_parser.add_listener
def _(parser) -> None:
    parser.add_argument("--think-min", type=float, default=0.5, help="least seconds between turns")
    parser.add_argument("--think-max", type=float, default=2.0, help="most seconds between turns")


def think(user) -> float:
    options = user.environment.parsed_options
    return random.uniform(options.think_min, options.think_max)


def questions() -> list[str]:
    return random.sample(QUESTIONS, random.randint(3, 6))


def expect(response, key: str | None) -> dict | list | None:
    """The JSON body if the answer is a 2xx JSON object holding `key` (a
    JSON list when `key` is None); otherwise the request is marked failed."""
    if not 200 <= response.status_code < 300:
        error = getattr(response, "error", None)
        response.failure(f"HTTP {response.status_code}" if response.status_code else repr(error))
        return None
    try:
        body = response.json()
    except ValueError:
        response.failure("not JSON")
        return None
    if key is None and not isinstance(body, list):
        response.failure("not a JSON list")
        return None
    if key is not None and (not isinstance(body, dict) or key not in body):
        response.failure(f"no {key!r} in the answer")
        return None
    return body


class Resident(FastHttpUser):
    wait_time = think

    @task
    def conversation(self) -> None:
        with self.client.post("/api/sessions", name="open", catch_response=True) as response:
            opened = expect(response, "session_id")
        if opened is None:
            return
        url = f"/api/sessions/{opened['session_id']}/messages"
        for text in questions():
            self.wait()
            with self.client.post(url, json={"text": text, "client_id": uuid.uuid4().hex},
                                  name="message", catch_response=True) as response:
                if expect(response, "messages") is None:
                    return
        if random.randrange(PERSON_EVERY) == 0:
            self.wait()
            with self.client.post(url, json={"payload": REQUEST_HUMAN},
                                  name="ask for a person", catch_response=True) as response:
                expect(response, "handoff")


class BareRasa(FastHttpUser):
    wait_time = think

    @task
    def conversation(self) -> None:
        sender = uuid.uuid4().hex
        for text in questions():
            self.wait()
            with self.client.post("/webhooks/rest/webhook", json={"sender": sender, "message": text},
                                  name="rasa message", catch_response=True) as response:
                if expect(response, None) is None:
                    return
