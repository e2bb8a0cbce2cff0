"""A typed message sent again under the same client id (the widget does
this after a failure) is stored once and answered once. Real database and
log; Rasa's REST API answered over httpx's transport, down for the first
call as it is while it restarts."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from bot.gateway.conversation import Conversations, NoReply
from tests.bot.gateway.routers import make_router


class RestartingRasa:
    """Refuses connections for the first `down` messages, then answers each
    message with a numbered reply."""

    def __init__(self, down: int) -> None:
        self.down = down
        self.answered = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path != "/webhooks/rest/webhook":
            return httpx.Response(200, json={})
        if self.down:
            self.down -= 1
            raise httpx.ConnectError("connection refused", request=request)
        self.answered += 1
        sender = json.loads(request.content)["sender"]
        return httpx.Response(200, json=[{"recipient_id": sender, "text": f"reply {self.answered}"}])


@pytest.fixture()
def rasa() -> RestartingRasa:
    return RestartingRasa(down=1)


@pytest.fixture()
def router(engine, clock, rasa):
    async def no_opinion(text: str) -> tuple[str, bool]:
        return "immediate_danger", False

    return make_router(engine, clock, rasa, second_opinion=no_opinion)


def say(router: Conversations, session_id: str, text: str, client_id: str | None):
    return asyncio.run(router.resident_turn(session_id, text=text, client_id=client_id))


def residents_lines(router: Conversations, session_id: str) -> list[str]:
    return [m.text for m in router.log.since(session_id) if m.sender == "resident"]


def test_a_message_sent_again_after_a_failure_is_stored_once_and_answered_once(router, rasa):
    session_id = router.log.new_id()
    router.log.open(session_id)
    with pytest.raises(NoReply):
        say(router, session_id, "how do i pay my council tax", "first-try-0001")
    answered = say(router, session_id, "how do i pay my council tax", "first-try-0001")
    assert [m["text"] for m in answered.messages] == ["reply 1"]
    # The reply was lost on the way back: the same id gets the same reply,
    # and Rasa is not asked again.
    replayed = say(router, session_id, "how do i pay my council tax", "first-try-0001")
    assert replayed.messages == answered.messages and rasa.answered == 1
    assert residents_lines(router, session_id) == ["how do i pay my council tax"]


@pytest.mark.parametrize("client_ids", [(None, None), ("one-message-01", "two-message-02")])
def test_without_the_same_client_id_each_message_is_its_own(router, rasa, client_ids):
    rasa.down = 0
    session_id = router.log.new_id()
    router.log.open(session_id)
    for client_id in client_ids:
        say(router, session_id, "thanks", client_id)
    assert residents_lines(router, session_id) == ["thanks", "thanks"]
    assert rasa.answered == 2
