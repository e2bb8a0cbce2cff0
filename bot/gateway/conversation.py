"""Where each message goes. A resident's message passes the privacy gate and
the safety net, is stored (minimised) with its sequence number, and then goes
to Rasa, or, while the conversation is with a person, to the agent and not
to Rasa; one plainly written in another language gets the interpreter reply
instead of going to Rasa. Agents' actions (claim, reply, release, resolve, hand back) come
through here too, so that both sides and every console hear of them live.

This module knows nothing of HTTP: the chat and console blueprints call it."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row

from bot.agents.accounts import Agent
from bot.conversations import ConversationLog, Message, Outgoing
from bot.council import Council
from bot.gateway.hub import CONSOLE, Hub, session_topic
from bot.gateway.outbound import handoff_signal, to_messages
from bot.gateway.rasa_client import RasaClient, RasaUnavailable
from bot.handoff import hours, wording
from bot.handoff.service import HandoffService
from bot.handoff.states import WAITING
from bot.language.wording import InterpreterReplies
from bot.performance import MonthlyCounters, handoff_metric
from bot.records import HandoffOpen, Records
from bot.replies import (
    ERASE_CONVERSATION,
    REQUEST_HUMAN,
    erased,
    gentle_offer,
    human_button,
    offer_person_button,
    still_with_a_person,
)

logger = logging.getLogger(__name__)

OPEN_CONVERSATION = "/open_conversation"
# The kind of the reply to a message in another language.
OTHER_LANGUAGE = "other_language"
ASK_SERVICE = "/ask_service"

@dataclass(frozen=True)
class Gated:
    """What leaves the privacy gate: the minimised text, the sensitive
    topic the safety net found in the raw text (or None), whether it held
    special category data (health, religion, ...), and the language it is
    written in when that is plainly not English (a tag such as "pl", or None)."""

    text: str
    sensitive: str | None = None
    special_category: bool = False
    language: str | None = None
    # Milliseconds each step took (queue, safety, privacy, language), for
    # the Server-Timing header; never the text.
    timings: dict[str, float] = field(default_factory=dict)


# Runs in a worker thread: minimises the text of one conversation (its id
# keys the pseudonyms) and checks the raw text for sensitive topics; the raw
# text goes no further.
Gate = Callable[[str, str], Awaitable[Gated]]
# For a message Rasa calls sensitive that the safety net let through: the
# net's likeliest category, and whether it agrees enough to hand over.
SecondOpinion = Callable[[str], Awaitable[tuple[str, bool]]]


class InvalidPayload(ValueError):
    pass


class NoReply(RuntimeError):
    """Rasa is down or said nothing."""


@dataclass(frozen=True)
class Turn:
    messages: list[dict[str, Any]]
    handoff: dict[str, Any] | None
    # The conversation was deleted: the widget ends the chat and offers a new one.
    erased: bool = False


def neutralise(text: str) -> str:
    """Typed text is never a Rasa command: a leading slash is dropped so
    '/restart' reaches Rasa as the word 'restart'."""
    return text.lstrip("/ ") or text.replace("/", " ").strip() or "slash"


def _outgoing(sender: str, message: dict[str, Any]) -> Outgoing:
    extra = {k: message[k] for k in ("buttons", "sources", "download", "kind", "answer") if message.get(k)}
    return Outgoing(sender, message["text"], extra)


def _is_question(payload: str | None) -> bool:
    """For the monthly figures: typed text, or a topic chosen from buttons."""
    return payload is None or payload.startswith(ASK_SERVICE)


def _answered(messages: list[dict[str, Any]]) -> bool:
    return any((m.get("answer") or {}).get("confident") is True for m in messages)


def _payload_reason(payload: str) -> str | None:
    """`/request_human` or `/request_human{"reason": "failed_turns"}`."""
    if payload == REQUEST_HUMAN:
        return "request"
    if payload.startswith(REQUEST_HUMAN + "{"):
        try:
            reason = json.loads(payload[len(REQUEST_HUMAN):]).get("reason")
        except (ValueError, AttributeError):
            return None
        return reason if reason in ("request", "failed_turns") else "request"
    return None


class Conversations:
    def __init__(self, *, council: Council, log: ConversationLog, handoffs: HandoffService,
                 rasa: RasaClient, hub: Hub, gate: Gate, second_opinion: SecondOpinion,
                 redact: Gate, records: Records | None = None,
                 counters: MonthlyCounters | None = None,
                 interpreter: InterpreterReplies | None = None) -> None:
        self.council = council
        self.log = log
        self.handoffs = handoffs
        self.rasa = rasa
        self.hub = hub
        self._gate = gate
        self._second_opinion = second_opinion
        self._redact = redact
        # Erasure on the resident's confirm button; attached when the records are built.
        self.records = records
        # The open performance figures: anonymous counts per month.
        self.counters = counters
        # What a resident writing in another language is told.
        self.interpreter = interpreter

    def _count(self, metric: str) -> None:
        if self.counters is not None:
            self.counters.count(metric)

    # -- publishing ----------------------------------------------------------

    def _publish(self, session_id: str, stored: list[Message], live_text: str | None = None) -> None:
        # Consoles hear of conversations that have (or had) a handoff; an open
        # one is always the latest.
        handoff = self.handoffs.latest_for(session_id) if self.hub.has_subscribers(CONSOLE) else None
        for message in stored:
            body = message.as_api()
            if live_text is not None:
                body = {**body, "text": live_text}
            self.hub.publish(session_topic(session_id), {"type": "message", "message": body})
            if handoff is not None:
                self.hub.publish(CONSOLE, {"type": "message", "handoff_id": handoff.id,
                                           "message": message.as_api()})

    def queue_snapshot(self, queue: list[Row] | None = None) -> list[dict[str, Any]]:
        rows = self.handoffs.queue() if queue is None else queue
        positions = self.handoffs.positions(rows)
        snapshot = []
        for row in rows:
            last = self.log.last(row.session_id)
            snapshot.append(self.handoffs.summary(row, last.text if last else None, positions))
        return snapshot

    def queue_changed(self, alert: Row | None = None) -> None:
        """Every console gets the new queue; every waiting resident with a
        live connection their new place in it."""
        queue = self.handoffs.queue()
        if alert is not None:
            self.hub.publish(CONSOLE, {"type": "alert", "handoff": self.handoffs.summary(alert)})
        if self.hub.has_subscribers(CONSOLE):
            self.hub.publish(CONSOLE, {"type": "queue", "handoffs": self.queue_snapshot(queue)})
        listening = [row for row in queue if self.hub.has_subscribers(session_topic(row.session_id))]
        if listening:
            positions, on_duty = self.handoffs.positions(queue), self.handoffs.agents_on_duty()
            for row in listening:
                self.hub.publish(session_topic(row.session_id), {
                    "type": "handoff", "handoff": self.handoffs.resident_view(row, positions, on_duty)})

    def _publish_handoff(self, session_id: str, row: Row | None) -> None:
        self.hub.publish(session_topic(session_id),
                         {"type": "handoff", "handoff": self.handoffs.resident_view(row)})

    def resident_handoff(self, session_id: str) -> dict[str, Any] | None:
        return self.handoffs.resident_view(self.handoffs.open_for(session_id))

    # -- Rasa ----------------------------------------------------------------

    async def _ask_rasa(self, session_id: str, text: str) -> tuple[list[dict[str, Any]], str | None]:
        try:
            replies = await self.rasa.send(session_id, text)
            messages, signal = to_messages(replies), handoff_signal(replies)
            if not messages and signal is None and self.handoffs.latest_for(session_id) is not None:
                # Rasa says nothing to a paused conversation: a resume that
                # failed earlier is made good now, and the message sent again.
                await self.rasa.resume(session_id)
                replies = await self.rasa.send(session_id, text)
                messages, signal = to_messages(replies), handoff_signal(replies)
        except RasaUnavailable:
            raise NoReply from None
        if not messages and signal is None:
            raise NoReply
        return messages, signal

    async def _sure_answers(self, session_id: str, text: str,
                            timings: dict[str, float] | None) -> list[Outgoing]:
        """Only the replies that carry an answer the assistant is sure of:
        nothing when it is unsure, says something else, or is down."""
        asked = time.perf_counter()
        try:
            messages, _ = await self._ask_rasa(session_id, text)
        except NoReply:
            return []
        finally:
            if timings is not None:
                timings["rasa"] = (time.perf_counter() - asked) * 1000
        return [_outgoing("assistant", m) for m in messages if _answered([m])]

    async def _pause(self, session_id: str) -> None:
        try:
            await self.rasa.pause(session_id)
        except RasaUnavailable:
            logger.warning("session %s: Rasa not paused; the gateway still sends it nothing",
                           session_id[:8])

    async def _resume(self, session_id: str) -> None:
        try:
            await self.rasa.resume(session_id)
        except RasaUnavailable:
            logger.warning("session %s: Rasa not resumed yet; it will be on the next message",
                           session_id[:8])

    # -- residents -----------------------------------------------------------

    async def open_session(self) -> tuple[str, list[dict[str, Any]]]:
        session_id = self.log.new_id()
        messages, _ = await self._ask_rasa(session_id, OPEN_CONVERSATION)
        self.log.open(session_id)
        stored = self.log.append(session_id, [_outgoing("assistant", m) for m in messages])
        logger.info("session %s opened", session_id[:8])
        return session_id, [m.as_api() for m in stored]

    def _button_title(self, session_id: str, payload: str) -> str:
        offered = self.log.offered(session_id)
        if payload not in offered:
            raise InvalidPayload(payload)
        return offered[payload] or payload

    def _sent_before(self, session_id: str, client_id: str) -> tuple[Message, list[Message]] | None:
        """The resident's message stored under this client id, and the
        replies that followed it, if it was stored."""
        history = self.log.since(session_id)
        for i, message in enumerate(history):
            if message.sender == "resident" and message.extra.get("client_id") == client_id:
                replies = []
                for later in history[i + 1:]:
                    if later.sender == "resident":
                        break
                    replies.append(later)
                return message, replies
        return None

    async def resident_turn(self, session_id: str, *, text: str | None = None,
                            payload: str | None = None, client_id: str | None = None,
                            timings: dict[str, float] | None = None) -> Turn:
        """Exactly one of `text` (typed, not yet minimised) or `payload`.
        A typed message sent again under the same `client_id` is stored
        once: if it was answered, the same replies come back; if not (the
        assistant was restarting), it is answered now."""
        category: str | None = None
        language: str | None = None
        earlier = self._sent_before(session_id, client_id) if client_id and text is not None else None
        if earlier is not None and earlier[1]:
            return Turn([m.as_api() for m in earlier[1]], self.resident_handoff(session_id))
        if payload is not None:
            shown = self._button_title(session_id, payload)
            if payload == ERASE_CONVERSATION:
                return self._erase_on_request(session_id, shown)
            to_rasa, extra = payload, {"payload": payload}
        else:
            assert text is not None
            gated = await self._gate(neutralise(text), session_id)
            if timings is not None:
                timings.update(gated.timings)
            shown, category, language = gated.text, gated.sensitive, gated.language
            to_rasa, extra = shown, {}
            del text
            if gated.special_category:
                self.log.flag_special_category(session_id)
        self.log.seen(session_id)
        if earlier is None:
            if client_id:
                extra["client_id"] = client_id
            stored = self.log.append(session_id, [Outgoing("resident", shown, extra)])
            self._publish(session_id, stored)

        open_handoff = self.handoffs.open_for(session_id)
        if category is not None:
            # A person is on the way either way; while the resident waits,
            # the pages' answer comes too when the assistant is sure of one.
            answers = [] if open_handoff is not None or language is not None \
                else await self._sure_answers(session_id, to_rasa, timings)
            return await self._start_handoff(session_id, "sensitive", category, answers)
        if open_handoff is not None:
            return self._while_with_person(session_id, open_handoff, payload)
        if language is not None and self.interpreter is not None:
            return self._other_language(session_id, language, self.interpreter)
        reason = _payload_reason(payload) if payload else None
        if reason is not None:
            # The always-visible control works even when Rasa is down.
            return await self._start_handoff(session_id, reason)

        if _is_question(payload) and earlier is None:
            self._count("questions")
        asked = time.perf_counter()
        messages, signal = await self._ask_rasa(session_id, to_rasa)
        if timings is not None:
            timings["rasa"] = (time.perf_counter() - asked) * 1000
        if _answered(messages):
            self._count("answered")
        replies = self.log.append(session_id, [_outgoing("assistant", m) for m in messages])
        self._publish(session_id, replies)
        if signal is None:
            return Turn([m.as_api() for m in replies], None)
        if signal == "sensitive":
            category, agrees = await self._second_opinion(shown)
            if not agrees:
                offer = self.log.append(session_id, [Outgoing(
                    "assistant", gentle_offer(), {"buttons": [offer_person_button()]})])
                self._publish(session_id, offer)
                return Turn([m.as_api() for m in replies + offer], None)
        turn = await self._start_handoff(session_id, signal, category)
        return Turn([m.as_api() for m in replies] + turn.messages, turn.handoff)

    def erase(self, session_id: str) -> None:
        """Deletes the conversation from every store (raising `HandoffOpen` or
        `NothingStored` with nothing deleted) and tells its live connection."""
        if self.records is None:
            raise RuntimeError("the conversation router has no records service to erase with")
        self.records.erase(session_id, actor="resident")
        self.hub.publish(session_topic(session_id), {"type": "erased"})

    def _erase_on_request(self, session_id: str, shown: str) -> Turn:
        """The confirm button offered after "delete my conversation": the same
        erasure as `DELETE /api/sessions/{id}`, done here and never by Rasa,
        and only for a button this conversation was offered (typed text loses
        its leading slash). The reply is not stored: nothing is left to store
        it in. While a person has the conversation it stays, and the press and
        the reason are stored like any other turn, so the agent sees both."""
        try:
            self.erase(session_id)
        except HandoffOpen as exc:
            self.log.seen(session_id)
            stored = self.log.append(session_id, [
                Outgoing("resident", shown, {"payload": ERASE_CONVERSATION}),
                Outgoing("system", still_with_a_person(exc.status), {"kind": "not_erased"})])
            self._publish(session_id, stored)
            return Turn([m.as_api() for m in stored], self.resident_handoff(session_id))
        return Turn([{"from": "system", "text": erased(), "kind": "erased"}], None, erased=True)

    def _other_language(self, session_id: str, language: str, interpreter: InterpreterReplies) -> Turn:
        """Rasa reads English only, so the message does not go to it: the
        resident is told, in English and in their language where there is a
        translation, how to ask for a free interpreter, and offered a person.
        In full once per conversation; after that, shorter."""
        said = any(m.extra.get("kind") == OTHER_LANGUAGE for m in self.log.since(session_id))
        reply = interpreter.reply(language, again=said)
        extra: dict[str, Any] = {"kind": OTHER_LANGUAGE, "buttons": [human_button()]}
        if reply.translation:
            extra["translation"] = reply.translation
        stored = self.log.append(session_id, [Outgoing("system", reply.text, extra)])
        self._publish(session_id, stored)
        logger.info("session %s: written in another language; told how to ask for an interpreter",
                    session_id[:8])
        return Turn([m.as_api() for m in stored], None)

    def _while_with_person(self, session_id: str, row: Row, payload: str | None) -> Turn:
        """The message went to the agent, not to Rasa. A resident pressing
        "Talk to a person" again is told where they are."""
        view = self.handoffs.resident_view(row)
        if payload and _payload_reason(payload) and row.status == WAITING and view:
            stored = self.log.append(session_id, [Outgoing("system", wording.still_queued(
                view["position"], view["wait_minutes"]), {"kind": "queue"})])
            self._publish(session_id, stored)
            return Turn([m.as_api() for m in stored], view)
        return Turn([], view)

    async def _start_handoff(self, session_id: str, reason: str, category: str | None = None,
                             answers: Sequence[Outgoing] = ()) -> Turn:
        """An urgent handoff's help lines come first, then any `answers`
        from the pages, then the queue message."""
        urgent = reason == "sensitive"
        centre_open = self.handoffs.is_open()
        next_text = None if centre_open else self._next_open_text()
        out: list[Outgoing] = []
        if urgent:
            out.append(Outgoing("system", wording.signposting(self.council, category or ""),
                                {"kind": "signposting"}))
            out.extend(answers)
        if not urgent and not centre_open and self.handoffs.open_for(session_id) is None:
            out.append(Outgoing("system", wording.closed_now(self.council, next_text),
                                {"kind": "out_of_hours"}))
            stored = self.log.append(session_id, out)
            self._publish(session_id, stored)
            return Turn([m.as_api() for m in stored], None)

        started = self.handoffs.start(session_id, reason, category)
        row = started.handoff
        if started.created:
            self._count(handoff_metric(reason))
            await self._pause(session_id)
        view = self.handoffs.resident_view(row)
        if row.status == WAITING and view is not None:
            if urgent and not centre_open:
                out.append(Outgoing("system", wording.urgent_out_of_hours(self.council, next_text),
                                    {"kind": "out_of_hours"}))
            elif started.created or started.escalated:
                out.append(Outgoing("system", wording.queued(self.council, view["position"],
                                                             view["wait_minutes"]), {"kind": "queue"}))
            else:
                out.append(Outgoing("system", wording.still_queued(view["position"], view["wait_minutes"]),
                                    {"kind": "queue"}))
        stored = self.log.append(session_id, out)
        self._publish(session_id, stored)
        if started.created or started.escalated:
            logger.info("session %s: handoff %s (%s, %s)", session_id[:8], row.id[:8], row.priority,
                        reason if category is None else f"{reason}:{category}")
            self.queue_changed(alert=row)
        return Turn([m.as_api() for m in stored], view)

    def _next_open_text(self) -> str | None:
        next_open = self.handoffs.next_open()
        return hours.describe(next_open, self.handoffs.now()) if next_open else None

    # -- agents --------------------------------------------------------------

    def transcript(self, row: Row) -> list[dict[str, Any]]:
        return [m.as_api() for m in self.log.since(row.session_id)]

    async def claim(self, handoff_id: str, agent: Agent) -> Row:
        row = self.handoffs.claim(handoff_id, agent)
        stored = self.log.append(row.session_id, [Outgoing("system", wording.agent_joined(agent.name),
                                                           {"kind": "joined"})])
        self._publish(row.session_id, stored)
        self.queue_changed()
        return row

    async def agent_says(self, handoff_id: str, agent: Agent, text: str) -> Message:
        """The resident sees the agent's words as typed, live; what is stored
        (and what other consoles see) has passed the same privacy gate."""
        row = self.handoffs.record_reply(handoff_id, agent)
        gated = await self._redact(text, row.session_id)
        if gated.special_category:
            self.log.flag_special_category(row.session_id)
        stored = self.log.append(row.session_id, [Outgoing("agent", gated.text, agent_name=agent.name)])
        self._publish(row.session_id, stored, live_text=text)
        return stored[0]

    async def release(self, handoff_id: str, agent: Agent) -> Row:
        row = self.handoffs.release(handoff_id, agent)
        self._back_in_queue(row)
        self.queue_changed()
        return row

    def _back_in_queue(self, row: Row) -> None:
        view = self.handoffs.resident_view(row)
        if view and "position" in view:
            stored = self.log.append(row.session_id, [Outgoing("system", wording.back_in_queue(
                view["position"], view["wait_minutes"]), {"kind": "queue"})])
            self._publish(row.session_id, stored)

    async def finish(self, handoff_id: str, agent: Agent, outcome: str | None) -> Row:
        """Resolve (with an outcome) or hand back: either way the assistant
        has the conversation again, and says so."""
        row = (self.handoffs.resolve(handoff_id, agent, outcome) if outcome
               else self.handoffs.hand_back(handoff_id, agent))
        await self._resume(row.session_id)
        stored = self.log.append(row.session_id, [Outgoing(
            "assistant", wording.agent_left(agent.name),
            {"kind": "back_with_assistant", "buttons": [human_button()]})])
        self._publish(row.session_id, stored)
        self._publish_handoff(row.session_id, None)
        self.queue_changed()
        return row

    async def sweep(self) -> None:
        changes = self.handoffs.sweep()
        for move, row in changes:
            if move == "release":
                self._back_in_queue(row)
            else:
                await self._resume(row.session_id)
                self._publish_handoff(row.session_id, None)
        if changes:
            self.queue_changed()
