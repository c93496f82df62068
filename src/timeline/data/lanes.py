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

import pandas as pd

from timeline.core.model import Timeline
from timeline.data.filters import Grouping

NO_COUNTRY = "(no country)"
NO_ACTOR = "(no actor)"
MAX_LANES = 24


@dataclass(frozen=True)
class Lanes:
    """Lane names in order, and for each row of the frame the lanes it belongs to (positions in
    `order`, home lane first). `members` is worked out when first asked for: a chart of 100,000
    events draws each at home only."""

    order: list[str]
    keys: list[list[str]]  # each row's lane keys
    position: dict[str, int]  # lane key -> position in `order`
    index: pd.Index

    @cached_property
    def members(self) -> list[tuple[int, ...]]:
        return [tuple(sorted({self.position[key] for key in keys})) for keys in self.keys]

    @cached_property
    def home(self) -> list[int]:
        # Column-wise (one row per key, then the smallest position per event): a view of
        # 100,000 events is placed in a fraction of what a loop over rows takes.
        keys = pd.Series(self.keys, dtype="object").explode()
        return keys.map(self.position).groupby(level=0).min().astype(int).tolist()

    @property
    def labels(self) -> pd.Series:
        """Each row's home lane by name (for formats with one group per event)."""
        return pd.Series([self.order[lane] for lane in self.home], index=self.index, dtype="str")


def assign_lanes(frame: pd.DataFrame, timeline: Timeline, group: Grouping) -> Lanes:
    """The view's lanes (see the module's docstring). Beyond MAX_LANES, the quietest lanes are
    merged into one 'others' lane."""
    keys_per_row = _keys(frame, group)
    names, missing = _names(timeline, group)
    counts = pd.Series(keys_per_row, dtype="object").explode().value_counts()
    present: Counter[str] = Counter({str(key): int(count) for key, count in counts.items()})
    ordered = [key for key in names if key in present]
    ordered += sorted(key for key in present if key not in names and key != missing)
    ordered += [missing] if missing in present else []
    kept = _kept(ordered, present)
    where = {key: at for at, key in enumerate(kept)}
    position = {key: where.get(key, len(kept)) for key in ordered}
    order = [names.get(key, key) for key in kept]
    if len(kept) < len(ordered):
        order.append(f"others ({len(ordered) - len(kept)} lanes)")
    return Lanes(order, keys_per_row, position, frame.index)


def _keys(frame: pd.DataFrame, group: Grouping) -> list[list[str]]:
    """Each row's lane keys, empty ones given the 'no country' or 'no actor' lane."""
    if group == "type":
        return [[kind] for kind in frame["type"].astype("object").tolist()]
    column, empty = ("actors", NO_ACTOR) if group == "actor" else ("countries", NO_COUNTRY)
    return [keys if len(keys) else [empty] for keys in frame[column].tolist()]


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
