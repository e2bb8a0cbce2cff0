"""Answering service questions from the council's knowledge index."""

from __future__ import annotations

import logging
import time
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import answer_typed, is_sure
from actions.handoff import FAILED_TURNS, failed_turn
from actions.services import ServiceAction

logger = logging.getLogger(__name__)


class ActionAnswerFromKnowledge(ServiceAction):
    def name(self) -> str:
        return "action_answer_from_knowledge"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        started = time.perf_counter()
        answerer = self.services.answerer
        topic_id = next(tracker.get_latest_entity_values("topic_id"), None)
        if topic_id:
            answer = answerer.answer_topic(str(topic_id))
        else:
            answer = answerer.answer(tracker.latest_message.get("text") or "")
        searched = time.perf_counter()
        logger.info("knowledge answer: topic=%s confident=%s", answer.topic_id, answer.confident)
        if not answer.confident:
            events = failed_turn(tracker, dispatcher, answer.text, answer.buttons, answer.metadata())
        else:
            dispatcher.utter_message(json_message=answer.as_message())
            events = [SlotSet(FAILED_TURNS, 0.0)]
        # For the load benchmark (make load): where the action's time goes.
        logger.info("action timing: %s %.1f ms, index %.1f ms", self.name(),
                    (time.perf_counter() - started) * 1000, (searched - started) * 1000)
        return events


class ActionOutOfScope(ServiceAction):
    """Out of scope by Rasa's reading: answered from the pages when they
    are sure, sent to whoever deals with it when the directory of things
    answered elsewhere knows, and otherwise declined politely."""

    def name(self) -> str:
        return "action_out_of_scope"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        answer = answer_typed(self.services.answerer, tracker)
        if is_sure(answer):
            logger.info("out of scope by intent, answered: topic=%s", answer.topic_id)
            dispatcher.utter_message(json_message=answer.as_message())
            return [SlotSet(FAILED_TURNS, 0.0)]
        if answer is not None and answer.declined == "elsewhere":
            dispatcher.utter_message(json_message=answer.as_message())
            return []
        dispatcher.utter_message(response="utter_out_of_scope")
        return []
