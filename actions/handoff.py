"""Reaching a person at the council."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.services import ServiceAction
from bot.replies import contact_route


class ActionContactRoute(ServiceAction):
    def name(self) -> str:
        return "action_contact_route"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        dispatcher.utter_message(text=contact_route(self.services.council))
        return []
