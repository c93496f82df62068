"""Lanes: which lane each event of a view sits in (its type, country or actor)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from timeline.core.model import Timeline
from timeline.data.filters import Grouping

NO_COUNTRY = "(no country)"


MAX_LANES = 24


@dataclass(frozen=True)
class Lanes:
    """Lane label per row (aligned with the frame) and the lane order, busiest first."""

    labels: pd.Series
    order: list[str]


def assign_lanes(
    frame: pd.DataFrame, timeline: Timeline, group: Grouping, preferred: Sequence[str] = ()
) -> Lanes:
    """Each event goes in one lane: its type, or its first country or actor, a `preferred` one
    (those the view is filtered on) first. Beyond MAX_LANES, the quietest lanes are merged."""
    if group == "type":
        labels = frame["type"].astype("str").map(lambda name: name.replace("_", " "))
    else:
        column, empty = ("actors", "(no actor)") if group == "actor" else ("countries", NO_COUNTRY)
        records = timeline.actors if group == "actor" else timeline.countries
        names = {key: record.name for key, record in records.items()}
        wanted = set(preferred)

        def lane_of(keys: Sequence[str]) -> str:
            if not len(keys):
                return empty
            key = next((k for k in keys if k in wanted), keys[0])
            return names.get(key, key)

        labels = frame[column].map(lane_of)
    counts = labels.value_counts(sort=True)
    order = [str(label) for label in counts.index[:MAX_LANES]]
    if len(counts) > MAX_LANES:
        others = f"others ({len(counts) - MAX_LANES + 1} lanes)"
        order = [*order[:-1], others]
        labels = labels.where(labels.isin(order[:-1]), others)
    return Lanes(labels.astype("str"), order)
