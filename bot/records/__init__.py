"""The records of conversations and the residents' rights over them (UK
GDPR): retention and the purge, erasure on request, and a copy of the
minimised transcript. Imports neither sanic nor rasa_sdk: the gateway and
the command line call it."""

from bot.records.erasure import ErasureReport, HandoffOpen, NothingStored
from bot.records.export import FORMATS, Export
from bot.records.retention import PurgeReport, RetentionPolicy
from bot.records.service import Records
from bot.records.stores import TrackerStore, tracker_url

__all__ = ["FORMATS", "ErasureReport", "Export", "HandoffOpen", "NothingStored", "PurgeReport",
           "Records", "RetentionPolicy", "TrackerStore", "tracker_url"]
