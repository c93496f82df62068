"""The labels on the timeline as Plotly objects: each label an annotation (its date in grey, its
title, wrapped as laid out), a leader line from label to mark, a thin connector between the
copies of an event in several lanes, and invisible targets over each label so that a click on
the words opens the event as a click on its mark does.

Labels sit on a background of their lane's colour: a connector or relation line passing behind a
label is hidden there, so the words stay readable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from timeline.figures.labels import LabelLayout, PlacedLabel
from timeline.figures.marks import Traces, line_trace
from timeline.figures.style import escape_label

DATE_COLOR = "#595959"
TEXT_COLOR = "#1a1a1a"
GUIDE_COLOR = "rgba(80,80,80,0.55)"
LANE_COLORS = ("#ffffff", "#f2f2f2")  # alternate lanes, so a mark is read against its lane
SEPARATOR = " · "  # between a label's date and its title

# Plot x pixels -> epoch milliseconds, a whole array at once: a date axis reads milliseconds,
# and a numpy array goes to the browser as typed data without Plotly copying it element by element.
Pixels = Callable[[np.ndarray], np.ndarray]


def label_annotations(
    layout: LabelLayout, dates: dict[str, str], to_time: Pixels, font_size: int
) -> list[dict[str, Any]]:
    """One annotation per label, anchored at its box's corner next to the mark, so the box
    stays beside its mark when the reader zooms in."""
    anchors = [_anchor(label) for label in layout.labels]
    corners = [
        label.box.right if a == "right" else label.box.left
        for label, a in zip(layout.labels, anchors, strict=True)
    ]
    times = pd.to_datetime(to_time(np.asarray(corners, dtype=float)), unit="ms")
    return [
        _annotation(label, anchor, time, dates, font_size)
        for label, anchor, time in zip(layout.labels, anchors, times, strict=True)
    ]


def _anchor(label: PlacedLabel) -> str:
    """The side of the box its mark is on: a label left of its mark hangs from its right end."""
    right_of_mark = label.box.left >= label.mark[0] - 0.5
    left_of_mark = abs(label.box.right - label.mark[0]) < 0.5
    return "right" if left_of_mark and not right_of_mark else "left"


def _annotation(
    label: PlacedLabel, anchor: str, x: pd.Timestamp, dates: dict[str, str], font_size: int
) -> dict[str, Any]:
    shift = -LEADER_PAD if anchor == "right" else LEADER_PAD
    return {
        "x": x,
        "y": label.box.top,
        "xref": "x",
        "yref": "y",
        "xanchor": anchor,
        "yanchor": "top",
        "xshift": shift if label.number is None else 0,
        "align": "left",
        "showarrow": False,
        "text": _label_text(label, dates.get(label.key, "")),
        "font": {"size": font_size, "color": TEXT_COLOR},
        "bgcolor": LANE_COLORS[label.lane % 2],
        "borderpad": 0,
        "name": label.key,
    }


LEADER_PAD = 2  # px between a leader line and its label's first letter


def _label_text(label: PlacedLabel, date: str) -> str:
    """The wrapped lines, escaped; the date part of the first line in grey."""
    if label.number is not None:
        return f"<b>{label.number}</b>"
    lines = [escape_label(line) for line in label.lines]
    prefix = escape_label(date + SEPARATOR.rstrip())
    if date and lines[0].startswith(prefix):
        rest = lines[0][len(prefix) :]
        lines[0] = f'<span style="color:{DATE_COLOR}">{prefix}</span>{rest}'
    return "<br>".join(lines)


def add_leaders(figure: Traces, layout: LabelLayout, to_time: Pixels) -> None:
    """A thin line from each mark up to the bottom of its label."""
    if not layout.labels:
        return
    marks = np.array([label.mark for label in layout.labels], dtype=float)
    boxes = np.array(
        [(label.box.left, label.box.right, label.box.bottom) for label in layout.labels]
    )
    feet = np.clip(marks[:, 0], boxes[:, 0], boxes[:, 1])
    xs = _segments(to_time(marks[:, 0]), to_time(feet))
    ys = _segments(marks[:, 1], boxes[:, 2])
    figure.add_trace(line_trace("leaders", xs, ys, {"width": 1, "color": GUIDE_COLOR}))


def _segments(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Start, end, gap (NaN: Plotly breaks the line there) for each segment, in one array."""
    return np.column_stack([starts, ends, np.full(len(starts), np.nan)]).ravel()


def add_connectors(figure: Traces, copies: pd.DataFrame) -> None:
    """A dotted line through the copies of each event that sits in several lanes."""
    shared = copies[copies["id"].duplicated(keep=False).to_numpy()]
    if not shared.empty:
        events = shared.groupby("id", sort=False, observed=True).agg(
            x=("plot_x", "first"), top=("plot_y", "min"), bottom=("plot_y", "max")
        )
        at = events["x"].to_numpy(dtype="datetime64[ms]").astype(float)
        xs = _segments(at, at)
        ys = _segments(events["top"].to_numpy(dtype=float), events["bottom"].to_numpy(dtype=float))
        line = {"width": 1, "color": GUIDE_COLOR, "dash": "dot"}
        trace = line_trace("same event in other lanes", xs, ys, line)
        # The legend says the lane rule: an event sits in every lane it belongs to.
        trace.update(showlegend=True, legendgroup="Lanes", legendgrouptitle={"text": "Lanes"})
        figure.add_trace(trace)


def add_label_targets(
    figure: Traces, layout: LabelLayout, to_time: Pixels, hover: dict[str, str]
) -> None:
    """Invisible squares over every label: hovering shows the event, clicking opens it."""
    xs: list[float] = []
    ys: list[float] = []
    ids: list[str] = []
    sizes: list[float] = []
    for label in layout.labels:
        side = min(label.box.height, 40.0)
        count = max(1, round(label.box.width / side))
        step = label.box.width / count
        for index in range(count):
            xs.append(label.box.left + step * (index + 0.5))
            ys.append(label.box.top + label.box.height / 2)
            ids.append(label.key)
            sizes.append(max(step, side))
    if not xs:
        return
    figure.add_trace(
        {
            "type": "scatter",
            "x": to_time(np.asarray(xs)),
            "y": np.asarray(ys),
            "mode": "markers",
            "name": "labels",
            "showlegend": False,
            "customdata": ids,
            "hovertext": [hover.get(event_id, "") for event_id in ids],
            "hoverinfo": "text",
            "marker": {"symbol": "square", "size": sizes, "opacity": 0, "color": "#000000"},
        }
    )
