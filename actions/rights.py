"""The resident's rights over this chat: a copy to download, and deletion.

The actions only offer. Deleting is done by the gateway, which owns the
records and the live connection: the confirm button's payload is one the
gateway keeps for itself, so no typed message and no action here ever
deletes anything."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.services import CouncilMessageAction
from bot.council import Council
from bot.replies import erasure_buttons, kept, offer_erasure, offer_transcript, transcript_link


class ActionOfferErasure(Action):
    def name(self) -> str:
        return "action_offer_erasure"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        dispatcher.utter_message(json_message={"text": offer_erasure(), "buttons": erasure_buttons()})
        return []


class ActionKeepConversation(CouncilMessageAction):
    def name(self) -> str:
        return "action_keep_conversation"

    def message(self, council: Council) -> str:
        return kept(council)


class ActionOfferTranscript(Action):
    """The gateway sends Rasa the session id as the sender, so the link is
    to this conversation's own copy."""

    def name(self) -> str:
        return "action_offer_transcript"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        dispatcher.utter_message(json_message={"text": offer_transcript(),
                                               "download": transcript_link(tracker.sender_id)})
        return []
