"""Reaching a person. The actions only signal the gateway, which owns the
queue: `{"handoff": {"reason": ...}}` in a json_message. They also count
failed turns, so that after two in a row (or a frustrated or distressed
message) the resident is offered a person, never pushed to one."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import sure_answer
from actions.services import ServiceAction
from bot.replies import fallback, gentle_offer, offer_person, offer_person_button

FAILED_TURNS = "failed_turns"
OFFER_AFTER = 2
# Below this, Rasa's sensitive_topic intent offers a person rather than
# handing over: the gateway's safety net is the first line, and a hesitant
# classifier hands over too many ordinary messages (measured on the
# held-out set: 7 of 134 hard negatives at 0.9 and above).
SENSITIVE_MIN_CONFIDENCE = 0.9


def failed_turn(tracker: Tracker, dispatcher: CollectingDispatcher, text: str,
                buttons: list[dict[str, str]] | None = None,
                answer: dict[str, Any] | None = None) -> list[EventType]:
    """Says `text`; on the second failure in a row offers a person as well.
    `answer` (a "not sure" answer's metadata) goes with the message."""
    count = int(tracker.get_slot(FAILED_TURNS) or 0) + 1
    marker = {"answer": answer} if answer else {}
    if count >= OFFER_AFTER:
        dispatcher.utter_message(json_message={
            "text": f"{text}\n{offer_person()}",
            "buttons": [offer_person_button()] + [b for b in buttons or [] if "/request_human" not in
                                                  b.get("payload", "")][:2], **marker})
        return [SlotSet(FAILED_TURNS, 0.0)]
    message: dict[str, Any] = {"text": text, **marker}
    if buttons:
        message["buttons"] = buttons
    dispatcher.utter_message(json_message=message)
    return [SlotSet(FAILED_TURNS, float(count))]


class ActionRequestHuman(ServiceAction):
    """Asks the gateway to queue the resident for a person. A typed
    message the pages answer with certainty also gets that answer first
    ("can someone tell me which ID I need to vote?")."""

    def name(self) -> str:
        return "action_request_human"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        reason = next(tracker.get_latest_entity_values("reason"), None)
        answer = sure_answer(self.services.answerer, tracker)
        if answer is not None:
            # A question Rasa read as asking for a person: the resident is
            # put in the queue as asked, and has the answer while waiting.
            dispatcher.utter_message(json_message=answer.as_message())
        dispatcher.utter_message(json_message={
            "handoff": {"reason": "failed_turns" if reason == "failed_turns" else "request"}})
        return [SlotSet(FAILED_TURNS, 0.0)]


class ActionSensitiveHandoff(ServiceAction):
    """Backs the gateway's safety net: if Rasa recognises a sensitive
    message the net did not, the conversation still goes to a person (or,
    when Rasa is unsure, a person is offered)."""

    def name(self) -> str:
        return "action_sensitive_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        confidence = float((tracker.latest_message.get("intent") or {}).get("confidence") or 0.0)
        answer = sure_answer(self.services.answerer, tracker)
        if answer is not None:
            # Often a problem reported as a statement ("a paving slab is
            # sticking up and people keep tripping"): the answer comes first,
            # and the offer of a person (or the handoff) still follows.
            dispatcher.utter_message(json_message=answer.as_message())
        if confidence >= SENSITIVE_MIN_CONFIDENCE:
            dispatcher.utter_message(json_message={"handoff": {"reason": "sensitive"}})
            return []
        dispatcher.utter_message(json_message={"text": gentle_offer(), "buttons": [offer_person_button()]})
        return [SlotSet(FAILED_TURNS, 0.0)]


class ActionOfferPerson(ServiceAction):
    """A frustrated or distressed resident is offered a person. A message
    read as frustration that the pages answer with certainty (a problem
    reported as a complaint: "the lamp post has been flickering for a
    week") gets the answer, with the offer among its buttons; a distressed
    one gets the offer first and the answer after it."""

    def name(self) -> str:
        return "action_offer_person"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        answer = sure_answer(self.services.answerer, tracker)
        if answer is not None and intent == "express_frustration":
            message = answer.as_message()
            message["buttons"] = [*answer.buttons[:2], offer_person_button()]
            dispatcher.utter_message(json_message=message)
            return [SlotSet(FAILED_TURNS, 0.0)]
        opening = ("I'm sorry this is worrying you." if intent == "express_distress"
                   else "I'm sorry I haven't been able to help.")
        dispatcher.utter_message(json_message={"text": f"{opening} {offer_person()}",
                                               "buttons": [offer_person_button()]})
        if answer is not None and intent == "express_distress":
            # The offer of a person comes first; the answer follows, for a
            # worry the pages cover ("I've had a letter about an old fine").
            dispatcher.utter_message(json_message=answer.as_message())
        return [SlotSet(FAILED_TURNS, 0.0)]


class ActionFallback(ServiceAction):
    def name(self) -> str:
        return "action_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        # Rasa was unsure of the message, not the pages: a sure answer is
        # better than asking the resident to say it again.
        answer = sure_answer(self.services.answerer, tracker) if intent == "nlu_fallback" else None
        if answer is not None:
            dispatcher.utter_message(json_message=answer.as_message())
            return [SlotSet(FAILED_TURNS, 0.0)]
        return failed_turn(tracker, dispatcher, fallback())
