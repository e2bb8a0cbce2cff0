"""The base of the gate's own recognizers: rules over the text that need
no model and nothing loaded, named after their class."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer


class RuleRecognizer(EntityRecognizer):
    def __init__(self, *entities: str) -> None:
        super().__init__(supported_entities=list(entities), name=type(self).__name__,
                         supported_language="en")

    def load(self) -> None:
        """Nothing to load: the rules are compiled when the module is imported."""
