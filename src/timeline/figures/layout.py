"""The timeline chart's axes and page: the time range and its ticks, lane bands and names, the
as-of line. The labelled chart works in pixels (its y axis counts plot pixels from the top, and
its margins are fixed), so what `figures.labels` computed is exactly what is drawn."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from timeline.core.text import clip
from timeline.figures.guides import LANE_COLORS
from timeline.figures.labels import LaneGeometry
from timeline.figures.style import escape_label

AXIS_HEIGHT = 46  # px under the plot for the time axis' tick labels
LANE_NAME_LIMIT = 30  # characters of a lane's name on the axis
SHORT_RANGE = pd.Timedelta(days=120)  # up to this, ticks name days; beyond, months
DAY_TICKS = pd.Timedelta(days=10)  # up to this, one tick a day (never half days)
WINDOW_PADDING = pd.Timedelta(days=3)  # at least this much time either side of the events
CLOCK_PADDING = pd.Timedelta(minutes=30)  # ... or this, when every event has a clock time
CLOCK_RANGE = pd.Timedelta(days=2)  # up to this, timed events' ticks give the hour
MONTH_TICKS = pd.Timedelta(days=730)  # up to this, a tick each month; beyond, each quarter
PADDING_SHARE = 0.03  # of the events' span, either side


@dataclass(frozen=True)
class TimeScale:
    """The x axis: a time range drawn over `width` plot pixels."""

    start: pd.Timestamp
    end: pd.Timestamp
    width: float

    def pixels(self, moment: pd.Timestamp) -> float:
        return float((moment - self.start) / (self.end - self.start) * self.width)

    def time(self, pixels: float) -> pd.Timestamp:
        return pd.Timestamp(self.start + (self.end - self.start) * (pixels / self.width))

    def milliseconds(self, pixels: np.ndarray) -> np.ndarray:
        """`time` for an array of pixels at once, as epoch milliseconds (what a date axis
        reads)."""
        start = self.start.value / 1e6
        return start + (self.end - self.start).value / 1e6 * (pixels / self.width)


def time_window(frame: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The span of the events with room either side; a single event gets a week around it."""
    if frame.empty:
        today = pd.Timestamp(date.today())
        return today - WINDOW_PADDING, today + WINDOW_PADDING
    first, last = frame["span_start"].min(), frame["span_end"].max()
    timed = frame["precision"].isin(["minute", "second"]).all()
    least = CLOCK_PADDING if timed else WINDOW_PADDING  # minutes apart stay minutes apart
    padding = max((last - first) * PADDING_SHARE, least)
    return first - padding, last + padding


def time_axis(frame: pd.DataFrame, window: tuple[pd.Timestamp, pd.Timestamp]) -> dict[str, Any]:
    """Ticks at the events' precision, written as the labels write dates: days (never clock
    times) unless the view spans hours of timed events; months beyond a few months."""
    axis: dict[str, Any] = {"type": "date", "range": list(window), "showgrid": True}
    timed = frame["precision"].isin(["minute", "second"]).any() if len(frame) else False
    length = window[1] - window[0]
    if timed and length <= CLOCK_RANGE:
        axis["tickformat"] = "%H:%M\n%-d %b %Y"
    elif length <= SHORT_RANGE:
        axis["tickformat"] = "%-d %b\n%Y"
        if length <= DAY_TICKS:
            axis["dtick"] = 86_400_000  # one day, in ms
    else:
        axis["tickformat"] = "%b\n%Y"
        axis["dtick"] = "M1" if length <= MONTH_TICKS else "M3"  # each month named once
    return axis


def lane_axis(lanes: tuple[LaneGeometry, ...], names: list[str], height: float) -> dict[str, Any]:
    """Lane names beside each lane's marks; the axis counts pixels from the top of the plot."""
    return {
        "tickvals": [lane.mark_y[0] for lane in lanes],
        "ticktext": [escape_label(clip(name, LANE_NAME_LIMIT)) for name in names],
        "range": [height, 0],
        "showgrid": False,
        "zeroline": False,
        "fixedrange": True,
        "ticks": "",
    }


def lane_bands(lanes: tuple[LaneGeometry, ...]) -> list[dict[str, object]]:
    """Alternate shading behind the lanes, so a mark is read against its lane's name."""
    return [
        {
            "type": "rect",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "yref": "y",
            "y0": lane.top,
            "y1": lane.bottom,
            "line": {"width": 0},
            "layer": "below",
            "fillcolor": LANE_COLORS[index % 2],
        }
        for index, lane in enumerate(lanes)
    ]


Drawn = list[dict[str, Any]]
AsOfMarks = tuple[Drawn, Drawn]  # shapes, annotations


def as_of_marks(day: date | None, font_size: int, label: str | None = None) -> AsOfMarks:
    """The dashed line on the as-of day, and its label ('as of 4 Mar 2026' unless given) above
    the plot, in the top margin, where no event label goes."""
    if day is None:
        return [], []
    moment = pd.Timestamp(day)
    line = {
        "type": "line",
        "xref": "x",
        "x0": moment,
        "x1": moment,
        "yref": "paper",
        "y0": 0,
        "y1": 1,
        "line": {"color": "#444444", "width": 1.5, "dash": "dash"},
    }
    note = {
        "x": moment,
        "y": 1,
        "yref": "paper",
        "text": escape_label(label or f"as of {day.day} {day:%b %Y}"),
        "showarrow": False,
        "xanchor": "right",
        "yanchor": "bottom",
        "font": {"size": font_size - 1, "color": "#444444"},
        "name": "as-of",
    }
    return [line], [note]
