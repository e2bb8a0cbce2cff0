"""Telling residents how the chat uses their data."""

from __future__ import annotations

from actions.services import CouncilMessageAction
from bot.council import Council
from bot.replies import data_use


class ActionExplainDataUse(CouncilMessageAction):
    def name(self) -> str:
        return "action_explain_data_use"

    def message(self, council: Council) -> str:
        return data_use(council)
