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

from locust import FastHttpUser, events, task

QUESTIONS = [
    "when is my bin collected",
    "my bin wasn't emptied yesterday what do i do",
    "can I get a bigger recycling bin, we are a family of six and the small one is always full by tuesday",
    "wat day is the green waste colection",
    "how do I book a bulky waste collection for an old sofa",
    "how do I pay my council tax",
    "can i pay council tax in 12 instalments instead of 10",
    "I live on my own, can I get a single person discount on council tax",
    "counsil tax bill is wrong",
    "I've just moved house and need to tell you about my new address for council tax",
    "how do I apply for a resident parking permit",
    "I got a parking ticket but the signs were covered by a hedge, how do I appeal it",
    "where can i park near the town hall",
    "can I get a blue badge for my mum she can't walk far",
    "parkin permit for visitors",
    "I need to apply for social housing",
    "there is damp and mould in my council flat and nobody has fixed it after three months of asking",
    "how do i join the housing register",
    "i am going to be homeless next week what can you do",
    "who do I talk to about a repair in my council house, the boiler is broken",
    "how do i report a pothole",
    "there are rats in my garden",
    "someone has dumped rubbish in the alley behind my house",
    "when is the dump open",
    "how do I make a complaint",
    "do i need planning permision for a conservatory",
    "my neighbour plays loud music every night until 2am and it has been going on for weeks",
    "how do I register to vote",
    "are you a real person?",
    "libary opening times",
]

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
