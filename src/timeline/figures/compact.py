"""The timeline above WEBGL_THRESHOLD events: a compact WebGL scatter, one row of marks per lane
(events close in time spread over a few sub-rows), no labels. Also where a mark's time is chosen
for both kinds of chart."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from timeline.core.model import Timeline
from timeline.core.text import clip
from timeline.data.lanes import Lanes
from timeline.figures.layout import LANE_NAME_LIMIT, AsOfMarks, time_axis, time_window
from timeline.figures.marks import (
    Traces,
    add_compact_markers,
    add_legend,
    add_relations,
    add_selection_ring,
)
from timeline.figures.style import escape_label

WEBGL_THRESHOLD = 5_000
SUB_ROWS = 5  # marks of one lane spread in turn over this many rows
SUB_ROW_STEP = 0.12  # of a lane's height
LANE_PIXELS = 44
COMPACT_WIDTH = 1100


def mark_times(frame: pd.DataFrame) -> pd.Series:
    """Where each event's mark goes in time: an exact date on its day, an imprecise one (a
    month, an approximate day) in the middle of the stretch it may cover."""
    imprecise = frame["approximate"] | ~frame["precision"].isin(["day", "minute", "second"])
    middle = frame["span_start"] + (frame["span_end"] - frame["span_start"]) / 2
    return frame["start"].where(~imprecise, middle)


def compact_figure(
    frame: pd.DataFrame,
    timeline: Timeline,
    lanes: Lanes,
    template: str,
    selected: str | None,
    as_of: AsOfMarks,
) -> go.Figure:
    rows = np.arange(len(frame)) % SUB_ROWS
    offsets = (rows - (SUB_ROWS - 1) / 2) * SUB_ROW_STEP
    points = frame.assign(plot_x=mark_times(frame), plot_y=lanes.home + offsets)
    figure = Traces()
    add_relations(figure, points, selected)
    add_compact_markers(figure, points, timeline)
    add_legend(figure, points, timeline)
    add_selection_ring(figure, points, selected)
    return go.Figure(
        data=figure.data, layout=_layout(frame, lanes, template, as_of), _validate=False
    )


def lane_rows_axis(names: list[str]) -> dict[str, Any]:
    """A row per lane, the first at the top, named (as text) at the left."""
    return {
        "tickvals": list(range(len(names))),
        "ticktext": [escape_label(clip(name, LANE_NAME_LIMIT)) for name in names],
        "range": [len(names) - 0.5, -0.5],
        "showgrid": False,
        "zeroline": False,
        "fixedrange": True,
    }


def _layout(frame: pd.DataFrame, lanes: Lanes, template: str, as_of: AsOfMarks) -> dict[str, Any]:
    shapes, annotations = as_of
    count = len(lanes.order)
    return {
        "template": pio.templates[template],
        "width": COMPACT_WIDTH,
        "height": max(420, LANE_PIXELS * count + 260),
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "hovermode": "closest",
        "clickmode": "event+select",
        "dragmode": "zoom",
        "uirevision": True,
        "legend": {"font": {"size": 11}, "itemclick": False, "itemdoubleclick": False},
        "shapes": shapes,
        "annotations": annotations,
        "yaxis": lane_rows_axis(lanes.order),
        "xaxis": time_axis(frame, time_window(frame)),
    }
