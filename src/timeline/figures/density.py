"""The timeline when a view holds more events than can be drawn one by one (above
DENSITY_THRESHOLD): how many events each lane has per day, week or month, as a heat strip. The
count, the table and the exports stay exact; narrowing the dates or filters to the threshold
brings back a labelled mark per event. Also where a mark's time is chosen for both charts.

Why 1,000: drawn one by one, with its label or number, an event costs about 0.65 ms to draw in
Chromium without a GPU (1,000 events 0.6 s, 3,000 events 2.0 s, before Streamlit's own work),
and a page must show its chart within about half a second more than an empty one; WebGL marks
without labels were no faster there (5,000 marks 1.4 s, 100,000 marks 13 s) and showed nothing
a count cannot (docs/performance.md). The strip's payload is a few kilobytes for any view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from timeline.core.text import clip
from timeline.data.filters import Grouping
from timeline.data.lanes import Lanes
from timeline.figures.layout import AXIS_HEIGHT, LANE_NAME_LIMIT, AsOfMarks, time_axis, time_window
from timeline.figures.style import escape_label

DENSITY_THRESHOLD = 1_000
DENSITY_WIDTH = 1_100
LANE_PIXELS = 44
NOTE_ROOM = 24  # px above the plot for the line that says what the strip counts
# What the strip, its lanes and the page's count read: a large view needs no other column.
DENSITY_COLUMNS = (
    *("id", "start", "end", "span_start", "span_end", "precision", "approximate"),
    *("type", "status", "countries", "actors", "disputed", "known_from"),
)
LANE_LISTS = {"country": "countries", "actor": "actors"}  # the list each grouping's lanes read
Period = Literal["day", "week", "month"]
DAYS_BY_DAY = 120  # a view spanning up to this many days is counted per day
DAYS_BY_WEEK = 1_100  # ... up to this, per week; beyond, per month
COLOR_SCALE = "YlOrRd"


def density_columns(group: Grouping) -> tuple[str, ...]:
    """DENSITY_COLUMNS without the list its lanes do not read: copying the actors of 900,000
    events took 0.16 s of a 0.5 s filter change, for a strip by country."""
    unread = {column for by, column in LANE_LISTS.items() if by != group}
    return tuple(column for column in DENSITY_COLUMNS if column not in unread)


def mark_times(frame: pd.DataFrame) -> pd.Series:
    """Where each event's mark goes in time: an exact date on its day, an imprecise one (a
    month, an approximate day) in the middle of the stretch it may cover."""
    imprecise = frame["approximate"] | ~frame["precision"].isin(["day", "minute", "second"])
    middle = frame["span_start"] + (frame["span_end"] - frame["span_start"]) / 2
    return frame["start"].where(~imprecise, middle)


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


@dataclass(frozen=True)
class StripPage:
    """Where the strip goes: the canvas' width, the font size, the room above the plot (a
    report's title) and below it (the time axis)."""

    width: int = DENSITY_WIDTH
    font_size: int = 12
    top: int = 30
    below: int = AXIS_HEIGHT

    def plot_height(self, lane_count: int) -> int:
        return LANE_PIXELS * max(lane_count, 2)


def density_figure(
    frame: pd.DataFrame,
    lanes: Lanes,
    template: str,
    as_of: AsOfMarks,
    page: StripPage | None = None,
) -> go.Figure:
    """The view as events per period in each lane (an event in several lanes counts in each)."""
    window = time_window(frame)
    period = density_period(window)
    starts, bins = period_bins(mark_times(frame), period)
    counts = lane_counts(lanes, bins, len(starts))
    data = [_heat_strip(counts, starts, lanes.order, period)]
    layout = _layout(frame, lanes, template, as_of, (window, period), page or StripPage())
    return go.Figure(data=data, layout=layout)


def density_period(window: tuple[pd.Timestamp, pd.Timestamp]) -> Period:
    """Days for a few months, weeks for a few years, months beyond."""
    days = (window[1] - window[0]).days
    return "day" if days <= DAYS_BY_DAY else "week" if days <= DAYS_BY_WEEK else "month"


def period_bins(
    moments: pd.Series, period: Period
) -> tuple[npt.NDArray[np.datetime64], npt.NDArray[np.intp]]:
    """Every period from the first event's to the last one's (empty ones included), and each
    event's period as a position in them. Weeks start on Monday."""
    days = moments.to_numpy().astype("datetime64[D]")
    if period == "week":  # 1 January 1970 was a Thursday: shift by 3 to count from a Monday
        offsets = (days.astype(np.int64) + 3) % 7
        starts = days - offsets.astype("timedelta64[D]")
    elif period == "month":
        starts = days.astype("datetime64[M]").astype("datetime64[D]")
    else:
        starts = days
    first, last = starts.min(), starts.max()
    step = {"day": 1, "week": 7}.get(period)
    if step is None:
        every = np.arange(first.astype("datetime64[M]"), last.astype("datetime64[M]") + 1)
        every = every.astype("datetime64[D]")
    else:
        every = np.arange(first, last + np.timedelta64(step, "D"), np.timedelta64(step, "D"))
    return every, np.searchsorted(every, starts).astype(np.intp)


def lane_counts(lanes: Lanes, bins: npt.NDArray[np.intp], periods: int) -> npt.NDArray[np.int64]:
    """Events per lane (rows) and period (columns); an event counts once in each of its lanes."""
    lane_count = len(lanes.order)
    cells = lanes.lanes * periods + bins[lanes.rows]
    counts = np.bincount(cells, minlength=lane_count * periods)
    return counts.reshape(lane_count, periods)


def _heat_strip(
    counts: npt.NDArray[np.int64],
    starts: npt.NDArray[np.datetime64],
    names: list[str],
    period: Period,
) -> dict[str, Any]:
    # An empty period stays blank, not pale; plain lists, as there are few cells.
    shown = [[count or None for count in lane] for lane in counts.tolist()]
    labels = [_period_label(pd.Timestamp(start), period) for start in starts]
    lane_names = lane_rows_axis(names)["ticktext"]
    return {
        "type": "heatmap",
        "x": pd.DatetimeIndex(starts) + _half(period),
        "y": list(range(len(names))),
        "z": shown,
        "customdata": [[label] * len(names) for label in labels],
        "text": [[name] * len(labels) for name in lane_names],
        "hovertemplate": "%{text}<br>%{customdata}: %{z:,} events<extra></extra>",
        "colorscale": COLOR_SCALE,
        "zmin": 0,
        "xgap": 1,
        "ygap": 6,
        # The title beside the bar, not above it: above, it took half the length of a strip of
        # one or two lanes, whose tick labels then touched. At most a tick per 30 px.
        "colorbar": {
            "title": {"text": f"events per {period}", "side": "right"},
            "thickness": 14,
            "nticks": max(2, StripPage().plot_height(len(names)) // 30),
        },
        "name": "density",
    }


def _half(period: Period) -> pd.Timedelta:
    """Half a period: a cell is centred on its period."""
    return pd.Timedelta(hours={"day": 12, "week": 84, "month": 365.25 * 12}[period])


def _period_label(start: pd.Timestamp, period: Period) -> str:
    if period == "month":
        return f"{start:%B %Y}"
    prefix = "week of " if period == "week" else ""
    return f"{prefix}{start.day} {start:%b %Y}"


def _layout(
    frame: pd.DataFrame,
    lanes: Lanes,
    template: str,
    as_of: AsOfMarks,
    span: tuple[tuple[pd.Timestamp, pd.Timestamp], Period],
    page: StripPage,
) -> dict[str, Any]:
    (window, period), (shapes, annotations) = span, as_of
    count = len(lanes.order)
    note_size = max(page.font_size - 1, 9)
    note = {
        "text": escape_label(
            f"{len(frame):,} events, counted per {period} in each lane. Narrow the dates or "
            f"filters to {DENSITY_THRESHOLD:,} events or fewer to see each one."
        ),
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": 1,
        "yanchor": "bottom",
        "yshift": note_size + 10,  # above the as-of label
        "showarrow": False,
        "font": {"size": note_size, "color": "#444444"},
        "align": "left",
    }
    return {
        "template": pio.templates[template],
        "width": page.width,
        "height": page.top + NOTE_ROOM + page.plot_height(count) + page.below,
        "margin": {"l": 10, "r": 10, "t": page.top + NOTE_ROOM, "b": page.below},
        "font": {"size": page.font_size},
        "hovermode": "closest",
        "dragmode": "zoom",
        "uirevision": True,
        "shapes": shapes,
        "annotations": [*annotations, note],
        "yaxis": lane_rows_axis(lanes.order),
        "xaxis": time_axis(frame, window),
    }
