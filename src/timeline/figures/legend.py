"""Legends under the plot: one block per group (type, status...), entries flowing in rows of a
fixed number of columns. Plotly cannot report a legend's height, so it is computed here from the
entry count, and the page is made tall enough for it."""

from __future__ import annotations

import html
from typing import Any

from timeline.figures.measure import TextMeasure

LEGEND_GAP = 8  # px between two legend blocks
GROUP_ORDER = ("Type", "Status", "Sources", "Lanes")  # what a mark is first, then the rest
# Status, disputes and the lane connector share one block: three short blocks would take the
# height of three titles from a page that needs it for the events.
BLOCKS = {
    "Type": "Type",
    "Status": "Marks and lines",
    "Sources": "Marks and lines",
    "Lanes": "Marks and lines",
}


def row_height(font_size: int) -> int:
    return font_size + 11


def title_height(font_size: int) -> int:
    return font_size + 14


def legends_below(
    traces: list[dict[str, Any]],
    plot: tuple[float, float],
    offset: float,
    columns: int,
    font_size: int,
) -> tuple[dict[str, Any], float]:
    """Layout entries placing each legend group's block under the plot (`plot`: its width and
    height), starting `offset` px below it; returns them and the height they take. The traces
    are moved to their block. Fewer columns than asked when the longest entry needs them."""
    plot_width, plot_height = plot
    columns = _columns(traces, plot_width, columns, font_size)
    found = dict.fromkeys(t["legendgroup"] for t in traces if t.get("legendgroup"))
    ordered = sorted(
        found, key=lambda group: GROUP_ORDER.index(group) if group in GROUP_ORDER else 99
    )
    blocks = list(dict.fromkeys(BLOCKS.get(group, group) for group in ordered))
    layout: dict[str, Any] = {}
    height = 0.0
    for index, block in enumerate(blocks):
        name = "legend" if index == 0 else f"legend{index + 1}"
        groups = [group for group in ordered if BLOCKS.get(group, group) == block]
        members = [t for group in groups for t in traces if t.get("legendgroup") == group]
        for trace in members:
            # Out of their group, so the entries flow in rows; the block's title names them.
            trace.update({"legend": name, "legendgroup": "", "legendgrouptitle": {"text": ""}})
        top = offset + height
        layout[name] = _block(block, -top / plot_height, columns, font_size)
        height += title_height(font_size) + row_height(font_size) * -(-len(members) // columns)
        height += LEGEND_GAP
    return layout, height


ENTRY_EXTRA = 52  # px an entry takes besides its text: the symbol and the gaps


def _columns(traces: list[dict[str, Any]], plot_width: float, most: int, font_size: int) -> int:
    names = [html.unescape(str(t["name"])) for t in traces if t.get("legendgroup")]
    widest = max((TextMeasure(font_size - 1).width(name) for name in names), default=0.0)
    return max(1, min(most, int(plot_width // (widest + ENTRY_EXTRA))))


def _block(title: str, y: float, columns: int, font_size: int) -> dict[str, Any]:
    return {
        "orientation": "h",
        "entrywidth": 1 / columns,
        "entrywidthmode": "fraction",
        "x": 0,
        "y": y,
        "xanchor": "left",
        "yanchor": "top",
        "title": {"text": title, "side": "top"},
        "font": {"size": font_size - 1},
        "itemclick": False,
        "itemdoubleclick": False,
        "bgcolor": "rgba(0,0,0,0)",
    }
