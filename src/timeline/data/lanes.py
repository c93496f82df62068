"""Lanes: the rows of the timeline chart, and which of them each event of a view belongs to.

The rule a reader can see: an event sits in every lane it belongs to — by country, each of its
countries (its actors' countries included); by actor, each of its actors; by type, its type.
Lanes come in the file's order (countries and actors as the file lists them, types in the
vocabulary's order), so a filter never moves an event to another lane or reorders the lanes.
An event's first lane in that order is its home: the lane where its label is drawn.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from itertools import chain

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow.compute as pc

from timeline.core.model import Timeline
from timeline.data.filters import Grouping, arrow_values

NO_COUNTRY = "(no country)"
NO_ACTOR = "(no actor)"
MAX_LANES = 24


@dataclass(frozen=True)
class Lanes:
    """Lane names in order, and which lanes each row of the frame belongs to, as flat arrays:
    `rows[i]` (a row's position in the frame) sits in lane `lanes[i]` (a position in `order`).
    Flat arrays, not a list per row: a view of a million events is placed without a Python
    object per event."""

    order: list[str]
    rows: npt.NDArray[np.intp]
    lanes: npt.NDArray[np.intp]
    index: pd.Index

    @cached_property
    def members(self) -> list[tuple[int, ...]]:
        """Each row's lanes, home first (made for labelled views, a few thousand events)."""
        members: list[set[int]] = [set() for _ in range(len(self.index))]
        for row, lane in zip(self.rows.tolist(), self.lanes.tolist(), strict=True):
            members[row].add(lane)
        return [tuple(sorted(lanes)) for lanes in members]

    @cached_property
    def home(self) -> npt.NDArray[np.intp]:
        """Each row's first lane in the lanes' order."""
        home = np.full(len(self.index), len(self.order), dtype=np.intp)
        np.minimum.at(home, self.rows, self.lanes)
        return home

    @property
    def labels(self) -> pd.Series:
        """Each row's home lane by name (for formats with one group per event)."""
        names = np.array(self.order, dtype=object)
        return pd.Series(names[self.home], index=self.index, dtype="str")


def assign_lanes(frame: pd.DataFrame, timeline: Timeline, group: Grouping) -> Lanes:
    """The view's lanes (see the module's docstring). Beyond MAX_LANES, the quietest lanes are
    merged into one 'others' lane."""
    rows, codes, keys = _memberships(frame, group)
    names, missing = _names(timeline, group)
    counts = np.bincount(codes, minlength=len(keys))
    # Only keys with events: a category column's codes also name the types no event has.
    present = Counter({key: n for key, n in zip(keys, counts.tolist(), strict=True) if n})
    ordered = [key for key in names if key in present]
    ordered += sorted(key for key in present if key not in names and key != missing)
    ordered += [missing] if missing in present else []
    kept = _kept(ordered, present)
    where = {key: at for at, key in enumerate(kept)}
    lane_of_code = np.array([where.get(key, len(kept)) for key in keys], dtype=np.intp)
    order = [names.get(key, key) for key in kept]
    if len(kept) < len(ordered):
        order.append(f"others ({len(ordered) - len(kept)} lanes)")
    return Lanes(order, rows, lane_of_code[codes] if len(codes) else codes, frame.index)


def _memberships(
    frame: pd.DataFrame, group: Grouping
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], list[str]]:
    """Every (row, key) pair as flat arrays: row positions, key codes, and the distinct keys.
    A row without a country or actor gets the 'no country' or 'no actor' key."""
    if group == "type":
        kinds = frame["type"].astype("category")  # a category already: its codes, no strings
        codes = kinds.cat.codes.to_numpy().astype(np.intp)
        return np.arange(len(frame), dtype=np.intp), codes, [str(k) for k in kinds.cat.categories]
    column, empty = ("actors", NO_ACTOR) if group == "actor" else ("countries", NO_COUNTRY)
    rows, codes, keys = _coded(frame[column])
    placed = np.zeros(len(frame), dtype=bool)
    placed[rows] = True
    lonely = np.flatnonzero(~placed).astype(np.intp)
    if len(lonely):
        if empty not in keys:
            keys.append(empty)
        rows = np.concatenate([rows, lonely])
        codes = np.concatenate([codes, np.full(len(lonely), keys.index(empty), dtype=np.intp)])
    return rows, codes, keys


def _coded(
    column: pd.Series,
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], list[str]]:
    """The list column's values as codes into its distinct values, and the row of each."""
    if isinstance(column.dtype, pd.ArrowDtype):  # a large cached dataset: no object per value
        values = arrow_values(column)
        rows = pc.list_parent_indices(values).to_numpy().astype(np.intp)
        encoded = pc.dictionary_encode(pc.list_flatten(values))
        codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.intp)
        return rows, codes, [str(key) for key in encoded.dictionary.to_pylist()]
    lengths = np.fromiter(map(len, column), dtype=np.intp, count=len(column))
    flat = np.fromiter(chain.from_iterable(column), dtype=object, count=int(lengths.sum()))
    codes, distinct = pd.factorize(flat)
    rows = np.repeat(np.arange(len(column), dtype=np.intp), lengths)
    return rows, codes.astype(np.intp), [str(key) for key in distinct]


def _names(timeline: Timeline, group: Grouping) -> tuple[dict[str, str], str]:
    """Lane key -> name in the file's order, and the key of the lane for events without one."""
    if group == "type":
        return {kind: kind.replace("_", " ") for kind in timeline.event_types}, ""
    if group == "actor":
        return {key: actor.name for key, actor in timeline.actors.items()}, NO_ACTOR
    return {code: country.name for code, country in timeline.countries.items()}, NO_COUNTRY


def _kept(ordered: list[str], counts: Counter[str]) -> list[str]:
    """All lanes, or the busiest MAX_LANES - 1 (in their order) when there are too many."""
    if len(ordered) <= MAX_LANES:
        return ordered
    by_count = sorted(ordered, key=lambda key: (-counts[key], ordered.index(key)))
    busiest = set(by_count[: MAX_LANES - 1])
    return [key for key in ordered if key in busiest]
