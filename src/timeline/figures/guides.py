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

import pandas as pd

from timeline.figures.labels import LabelLayout, PlacedLabel
from timeline.figures.marks import Traces, line_trace
from timeline.figures.style import escape_label

DATE_COLOR = "#595959"
TEXT_COLOR = "#1a1a1a"
GUIDE_COLOR = "rgba(80,80,80,0.55)"
LANE_COLORS = ("#ffffff", "#f2f2f2")  # alternate lanes, so a mark is read against its lane
SEPARATOR = " · "  # between a label's date and its title

Pixels = Callable[[float], pd.Timestamp]  # plot x pixels -> time


def label_annotations(
    layout: LabelLayout, dates: dict[str, str], to_time: Pixels, font_size: int
) -> list[dict[str, Any]]:
    """One annotation per label, anchored at its box's corner next to the mark, so the box
    stays beside its mark when the reader zooms in."""
    return [_annotation(label, dates, to_time, font_size) for label in layout.labels]


def _annotation(
    label: PlacedLabel, dates: dict[str, str], to_time: Pixels, font_size: int
) -> dict[str, Any]:
    right_of_mark = label.box.left >= label.mark[0] - 0.5
    left_of_mark = abs(label.box.right - label.mark[0]) < 0.5
    anchor = "right" if left_of_mark and not right_of_mark else "left"
    x = label.box.right if anchor == "right" else label.box.left
    shift = -LEADER_PAD if anchor == "right" else LEADER_PAD
    return {
        "x": to_time(x),
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
    xs: list[object] = []
    ys: list[float | None] = []
    for label in layout.labels:
        mark_x, mark_y = label.mark
        foot_x = min(max(mark_x, label.box.left), label.box.right)
        xs += [to_time(mark_x), to_time(foot_x), None]
        ys += [mark_y, label.box.bottom, None]
    if xs:
        figure.add_trace(line_trace("leaders", xs, ys, {"width": 1, "color": GUIDE_COLOR}))


def add_connectors(figure: Traces, copies: pd.DataFrame) -> None:
    """A dotted line through the copies of each event that sits in several lanes."""
    xs: list[object] = []
    ys: list[float | None] = []
    for _, rows in copies.groupby("id", sort=False):
        if len(rows) > 1:
            xs += [rows["plot_x"].iloc[0], rows["plot_x"].iloc[0], None]
            ys += [float(rows["plot_y"].min()), float(rows["plot_y"].max()), None]
    if xs:
        line = {"width": 1, "color": GUIDE_COLOR, "dash": "dot"}
        trace = line_trace("same event in other lanes", xs, ys, line)
        # The legend says the lane rule: an event sits in every lane it belongs to.
        trace.update(showlegend=True, legendgroup="Lanes", legendgrouptitle={"text": "Lanes"})
        figure.add_trace(trace)


def add_label_targets(
    figure: Traces, layout: LabelLayout, to_time: Pixels, hover: dict[str, str]
) -> None:
    """Invisible squares over every label: hovering shows the event, clicking opens it."""
    xs: list[pd.Timestamp] = []
    ys: list[float] = []
    ids: list[str] = []
    sizes: list[float] = []
    for label in layout.labels:
        side = min(label.box.height, 40.0)
        count = max(1, round(label.box.width / side))
        step = label.box.width / count
        for index in range(count):
            xs.append(to_time(label.box.left + step * (index + 0.5)))
            ys.append(label.box.top + label.box.height / 2)
            ids.append(label.key)
            sizes.append(max(step, side))
    if not xs:
        return
    figure.add_trace(
        {
            "type": "scatter",
            "x": xs,
            "y": ys,
            "mode": "markers",
            "name": "labels",
            "showlegend": False,
            "customdata": ids,
            "hovertext": [hover.get(event_id, "") for event_id in ids],
            "hoverinfo": "text",
            "marker": {"symbol": "square", "size": sizes, "opacity": 0, "color": "#000000"},
        }
    )
