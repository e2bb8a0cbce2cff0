"""The services the actions use, built once per action-server process."""

from __future__ import annotations

import functools
import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.answers import Answerer
from bot.council import Council, load_council
from bot.knowledge.embedder import Embedder
from bot.knowledge.index import KnowledgeIndex
from bot.logs import configure_logging
from bot.settings import Settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Services:
    settings: Settings
    council: Council
    answerer: Answerer


@functools.cache
def services() -> Services:
    """Loads the council config, the embedding model and the index once.
    Called from the actions' constructors, when the action server starts."""
    settings = Settings.from_env()
    configure_logging(settings.log_level)
    council = load_council(settings.council_file)
    index = KnowledgeIndex(settings.index_dir, Embedder())
    logger.info("action services ready for %s", council.name)
    return Services(settings, council, Answerer(index, council, settings.answer_min_score))


class ServiceAction(Action, ABC):
    """Base for actions that need the services. Abstract, so rasa-sdk does
    not register it as an action of its own."""

    def __init__(self) -> None:
        super().__init__()
        self.services = services()

    @abstractmethod
    def name(self) -> str: ...


class CouncilMessageAction(ServiceAction, ABC):
    """Base for actions that say one thing built from the council's config."""

    @abstractmethod
    def message(self, council: Council) -> str: ...

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        dispatcher.utter_message(text=self.message(self.services.council))
        return []
