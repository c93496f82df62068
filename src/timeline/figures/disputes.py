"""What the sources say about the marks: a ring around events whose sources disagree on a point,
and the open event's history (proposed here, scheduled there, held on its day) drawn as a path
of small marks leading to it."""

from __future__ import annotations

from typing import Any

import pandas as pd

from timeline.figures.marks import Traces
from timeline.figures.style import HOLLOW_STATUSES, MUTED, MUTED_STATUSES, escape_label

DISPUTED_COLOR = "#B2182B"
DISPUTED_NAME = "sources disagree"
HISTORY_COLOR = "#555555"


def add_disputed(figure: Traces, home: pd.DataFrame, size: int) -> None:
    """A dashed-looking red ring (an open diamond) around every event with a disputed point,
    and its legend entry."""
    if "disputed" not in home.columns:
        return
    rows = home[home["disputed"].astype(bool)]
    if rows.empty:
        return
    points = [", ".join(points) for points in rows["disputed_points"]]
    figure.add_trace(
        {
            "type": "scatter",
            "x": rows["plot_x"].tolist(),
            "y": rows["plot_y"].tolist(),
            "mode": "markers",
            "name": DISPUTED_NAME,
            "hovertext": [f"sources disagree on: {escape_label(p)}" for p in points],
            "hoverinfo": "text",
            "showlegend": True,
            "legendgroup": "Sources",
            "legendgrouptitle": {"text": "Sources"},
            "marker": {
                "symbol": "diamond-open",
                "size": size + 9,
                "color": DISPUTED_COLOR,
                "line": {"width": 1.5, "color": DISPUTED_COLOR},
            },
        }
    )


def add_history(figure: Traces, home: pd.DataFrame, selected: str | None) -> None:
    """The open event's earlier states on its lane: a small mark at each day its status changed,
    joined by a thin line to the event, each mark saying what changed ('proposed 28 May 2025')."""
    if not selected or "history_dates" not in home.columns:
        return
    rows = home[home["id"] == selected]
    if rows.empty or not len(rows["history_dates"].iloc[0]):
        return
    row = rows.iloc[0]
    days = [pd.Timestamp(day) for day in row["history_dates"]]
    statuses = [str(status) for status in row["history_statuses"]]
    y = float(row["plot_y"])
    figure.add_trace(_path([*days, row["plot_x"]], y))
    figure.add_trace(_steps(days, statuses, y))


def _path(days: list[pd.Timestamp], y: float) -> dict[str, Any]:
    return {
        "type": "scatter",
        "x": days,
        "y": [y] * len(days),
        "mode": "lines",
        "hoverinfo": "skip",
        "name": "history",
        "showlegend": False,
        "line": {"width": 2, "color": HISTORY_COLOR},
    }


def _steps(days: list[pd.Timestamp], statuses: list[str], y: float) -> dict[str, Any]:
    colors = [MUTED if status in MUTED_STATUSES else HISTORY_COLOR for status in statuses]
    symbols = [
        "circle-open"
        if status in HOLLOW_STATUSES
        else "circle-x-open"
        if status in MUTED_STATUSES
        else "circle"
        for status in statuses
    ]
    return {
        "type": "scatter",
        "x": days,
        "y": [y] * len(days),
        "mode": "markers",
        "name": "history steps",
        "showlegend": False,
        "hovertext": [
            f"{status} {day.day} {day:%b %Y}" for status, day in zip(statuses, days, strict=True)
        ],
        "hoverinfo": "text",
        "marker": {
            "symbol": symbols,
            "size": 9,
            "color": colors,
            "line": {"width": 2, "color": colors},
        },
    }
