"""Plotly figures: the timeline and the actors views. Pure functions of a frame and the model.

Colours are the country's (from the data, or a colour-blind-safe palette assigned in the order of
the file's countries, so they are the same in every view and export); marker symbols are the
event type; status is drawn as fill (happened), hollow (scheduled, proposed) or grey and crossed
out (postponed, cancelled). Every figure takes an explicit template: Streamlit changes Plotly's
default template in its process, and an export must never inherit that.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from timeline.core.model import Timeline
from timeline.data.filters import Grouping
from timeline.data.lanes import Lanes, assign_lanes
from timeline.figures.layout import chart_height, timeline_layout
from timeline.figures.marks import (
    Traces,
    add_compact_markers,
    add_crosses,
    add_legend,
    add_markers,
    add_relations,
    add_selection_ring,
    add_spans,
)
from timeline.figures.style import DEFAULT_TEMPLATE

WEBGL_THRESHOLD = 5_000


def timeline_figure(
    frame: pd.DataFrame,
    timeline: Timeline,
    group: Grouping = "country",
    template: str = DEFAULT_TEMPLATE,
    selected: str | None = None,
    preferred: Sequence[str] = (),
    label_room: float = 0.2,
    plot_height: int | None = None,
) -> go.Figure:
    """The (filtered) frame over time: a marker per event, spans as bars, a lane per group."""
    lanes = assign_lanes(frame, timeline, group, preferred)
    lane_pixels = (plot_height or chart_height(len(lanes.order), 0) - 230) / max(
        len(lanes.order), 1
    )
    points = _place_points(frame, lanes, lane_pixels)
    figure = Traces()
    if len(frame) > WEBGL_THRESHOLD:
        add_relations(figure, points, selected)
        add_compact_markers(figure, points, timeline)
    else:
        add_spans(figure, points, timeline)
        add_relations(figure, points, selected)
        add_markers(figure, points, timeline, label_room)
        add_crosses(figure, points)
    add_legend(figure, frame, timeline)
    add_selection_ring(figure, points, selected)
    layout = timeline_layout(figure, frame, lanes, timeline, template)
    # Plotly checks every element of every array it is given, which costs more than all the
    # rest at a few thousand events; the traces are built here, and a test validates them.
    return go.Figure(data=figure.data, layout=layout, _validate=False)


def _place_points(frame: pd.DataFrame, lanes: Lanes, lane_pixels: float) -> pd.DataFrame:
    """The frame with `plot_x` (marker time), `plot_y` (lane plus offset) and `plot_row` columns.

    A lane's first row sits a little above its middle, with room for labels above it; events
    crowding it take the rows below, about ROW_PIXELS apart however tall the lanes are."""
    # Imprecise dates sit at the middle of the span they may cover, exact ones on their day.
    imprecise = frame["approximate"] | ~frame["precision"].isin(["day", "minute", "second"])
    middle = frame["span_start"] + (frame["span_end"] - frame["span_start"]) / 2
    plot_x = frame["start"].where(~imprecise, middle)
    lane_index = lanes.labels.map({label: index for index, label in enumerate(lanes.order)})
    if len(frame) > WEBGL_THRESHOLD:  # too many to place one by one: spread them in turn
        rows = [position % LANE_ROWS for position in range(len(frame))]
    else:
        rows = _stack_rows(plot_x.tolist(), lanes.labels.tolist())
    first_row = -min(0.2, 14 / lane_pixels)
    step = min(0.14, ROW_PIXELS / lane_pixels)
    offsets = [first_row + row * step for row in rows]
    plot_y = lane_index.astype(float).to_numpy() + offsets
    return frame.assign(plot_x=plot_x, plot_y=plot_y, plot_row=rows)


# Rows inside a lane for events that fall close together in time.
LANE_ROWS = 5
ROW_PIXELS = 24


def _stack_rows(moments: list[pd.Timestamp], labels: list[str]) -> list[int]:
    """Spread events that fall close together in a lane over a few rows inside the lane."""
    rows = [0] * len(moments)
    if not moments:
        return rows
    gap = ((max(moments) - min(moments)) or pd.Timedelta(days=1)) / 70
    row_ends: dict[str, list[pd.Timestamp | None]] = {}
    for position in sorted(range(len(moments)), key=lambda index: moments[index]):
        ends = row_ends.setdefault(labels[position], [None] * LANE_ROWS)
        row = _free_row(ends, moments[position], gap)
        ends[row] = moments[position]
        rows[position] = row
    return rows


def _free_row(row_ends: list[pd.Timestamp | None], moment: pd.Timestamp, gap: pd.Timedelta) -> int:
    for row, last in enumerate(row_ends):
        if last is None or moment - last >= gap:
            return row
    # Every row is busy: reuse the one that has been free longest.
    return min(range(len(row_ends)), key=lambda row: row_ends[row] or moment)
