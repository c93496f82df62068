"""ACLED rows that share an event: a *monadic* export has one row per actor (`actor1` only, the
same `event_id_cnty` on each), a dyadic one a row per pair. The rows of one event become one
event with every actor; only a row equal to an earlier one in every field is a repeat.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, Generic, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa

from timeline.importers.common import places

ACTOR_COLUMNS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
# What an event is made of besides its actors: rows of one event that differ in one of these
# are merged all the same, with a note (the first row's value is kept).
EVENT_FIELDS = (
    *("event_date", "time_precision", "disorder_type", "event_type", "sub_event_type"),
    *("country", "iso", "admin1", "location", "source", "notes", "fatalities", "tags"),
)
Values = tuple[str, ...]  # a row's fields, in the order of the frame's columns
Column = pd.Series | np.ndarray
Made = TypeVar("Made")
Other = TypeVar("Other")


@dataclass
class Actors:
    """An event's actors: the principal ones (actor1, actor2) and the associated ones."""

    principal: list[str] = field(default_factory=list)
    associated: list[str] = field(default_factory=list)

    def add(self, actor1: str, actor2: str, assoc1: str, assoc2: str) -> None:
        """A row's actor1 and actor2, and its associated actors (listed with ';')."""
        if actor1:
            self.principal.append(actor1)
        if actor2:
            self.principal.append(actor2)
        for joined in (assoc1, assoc2):
            if joined:
                self.associated.extend(part.strip() for part in joined.split(";") if part.strip())

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys([*self.principal, *self.associated]))


def row_actors(actor1: str, actor2: str, assoc1: str, assoc2: str) -> Actors:
    actors = Actors()
    actors.add(actor1, actor2, assoc1, assoc2)
    return actors


@dataclass
class EventActors:
    """Each event's actors, as its number among the distinct sets of actors (most events share
    theirs with many others), numbered in order of first appearance."""

    numbers: np.ndarray
    sets: list[Actors]


def event_actors(rows: pd.DataFrame, merged: dict[object, Actors]) -> EventActors:
    """Each event's actors: its row's, or those of all its rows when it had several."""
    columns = [rows[column] for column in ACTOR_COLUMNS]
    of_its_own = np.where(rows.index.isin(list(merged)), np.arange(len(rows)), -1)
    numbers, first = distinct_rows(*columns, of_its_own)
    sets = [
        merged[label] if label in merged else row_actors(*names)
        for label, *names in zip(rows.index[first], *(c.iloc[first] for c in columns), strict=True)
    ]
    return EventActors(numbers, sets)


def distinct_rows(*columns: Column) -> tuple[np.ndarray, np.ndarray]:
    """Each row's number among the distinct combinations of the columns' values, numbered in
    order of first appearance, and the position of each combination's first row."""
    numbers = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        codes, distinct = pd.factorize(column)
        codes[codes < 0] = len(distinct)  # a missing value (None) is a value too
        numbers, _ = pd.factorize(numbers * (len(distinct) + 1) + codes)  # below rows²
    return numbers, np.unique(numbers, return_index=True)[1]


@dataclass(frozen=True)
class Coded(Generic[Made]):
    """A column as each row's number among its distinct values, and those values: what is made
    once per distinct value is converted once too (to Arrow, to search text), and the rows share
    it. Most of an export's columns hold a few thousand values over a million rows."""

    numbers: np.ndarray
    values: list[Made]

    def taken(self, positions: np.ndarray) -> Coded[Made]:
        """The rows at `positions`, in that order."""
        return Coded(self.numbers[positions], self.values)

    def mapped(self, make: Callable[[Made], Other]) -> Coded[Other]:
        return Coded(self.numbers, [make(value) for value in self.values])

    def arrow(self, kind: pa.DataType) -> pa.Array:
        """Each row's value, as an Arrow array of `kind`."""
        return pa.array(self.values, type=kind).take(pa.array(self.numbers))


def per_distinct(make: Callable[..., Made], *columns: Column) -> Coded[Made]:
    """make(*values) for each row's values of the columns, called once per distinct
    combination: rows with the same values share what it made (treat it as read-only)."""
    numbers, first = distinct_rows(*columns)
    firsts: list[Any] = [
        column.iloc[first] if isinstance(column, pd.Series) else column[first].tolist()
        for column in columns
    ]
    return Coded(numbers, [make(*values) for values in zip(*firsts, strict=True)])


@dataclass
class MergedRows:
    """One row per event (the first of its rows); the actors of the events that had several
    rows, by the label of their first row; notes on what was done (where, message)."""

    rows: pd.DataFrame
    merged_actors: dict[object, Actors]
    notes: list[tuple[str, str]]


def merge_event_rows(rows: pd.DataFrame, ids: pd.Series) -> MergedRows:
    """Rows of one event (the same `event_id_cnty`) merged; exact repeats and rows whose
    different ids become the same id in our format are left out, with a note."""
    shared = ids.duplicated(keep=False).to_numpy()
    if not shared.any():
        return MergedRows(rows, {}, [])
    columns = [column for column in rows.columns if column != "row"]
    subset = rows.loc[shared]
    merger = _Merger(columns)
    values = zip(*(subset[column].tolist() for column in columns), strict=True)
    for label, event_id, number, fields in zip(
        subset.index, ids[shared].tolist(), subset["row"].tolist(), values, strict=True
    ):
        merger.take(label, event_id, int(number), fields)
    return MergedRows(rows.drop(index=merger.dropped), merger.actors, merger.finished_notes())


class _Merger:
    """Walks the rows whose id another row shares, in file order."""

    def __init__(self, columns: list[str]) -> None:
        self.event_fields = [name for name in EVENT_FIELDS if name in columns]
        self.actor_fields = itemgetter(*(columns.index(name) for name in ACTOR_COLUMNS))
        self.event_values = itemgetter(*(columns.index(name) for name in self.event_fields))
        self.id_position = columns.index("event_id_cnty")
        self.first: dict[str, tuple[object, int, Values]] = {}  # label, row number, values
        self.seen: dict[str, dict[Values, int]] = defaultdict(dict)  # values -> row number
        self.actors: dict[object, Actors] = {}
        self.dropped: list[object] = []
        self.merged: list[int] = []
        self.notes: list[tuple[str, str]] = []

    def take(self, label: object, event_id: str, number: int, values: Values) -> None:
        if event_id not in self.first:
            self.first[event_id] = (label, number, values)
            self.seen[event_id][values] = number
            self.actors[label] = row_actors(*self.actor_fields(values))
            return
        first_label, first_number, first_values = self.first[event_id]
        self.dropped.append(label)
        written, first_written = values[self.id_position], first_values[self.id_position]
        if values in self.seen[event_id]:
            earlier = self.seen[event_id][values]
            self.notes.append((f"row {number}", f"repeats row {earlier} in every field: left out"))
        elif written != first_written:
            message = (
                f"event {written} would share the id '{event_id}' with event {first_written} "
                f"(row {first_number}): left out"
            )
            self.notes.append((f"row {number}", message))
        else:
            self.seen[event_id][values] = number
            self.actors[first_label].add(*self.actor_fields(values))
            self.merged.append(number)
            if self.event_values(values) != self.event_values(first_values):
                self._note_differences(number, values, first_number, first_values)

    def _note_differences(
        self, number: int, values: Values, first_number: int, first_values: Values
    ) -> None:
        pairs = zip(self.event_values(values), self.event_values(first_values), strict=True)
        differing = [
            name
            for name, (mine, kept) in zip(self.event_fields, pairs, strict=True)
            if mine != kept
        ]
        named = ", ".join(f"'{name}'" for name in differing)
        verb = "differs" if len(differing) == 1 else "differ"
        message = (
            f"merged into row {first_number}, the same event, though {named} {verb}: "
            f"row {first_number}'s kept"
        )
        self.notes.append((f"row {number} ({values[self.id_position]})", message))

    def finished_notes(self) -> list[tuple[str, str]]:
        if not self.merged:
            return self.notes
        message = (
            "merged into the first row with the same event_id_cnty, their actors added "
            "(one row per actor: a monadic export)"
        )
        return [*self.notes, (places("row", self.merged), message)]
