"""The timeline's marks as Plotly trace dicts: spans, markers with labels, crosses on cancelled
events, legend entries, relation lines and the ring around the open event."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from timeline.core.model import Timeline
from timeline.figures.style import (
    HOLLOW_STATUSES,
    MUTED,
    MUTED_STATUSES,
    escape_label,
    symbol_for,
    type_colors,
    type_symbols,
)

MAX_RELATION_LINES = 150


class Traces:
    """Collects trace dicts in drawing order (later traces are drawn on top)."""

    def __init__(self) -> None:
        self.data: list[dict[str, Any]] = []

    def add_trace(self, trace: dict[str, Any]) -> None:
        self.data.append(trace)


def line_trace(
    name: str,
    xs: Sequence[object] | np.ndarray,
    ys: Sequence[float | None] | np.ndarray,
    line: dict[str, Any],
) -> dict[str, Any]:
    """Line segments (separated by None) that take no hover and no legend entry."""
    return {
        "type": "scatter",
        "x": xs,
        "y": ys,
        "mode": "lines",
        "hoverinfo": "skip",
        "name": name,
        "showlegend": False,
        "line": line,
    }


def _span_style(status: str) -> str:
    if status in MUTED_STATUSES:
        return "muted"
    return "dash" if status in HOLLOW_STATUSES else "solid"


def _span_trace(
    style: str, color: str, segments: Sequence[tuple[object, object, float]]
) -> dict[str, object]:
    xs: list[object] = []
    ys: list[float | None] = []
    for start, end, y in segments:
        xs += [start, end, None]
        ys += [y, y, None]
    line = {"width": 9, "color": color, "dash": "dot" if style == "dash" else "solid"}
    return {**line_trace(f"spans ({style})", xs, ys, line), "opacity": 0.35}


def hover_texts(frame: pd.DataFrame, timeline: Timeline) -> pd.Series:
    """Hover text per event; data is escaped, since Plotly reads a few HTML tags in labels."""
    names = {key: actor.name for key, actor in timeline.actors.items()}
    texts = []
    for title, label, kind, status, actors in zip(
        frame["title"],
        frame["date_label"],
        frame["type"],
        frame["status"],
        frame["actors"],
        strict=True,
    ):
        lines = [
            f"<b>{escape_label(title)}</b>",
            escape_label(label),
            f"{escape_label(kind.replace('_', ' '))} · {status}",
        ]
        if len(actors):
            lines.append(escape_label(", ".join(names.get(actor, actor) for actor in actors)))
        texts.append("<br>".join(lines))
    return pd.Series(texts, index=frame.index, dtype="str")


def add_crosses(figure: Traces, frame: pd.DataFrame, size: int) -> None:
    muted = frame[frame["status"].isin(MUTED_STATUSES)]
    if muted.empty:
        return
    figure.add_trace(
        {
            "type": "scatter",
            "x": muted["plot_x"].to_numpy(),
            "y": muted["plot_y"].to_numpy(dtype=float),
            "mode": "markers",
            "hoverinfo": "skip",
            "name": "postponed or cancelled",
            "showlegend": False,
            "marker": {
                "symbol": "x-thin-open",
                "size": size + 2,
                "color": "#555555",
                "line": {"width": 2, "color": "#555555"},
            },
        }
    )


def add_relations(figure: Traces, frame: pd.DataFrame, selected: str | None) -> None:
    """A thin line from each event to the events it relates to, when both are shown. In a
    crowded view only the open event's links are drawn: hundreds of lines would hide the marks."""
    linking = frame[frame["related"].map(len) > 0]
    if linking.empty:
        return
    crowded = sum(len(related) for related in linking["related"]) > MAX_RELATION_LINES
    if crowded:
        touches = linking["related"].map(lambda related: selected in related)
        linking = linking[(linking["id"] == selected) | touches]
    ends = frame[frame["id"].isin({*linking["id"], *(i for r in linking["related"] for i in r)})]
    where = dict(zip(ends["id"], zip(ends["plot_x"], ends["plot_y"], strict=True), strict=True))
    xs: list[object] = []
    ys: list[float | None] = []
    for event_id, related in zip(linking["id"], linking["related"], strict=True):
        for other in related:
            if other in where and (
                len(linking) <= MAX_RELATION_LINES or selected in (event_id, other)
            ):
                (x0, y0), (x1, y1) = where[event_id], where[other]
                xs += [x0, x1, None]
                ys += [float(y0), float(y1), None]
    if xs:
        figure.add_trace(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "lines",
                "hoverinfo": "skip",
                "name": "related",
                "showlegend": False,
                "line": {"width": 1, "color": "rgba(90,90,90,0.45)", "dash": "dot"},
            }
        )


def add_selection_ring(figure: Traces, frame: pd.DataFrame, selected: str | None) -> None:
    rows = frame[frame["id"] == selected] if selected else frame.iloc[0:0]
    if rows.empty:
        return
    figure.add_trace(
        {
            "type": "scatter",
            "x": rows["plot_x"].tolist(),
            "y": rows["plot_y"].tolist(),
            "mode": "markers",
            "hoverinfo": "skip",
            "name": "open event",
            "showlegend": False,
            "marker": {
                "symbol": "circle-open",
                "size": 26,
                "color": "#222222",
                "line": {"width": 3, "color": "#222222"},
            },
        }
    )


def add_spans(figure: Traces, frame: pd.DataFrame, timeline: Timeline) -> None:
    """A translucent bar over the stretch an event covers (an `end`, a month, an approximation)."""
    colors = type_colors(timeline)
    wide = frame[(frame["span_end"] - frame["span_start"]) > pd.Timedelta(days=1)]
    segments: dict[tuple[str, str], list[tuple[object, object, float]]] = {}
    for status, kind, start, end, y in zip(
        wide["status"],
        wide["type"],
        wide["span_start"],
        wide["span_end"],
        wide["plot_y"],
        strict=True,
    ):
        style = _span_style(str(status))
        color = MUTED if style == "muted" else colors.get(str(kind), MUTED)
        segments.setdefault((style, color), []).append((start, end, float(y)))
    for (style, color), items in segments.items():
        figure.add_trace(_span_trace(style, color, items))


def add_markers(
    figure: Traces,
    frame: pd.DataFrame,
    timeline: Timeline,
    size: int,
    hover: pd.Series | None = None,
) -> None:
    """One trace per event type (its colour and symbol); hollow for planned, grey for postponed
    and cancelled. Every copy of an event carries its id, so a click on any of them opens it.
    `hover` is `hover_texts(frame, timeline)`, when the caller has it already."""
    colors, symbols = type_colors(timeline), type_symbols(timeline)
    hover = hover_texts(frame, timeline) if hover is None else hover
    for kind in timeline.event_types:
        chosen = frame["type"] == kind
        rows = frame[chosen]
        if rows.empty:
            continue
        point_colors = [MUTED if s in MUTED_STATUSES else colors[kind] for s in rows["status"]]
        figure.add_trace(
            {
                "type": "scatter",
                "x": rows["plot_x"].to_numpy(),  # an array: go.Figure copies it at once
                "y": rows["plot_y"].to_numpy(dtype=float),
                "name": kind,
                "showlegend": False,
                "mode": "markers",
                "customdata": rows["id"].tolist(),
                "hovertext": hover[chosen].tolist(),
                "hoverinfo": "text",
                "marker": {
                    "symbol": [symbol_for(symbols, kind, str(s)) for s in rows["status"]],
                    "color": point_colors,
                    "size": size,
                    "line": {"width": 2, "color": point_colors},
                },
            }
        )


def add_legend(figure: Traces, frame: pd.DataFrame, timeline: Timeline) -> None:
    """Legend-only entries: what colour and symbol (the type) and fill (the status) mean."""
    colors, symbols = type_colors(timeline), type_symbols(timeline)
    present = {str(kind) for kind in frame["type"].unique()}  # of the categories, not the rows
    for kind in timeline.event_types:
        if kind in present:
            name = kind.replace("_", " ")
            _legend_entry(figure, name, symbols.get(kind, "circle"), colors[kind], "Type")
    statuses = {str(status) for status in frame["status"].unique()}
    for label, symbol, color, members in (
        ("happened", "circle", "#555555", {"happened"}),
        ("scheduled / proposed", "circle-open", "#555555", HOLLOW_STATUSES),
        ("postponed / cancelled", "circle-x-open", MUTED, MUTED_STATUSES),
    ):
        if statuses & members:
            _legend_entry(figure, label, symbol, color, "Status")


def _legend_entry(figure: Traces, name: str, symbol: str, color: str, group: str) -> None:
    marker = {"symbol": symbol, "color": color, "size": 10, "line": {"width": 2, "color": color}}
    figure.add_trace(
        {
            "type": "scatter",
            "x": [None],
            "y": [None],
            "mode": "markers",
            "name": escape_label(name),
            "hoverinfo": "skip",
            "marker": marker,
            "legendgroup": group,
            "legendgrouptitle": {"text": group},
        }
    )
