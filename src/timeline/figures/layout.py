"""The timeline chart's layout: lane bands, the as-of line, height and the time range."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.io as pio

from timeline.core.model import Timeline
from timeline.core.text import clip
from timeline.data.lanes import Lanes
from timeline.figures.marks import Traces
from timeline.figures.style import escape_label


def timeline_layout(
    figure: Traces, frame: pd.DataFrame, lanes: Lanes, timeline: Timeline, template: str
) -> dict[str, Any]:
    legend_entries = sum(1 for trace in figure.data if trace.get("legendgroup"))
    lane_count = len(lanes.order)
    shapes, annotations = _lane_bands(lane_count), []
    if timeline.as_of is not None:
        as_of = timeline.as_of.local_start(timeline.zone)
        shapes.append(_as_of_line(as_of))
        annotations.append(_as_of_label(as_of, f"as of {timeline.as_of.start:%-d %b %Y}"))
    return {
        "template": pio.templates[template],
        "height": chart_height(lane_count, legend_entries),
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "hovermode": "closest",
        "legend": {"font": {"size": 11}, "itemclick": False, "itemdoubleclick": False},
        "clickmode": "event+select",
        "dragmode": "zoom",
        "uirevision": True,
        "shapes": shapes,
        "annotations": annotations,
        "yaxis": {
            "tickvals": list(range(lane_count)),
            "ticktext": [escape_label(clip(label, 30)) for label in lanes.order],
            "range": [lane_count - 0.5, -0.5],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
        },
        "xaxis": {
            "type": "date",
            "range": x_range(frame),
            "showgrid": True,
            "rangeslider": {"visible": True, "thickness": 0.06},
        },
    }


def _lane_bands(lanes: int) -> list[dict[str, object]]:
    """Alternate shading behind the lanes, so a mark is easy to read against its lane's name."""
    return [
        {
            "type": "rect",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "yref": "y",
            "y0": index - 0.5,
            "y1": index + 0.5,
            "line": {"width": 0},
            "layer": "below",
            "fillcolor": "#f2f2f2" if index % 2 else "#ffffff",
        }
        for index in range(lanes)
    ]


def _as_of_line(as_of: object) -> dict[str, object]:
    return {
        "type": "line",
        "xref": "x",
        "x0": as_of,
        "x1": as_of,
        "yref": "paper",
        "y0": 0,
        "y1": 1,
        "line": {"color": "#444444", "width": 1.5, "dash": "dash"},
    }


def _as_of_label(as_of: object, text: str) -> dict[str, object]:
    return {
        "x": as_of,
        "y": 1,
        "yref": "paper",
        "text": text,
        "showarrow": False,
        "xanchor": "right",
        "yanchor": "bottom",
        "font": {"size": 11, "color": "#444444"},
    }


def chart_height(lanes: int, legend_entries: int) -> int:
    """Tall enough for every lane and for the whole legend (which Plotly would otherwise clip)."""
    lane_height = 70 if lanes <= 8 else 44
    # A legend line is about 21 px, and each of its three groups adds a title and a gap.
    return max(380, lane_height * lanes + 200, 21 * legend_entries + 3 * 40 + 100)


def x_range(frame: pd.DataFrame) -> list[pd.Timestamp] | None:
    if frame.empty:
        return None
    first, last = frame["span_start"].min(), frame["span_end"].max()
    padding = max((last - first) * 0.04, pd.Timedelta(days=1))
    return [first - padding, last + padding]
