"""Telling residents how the chat uses their data."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.services import ServiceAction
from bot.replies import data_use


class ActionExplainDataUse(ServiceAction):
    def name(self) -> str:
        return "action_explain_data_use"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        dispatcher.utter_message(text=data_use(self.services.council))
        return []
