"""Opening a conversation: the AI disclosure comes before anything else,
then a greeting (or, when the greeting carries a question, its answer)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import answer_typed, is_sure
from actions.services import CouncilMessageAction, ServiceAction
from bot.council import Council
from bot.replies import disclosure


class ActionDisclose(CouncilMessageAction):
    def name(self) -> str:
        return "action_disclose"

    def message(self, council: Council) -> str:
        return disclosure(council)


class ActionSessionStart(ServiceAction):
    """A brand-new conversation is disclosed by `action_disclose` when the
    gateway opens it. A conversation that comes back after its session
    expired is disclosed again here, before the resident's next message."""

    def name(self) -> str:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        if any(event.get("event") == "user" for event in tracker.events):
            dispatcher.utter_message(text=disclosure(self.services.council))
        return [SessionStarted(), ActionExecuted("action_listen")]


# Longer than this, a message Rasa reads as a greeting also asks something.
GREETING_WORDS = 6


class ActionGreet(ServiceAction):
    """Greets back. A short question Rasa read as a greeting ("postal
    vote?") gets the pages' answer when the answerer is sure; a bare
    "hello" never clears that bar."""

    def name(self) -> str:
        return "action_greet"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        answer = answer_typed(self.services.answerer, tracker)
        words = len((tracker.latest_message.get("text") or "").split())
        if answer is not None and (is_sure(answer) or words > GREETING_WORDS):
            # A greeting that carries a question ("hi, where are the
            # nearest public toilets") is answered, or declined with the
            # reason the editors' report shows, like any question.
            dispatcher.utter_message(json_message=answer.as_message())
        else:
            dispatcher.utter_message(response="utter_greet")
        return []
