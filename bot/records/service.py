"""The records service: one object the gateway and the command line share,
holding both stores, the council's retention periods and the clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import Engine

from bot.agents import audit
from bot.council import Council
from bot.records.erasure import ErasureReport, erase
from bot.records.export import FORMATS, Export, load_transcript
from bot.records.retention import PurgeReport, RetentionPolicy, purge
from bot.records.stores import TrackerStore, tracker_url
from bot.settings import Settings


class Records:
    def __init__(self, engine: Engine, tracker: TrackerStore, council: Council,
                 clock: Callable[[], dt.datetime]) -> None:
        self.engine = engine
        self.tracker = tracker
        self.council = council
        self.policy = RetentionPolicy.from_council(council)
        self._clock = clock

    @classmethod
    def from_settings(cls, engine: Engine, settings: Settings, council: Council,
                      clock: Callable[[], dt.datetime]) -> Records:
        return cls(engine, TrackerStore(tracker_url(settings)), council, clock)

    def export(self, session_id: str, fmt: str = "text", actor: str | None = None) -> Export | None:
        """The minimised transcript, or None for an unknown conversation.
        With an `actor` (staff rather than the resident), the copy is audited."""
        if fmt not in FORMATS:
            raise ValueError(f"unknown transcript format {fmt!r}: use one of {', '.join(FORMATS)}")
        transcript = load_transcript(self.engine, session_id)
        if transcript is None:
            return None
        now = self._clock()
        centre = self.council.contact_centre
        exported = transcript.export(fmt, self.council.name, now,
                                     centre.timezone if centre else dt.UTC)
        if actor is not None:
            with self.engine.begin() as conn:
                audit.record(conn, now, actor, "transcript_exported",
                             detail=f"session={session_id} format={fmt}")
        return exported

    def erase(self, session_id: str, actor: str = "resident") -> ErasureReport:
        return erase(self.engine, self.tracker, session_id, self._clock(), actor)

    def purge(self, *, actor: str = "system", dry_run: bool = False,
              audit_when_idle: bool = True) -> PurgeReport:
        return purge(self.engine, self.tracker, self.policy, self._clock(), actor=actor,
                     dry_run=dry_run, audit_when_idle=audit_when_idle)

    def close(self) -> None:
        self.tracker.dispose()
