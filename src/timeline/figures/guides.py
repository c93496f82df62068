"""The labels on the timeline as Plotly objects: each label an annotation (its date in grey, its
title, wrapped as laid out), a leader line from label to mark, a thin connector between the
copies of an event in several lanes, and invisible targets over each label so that a click on
the words opens the event as a click on its mark does.

Labels sit on a background of their lane's colour: a connector or relation line passing behind a
label is hidden there, so the words stay readable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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


# Plotly.js draws an annotation in about 1.5 ms (6 s for the 4,298 numbers of a crowded month in
# headless Chromium) and go.Figure deep-copies each; a text trace draws the same numbers in half
# the time, as one object. Below this many numbers the annotations (anchored at the corner by
# the mark, so a number stays beside its mark when zoomed) cost less than 0.2 s: they stay.
NUMBERS_AS_TEXT = 150


def numbers_as_text(layout: LabelLayout) -> tuple[PlacedLabel, ...]:
    """The numbered labels drawn as one text trace (`add_number_text`), not as annotations."""
    numbered = layout.numbered
    return numbered if len(numbered) > NUMBERS_AS_TEXT else ()


def label_annotations(
    labels: Sequence[PlacedLabel], dates: dict[str, str], to_time: Pixels, font_size: int
) -> list[dict[str, Any]]:
    """One annotation per label, anchored at its box's corner next to the mark, so the box
    stays beside its mark when the reader zooms in."""
    anchors = [_anchor(label) for label in labels]
    corners = [
        label.box.right if a == "right" else label.box.left
        for label, a in zip(labels, anchors, strict=True)
    ]
    # As text, as Plotly would send a Timestamp: a string is not copied again by go.Figure.
    microseconds = np.round(to_time(np.asarray(corners, dtype=float)) * 1000).astype("int64")
    times = np.datetime_as_string(microseconds.astype("datetime64[us]")).tolist()
    return [
        _annotation(label, anchor, time, dates, font_size)
        for label, anchor, time in zip(labels, anchors, times, strict=True)
    ]


def _anchor(label: PlacedLabel) -> str:
    """The side of the box its mark is on: a label left of its mark hangs from its right end."""
    right_of_mark = label.box.left >= label.mark[0] - 0.5
    left_of_mark = abs(label.box.right - label.mark[0]) < 0.5
    return "right" if left_of_mark and not right_of_mark else "left"


def _annotation(
    label: PlacedLabel, anchor: str, x: str, dates: dict[str, str], font_size: int
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


def add_number_text(
    figure: Traces,
    numbers: Sequence[PlacedLabel],
    to_time: Pixels,
    hover: dict[str, str] | None,
    font_size: int,
) -> None:
    """Numbers as one text trace, each centred in its box over a patch of its lane's colour
    (lines passing behind stay hidden, as behind an annotation). A number is its own click
    target: Plotly picks the nearest point within 20 px, and a number's box is 16 px high."""
    for parity, color in enumerate(LANE_COLORS):
        add_patches(
            figure, [label for label in numbers if label.lane % 2 == parity], to_time, color
        )
    boxes = np.array(
        [(label.box.left, label.box.top, label.box.width, label.box.height) for label in numbers]
    )
    trace = {
        "type": "scatter",
        "x": to_time(boxes[:, 0] + boxes[:, 2] / 2),
        "y": boxes[:, 1] + boxes[:, 3] / 2,
        "mode": "text",
        "text": [str(label.number) for label in numbers],
        "textposition": "middle center",
        "textfont": {"size": font_size, "color": TEXT_COLOR, "weight": "bold"},
        "name": "labels",
        "showlegend": False,
        "hoverinfo": "skip",
    }
    if hover is not None:
        ids = [label.key for label in numbers]
        trace.update(
            customdata=ids, hovertext=[hover.get(key, "") for key in ids], hoverinfo="text"
        )
    figure.add_trace(trace)


def add_patches(figure: Traces, labels: Sequence[PlacedLabel], to_time: Pixels, color: str) -> None:
    """The labels' boxes filled with `color`, as one shape (a polygon per box)."""
    if not labels:
        return
    boxes = np.array(
        [(label.box.left, label.box.top, label.box.right, label.box.bottom) for label in labels]
    )
    gap = np.full(len(labels), np.nan)
    left, right = to_time(boxes[:, 0]), to_time(boxes[:, 2])
    top, bottom = boxes[:, 1], boxes[:, 3]
    xs = np.column_stack([left, right, right, left, left, gap]).ravel()
    ys = np.column_stack([top, top, bottom, bottom, top, gap]).ravel()
    trace = line_trace("label backgrounds", xs, ys, {"width": 0, "color": color})
    figure.add_trace({**trace, "fill": "toself", "fillcolor": color})


def add_label_targets(
    figure: Traces, labels: Sequence[PlacedLabel], to_time: Pixels, hover: dict[str, str]
) -> None:
    """Invisible squares over every label: hovering shows the event, clicking opens it."""
    xs: list[float] = []
    ys: list[float] = []
    ids: list[str] = []
    sizes: list[float] = []
    for label in labels:
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
