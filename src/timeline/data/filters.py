"""What to show: one `Filters` value, the same in the sidebar, the URL query string and CLI flags.

Within one filter any value matches; across filters all must. The query-string names are the CLI
flag names: country, actor, type, status, from, to, q, group, event, known, disputed.

`known` shows the timeline as it stood at the end of that day: events not yet known are left
out, and `status` is the status as known then (see `timeline.core.knowledge`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, get_args

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from timeline.core.model import STATUSES, Timeline
from timeline.core.text import clip
from timeline.data.rows import take_rows

Grouping = Literal["country", "actor", "type"]
GROUPINGS: tuple[str, ...] = get_args(Grouping)
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class Filters:
    """A view of the timeline. Empty tuples and None mean 'no restriction'."""

    countries: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    query: str = ""
    group: Grouping = "country"
    event: str | None = None
    known: date | None = None  # the view as known at the end of this day
    disputed: bool = False  # only events with a disputed point

    @property
    def preferred_lanes(self) -> tuple[str, ...]:
        """The lanes this view is filtered on (actors when lanes are actors, else countries)."""
        return self.actors if self.group == "actor" else self.countries

    @property
    def is_empty(self) -> bool:
        """True when no filter restricts the events (grouping and open event aside)."""
        return self.restrictions() == Filters().restrictions()

    def restrictions(self) -> tuple[object, ...]:
        return (
            self.countries,
            self.actors,
            self.types,
            self.statuses,
            self.date_from,
            self.date_to,
            self.query,
            self.known,
            self.disputed,
        )


def view_as_of(timeline: Timeline, filters: Filters) -> date | None:
    """The day the view reflects, for the as-of line: the `known` day if set, else `as_of`."""
    if filters.known is not None:
        return filters.known
    return timeline.as_of.local_start(timeline.zone).date() if timeline.as_of else None


def apply_filters(
    frame: pd.DataFrame, filters: Filters, columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """The rows of `frame` (from `to_frame`) that the filters let through, in the same order,
    with `columns` (by default every column but `search_text`); with `known`, only the events
    known by then, each with its `status` as known then."""
    if filters.known is not None:
        frame = as_known_on(frame, filters.known)
    keep = pd.Series(True, index=frame.index)
    if filters.disputed:
        keep &= frame["disputed"]
    if filters.countries:
        keep &= _any_of(frame["countries"], filters.countries)
    if filters.actors:
        keep &= _any_of(frame["actors"], filters.actors)
    if filters.types:
        keep &= frame["type"].isin(filters.types)
    if filters.statuses:
        keep &= frame["status"].isin(filters.statuses)
    if filters.date_from is not None:
        keep &= frame["span_end"] > pd.Timestamp(filters.date_from)
    if filters.date_to is not None:
        keep &= frame["span_start"] < pd.Timestamp(filters.date_to) + pd.Timedelta(days=1)
    if filters.query.strip():
        keep &= _matches_text(frame, filters.query)
    # Without the search text, which only this function reads: it is the largest column (a
    # third of a large dataset), and copying it made every filter change of a million events
    # take a third longer.
    shown = list(columns or [column for column in frame.columns if column != "search_text"])
    if bool(keep.all()):
        return frame[shown]
    return take_rows(frame[shown], np.flatnonzero(keep.to_numpy()))


def with_every_column(frame: pd.DataFrame, view: pd.DataFrame) -> pd.DataFrame:
    """A view made with some `columns` of `frame`, given the others (its own, such as a status
    as known on a day, kept)."""
    missing = [c for c in frame.columns if c not in view.columns and c != "search_text"]
    if not missing:
        return view
    positions = frame.index.get_indexer(view.index)
    if (positions < 0).any():
        raise KeyError("the view has rows that are not in the frame")
    rows = take_rows(frame[missing], positions)
    whole = pd.concat([view, rows], axis=1)
    return whole[[c for c in frame.columns if c in whole.columns]]


def as_known_on(frame: pd.DataFrame, day: date) -> pd.DataFrame:
    """The events known by the end of `day`, with `status` replaced by the status as known then
    (the last history entry on or before `day`; an event without history keeps its own)."""
    day_after = pd.Timestamp(day) + pd.Timedelta(days=1)
    known = take_rows(frame, np.flatnonzero((frame["known_from"] < day_after).to_numpy()))
    changed = known["history_dates"].map(len).gt(0)
    if not changed.any():
        return known
    statuses = [
        _status_before(dates, statuses, day_after)
        for dates, statuses in zip(
            known.loc[changed, "history_dates"], known.loc[changed, "history_statuses"], strict=True
        )
    ]
    known = known.copy()
    known.loc[changed, "status"] = statuses
    return known


def _status_before(
    dates: Sequence[datetime], statuses: Sequence[str], day_after: pd.Timestamp
) -> str:
    """The status of the last entry before `day_after` (the first entry is before it: the event
    is known)."""
    current = statuses[0]
    for moment, status in zip(dates, statuses, strict=True):
        if pd.Timestamp(moment) < day_after:
            current = status
    return current


def _any_of(column: pd.Series, wanted: Sequence[str]) -> pd.Series:
    """Rows whose list holds any of the wanted values."""
    if isinstance(column.dtype, pd.ArrowDtype):  # a large cached dataset: no object per row
        values = arrow_values(column)
        hits = pc.is_in(pc.list_flatten(values), value_set=pa.array(list(wanted), pa.string()))
        rows = pc.filter(pc.list_parent_indices(values), hits).to_numpy()
        found = np.zeros(len(column), dtype=bool)
        found[rows] = True
        return pd.Series(found, index=column.index)
    wanted_set = frozenset(wanted)
    return column.map(wanted_set.isdisjoint).eq(False)


def arrow_values(column: pd.Series) -> pa.Array:
    """An Arrow-backed column as one Arrow array (a cache read in slices has several chunks,
    and list kernels number rows within each chunk)."""
    values = pa.array(column.array)
    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values


def _matches_text(frame: pd.DataFrame, query: str) -> pd.Series:
    """Every word of the query appears in the title, summary, quotes or location (any case)."""
    haystack = frame["search_text"]
    keep = pd.Series(True, index=frame.index)
    for word in query.casefold().split():
        keep &= haystack.str.contains(word, regex=False)
    return keep


def filters_to_query(filters: Filters) -> dict[str, list[str]]:
    """The URL query parameters for `filters`: only what differs from the default view."""
    query: dict[str, list[str]] = {
        "country": list(filters.countries),
        "actor": list(filters.actors),
        "type": list(filters.types),
        "status": list(filters.statuses),
        "from": [filters.date_from.isoformat()] if filters.date_from else [],
        "to": [filters.date_to.isoformat()] if filters.date_to else [],
        "q": [filters.query] if filters.query else [],
        "group": [filters.group] if filters.group != "country" else [],
        "event": [filters.event] if filters.event else [],
        "known": [filters.known.isoformat()] if filters.known else [],
        "disputed": ["1"] if filters.disputed else [],
    }
    return {name: values for name, values in query.items() if values}


def filters_from_query(
    params: Mapping[str, str | Sequence[str]], timeline: Timeline, event_ids: Iterable[str] = ()
) -> tuple[Filters, list[str]]:
    """Filters from URL parameters (or CLI flags), and a note for each value that was ignored.
    `event_ids` are the ids an `event=` link may open (by default, the timeline's events)."""
    reader = _QueryReader(params)
    wants_event = bool(reader.values("event"))  # a million ids are not gathered for nothing
    known_events = (
        (set(event_ids) or {event.id for event in timeline.events}) if wants_event else set()
    )
    filters = Filters(
        countries=reader.choices("country", timeline.countries),
        actors=reader.choices("actor", timeline.actors),
        types=reader.choices("type", timeline.event_types),
        statuses=reader.choices("status", STATUSES),
        date_from=reader.day("from"),
        date_to=reader.day("to"),
        query=reader.text("q"),
        group=reader.grouping(),
        event=reader.single_choice("event", known_events),
        known=reader.day("known"),
        disputed=reader.switch("disputed"),
    )
    reader.notes.extend(f"unknown parameter '{name}' ignored" for name in reader.unknown())
    return filters, reader.notes


class _QueryReader:
    names = (
        *("country", "actor", "type", "status", "from", "to", "q", "group", "event"),
        *("known", "disputed"),
    )

    def __init__(self, params: Mapping[str, str | Sequence[str]]) -> None:
        self.params = params
        self.notes: list[str] = []

    def values(self, name: str) -> list[str]:
        raw = self.params.get(name, [])
        return [raw] if isinstance(raw, str) else [str(value) for value in raw]

    def choices(self, name: str, known: Iterable[str]) -> tuple[str, ...]:
        known_set = set(known)
        chosen = []
        for value in self.values(name):
            if value in known_set:
                chosen.append(value)
            else:
                self.notes.append(f"unknown {name} '{_clip(value)}' ignored")
        return tuple(dict.fromkeys(chosen))

    def single_choice(self, name: str, known: set[str]) -> str | None:
        chosen = self.choices(name, known)
        return chosen[-1] if chosen else None

    def day(self, name: str) -> date | None:
        values = self.values(name)
        if not values:
            return None
        try:
            return datetime.strptime(values[-1], "%Y-%m-%d").date()
        except ValueError:
            self.notes.append(f"{name} date '{_clip(values[-1])}' ignored: write it as YYYY-MM-DD")
            return None

    def switch(self, name: str) -> bool:
        """`name=1` turns a switch on, `name=0` off (the default)."""
        values = self.values(name)
        if not values or values[-1] in ("0", "1"):
            return bool(values) and values[-1] == "1"
        self.notes.append(f"{name} '{_clip(values[-1])}' ignored: write {name}=1")
        return False

    def text(self, name: str) -> str:
        values = self.values(name)
        return values[-1][:MAX_QUERY_LENGTH] if values else ""

    def grouping(self) -> Grouping:
        values = self.values("group")
        if not values:
            return "country"
        if values[-1] in GROUPINGS:
            group: Grouping = values[-1]  # type: ignore[assignment]
            return group
        self.notes.append(
            f"unknown group '{_clip(values[-1])}' ignored: use country, actor or type"
        )
        return "country"

    def unknown(self) -> list[str]:
        return [name for name in self.params if name not in self.names]


def _clip(value: str, limit: int = 40) -> str:
    return clip(value, limit)


def date_bounds(frame: pd.DataFrame) -> tuple[date | None, date | None]:
    """The first and last day the frame's events cover (None, None for no events)."""
    if frame.empty:
        return None, None
    return frame["span_start"].min().date(), frame["span_end"].max().date()


def known_bounds(frame: pd.DataFrame) -> tuple[date | None, date | None]:
    """The days a view as known on a day can show something new: from the first day anything
    was known to the last day the events cover (None, None for no events)."""
    if frame.empty:
        return None, None
    first = min(frame["known_from"].min(), frame["span_start"].min())
    return first.date(), frame["span_end"].max().date()
