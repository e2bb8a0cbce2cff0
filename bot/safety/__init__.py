"""The sensitive-topic safety net the gateway runs on every message before
Rasa sees it: phrase patterns and exemplar sentences kept as data in
`categories.yaml`, judged sentence by sentence so that one line of crisis in
a long message is still found."""

from bot.safety.categories import CATEGORIES
from bot.safety.detector import SafetyFinding, SafetyNet

__all__ = ["CATEGORIES", "SafetyFinding", "SafetyNet"]
