"""A loaded dataset: the file's header (title, countries, actors, types...), the frame of its
events, and the events themselves as models, made on demand for large imports.

Small and curated files keep every event as a validated model (`timeline.events`). A large
import (100,000 ACLED rows) keeps them as JSON records in the frame's `record` column instead,
because 100,000 pydantic models cost seconds to build and to cache; the dashboard only ever
needs the few it shows or exports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from timeline.frame import to_frame
from timeline.importers.common import ImportNote
from timeline.model import Event, Timeline


@dataclass(frozen=True, eq=False)
class Dataset:
    timeline: Timeline  # the header; `events` is empty when the frame holds records instead
    frame: pd.DataFrame
    notes: tuple[ImportNote, ...] = ()
    imported_from: str | None = None  # the other tool's format, when the file was imported
    _cache: dict[str, Event] = field(default_factory=dict, repr=False)

    @classmethod
    def from_timeline(
        cls, timeline: Timeline, notes: Iterable[ImportNote] = (), imported_from: str | None = None
    ) -> Dataset:
        return cls(timeline, to_frame(timeline), tuple(notes), imported_from)

    @property
    def event_count(self) -> int:
        return len(self.frame)

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {event_id: position for position, event_id in enumerate(self.frame["id"])}

    @cached_property
    def _models(self) -> dict[str, Event]:
        return {event.id: event for event in self.timeline.events}

    def event(self, event_id: str) -> Event | None:
        """The event with this id as a model, or None."""
        if self.timeline.events:
            return self._models.get(event_id)
        if event_id not in self._cache:
            position = self._positions.get(event_id)
            if position is None:
                return None
            self._cache[event_id] = Event.model_validate_json(
                str(self.frame["record"].iat[position])
            )
        return self._cache[event_id]

    def events_in(self, event_ids: Iterable[str]) -> list[Event]:
        """Models for these ids, in the order given (unknown ids are skipped)."""
        found = (self.event(event_id) for event_id in event_ids)
        return [event for event in found if event is not None]

    def linking_to(self, event_id: str) -> list[Event]:
        """The events whose `related` names this one."""
        linked = self.frame["related"].map(lambda ids: event_id in ids)
        return self.events_in(self.frame.loc[linked, "id"])
