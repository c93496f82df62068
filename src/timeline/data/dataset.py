"""A loaded dataset: the file's header (title, countries, actors, types...), the frame of its
events, and the events themselves as models, made on demand for large imports.

Small and curated files keep every event as a validated model (`timeline.events`). A large
import (100,000 ACLED rows) keeps only the frame, because 100,000 pydantic models cost seconds
to build and to cache; the few events the dashboard shows or exports are made from their rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd
from pydantic import ValidationError

from timeline.core.model import Event, Timeline
from timeline.core.problems import ImportNote
from timeline.data.frame import to_frame

MODELS_KEPT = 1_000


@dataclass(frozen=True, eq=False)
class Dataset:
    timeline: Timeline  # the header; `events` is empty when events are made from the frame
    frame: pd.DataFrame
    notes: tuple[ImportNote, ...] = ()
    imported_from: str | None = None  # the other tool's format, when the file was imported
    _cache: dict[str, Event | None] = field(default_factory=dict, repr=False)

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
        """The event with this id as a model, or None. Models made from rows are kept for the
        few events a page shows (at most MODELS_KEPT), never for whole exports."""
        if self.timeline.events:
            return self._models.get(event_id)
        if event_id not in self._cache:
            position = self._positions.get(event_id)
            if position is None:
                return None
            if len(self._cache) >= MODELS_KEPT:
                self._cache.clear()
            self._cache[event_id] = self._made(position)
        return self._cache[event_id]

    def _made(self, position: int) -> Event | None:
        """A row's event: from its JSON record when a cache kept one, else from its columns;
        None for a row the model refuses (an importer's slip must not break the page)."""
        try:
            if "record" in self.frame.columns:
                record = self.frame["record"].iat[position]
                if isinstance(record, str):
                    return Event.model_validate_json(record)
            return Event.model_validate(event_record(self.frame, position))
        except ValidationError:
            return None

    def events_in(self, event_ids: Iterable[str]) -> list[Event]:
        """Models for these ids, in the order given (unknown ids are skipped); made for the
        caller only, so exporting 100,000 events does not keep 100,000 models."""
        return [event for _, event in self.indexed_events(event_ids)]

    def indexed_events(self, event_ids: Iterable[str]) -> list[tuple[int, Event]]:
        """(index in `event_ids`, model) for each id that has a model: unknown ids, and rows the
        model refuses, are skipped, and the index says which ones were kept."""
        if self.timeline.events:
            found = enumerate(self._models.get(event_id) for event_id in event_ids)
        else:
            positions = (self._positions.get(event_id) for event_id in event_ids)
            found = enumerate(None if at is None else self._made(at) for at in positions)
        return [(index, event) for index, event in found if event is not None]

    @cached_property
    def _incoming(self) -> dict[str, list[str]]:
        """Event id -> the ids of the events whose `related` names it (built once)."""
        incoming: dict[str, list[str]] = {}
        for source, targets in zip(self.frame["id"], self.frame["related"], strict=True):
            for target in targets:
                incoming.setdefault(target, []).append(source)
        return incoming

    def linking_to(self, event_id: str) -> list[Event]:
        """The events whose `related` names this one."""
        return self.events_in(self._incoming.get(event_id, []))


def event_record(frame: pd.DataFrame, position: int) -> dict[str, Any]:
    """The event in a frame row, in the events format (for imports that carry no quotes or
    relations: those live only in models)."""
    row = frame.iloc[position]
    dates = str(row["date_text"]).split(" / ")
    event: dict[str, Any] = {
        "id": row["id"],
        "date": dates[0],
        "title": row["title"],
        "type": str(row["type"]),
        "status": str(row["status"]),
    }
    if len(dates) > 1:
        event["end"] = dates[1]
    if row["approximate"]:
        event["approximate"] = True
    for key in ("actors", "countries", "tags"):
        if len(row[key]):
            event[key] = list(row[key])
    for key in ("location", "summary"):
        if isinstance(row[key], str) and row[key]:
            event[key] = row[key]
    event["sources"] = [{"url": url} for url in row["source_urls"]] + _citation(frame, row)
    return event


def _citation(frame: pd.DataFrame, row: pd.Series) -> list[dict[str, str]]:
    if "source_title" not in frame.columns or not isinstance(row["source_title"], str):
        return []
    citation = {"title": row["source_title"]}
    if isinstance(row.get("source_publisher"), str):
        citation["publisher"] = row["source_publisher"]
    return [citation]
