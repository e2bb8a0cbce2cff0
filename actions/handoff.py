"""Reaching a person at the council."""

from __future__ import annotations

from actions.services import CouncilMessageAction
from bot.council import Council
from bot.replies import contact_route


class ActionContactRoute(CouncilMessageAction):
    def name(self) -> str:
        return "action_contact_route"

    def message(self, council: Council) -> str:
        return contact_route(council)
