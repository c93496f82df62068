"""Report-ready charts: the timeline with a title, a subtitle stating the view, a footnote naming
the data and its sources, in a print template of our own, at a size preset.

The template is set explicitly on every figure: importing Streamlit changes Plotly's default
template to one whose colours only Streamlit's front end fills in.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
import plotly.io as pio

from timeline.core.text import clip
from timeline.data.views import ExportView, as_of_text, describe_filters
from timeline.figures.style import PALETTE
from timeline.figures.timeline import timeline_figure

PRINT_TEMPLATE = "timeline_print"
FONT = "Liberation Sans, DejaVu Sans, Arial, Helvetica, sans-serif"


@dataclass(frozen=True)
class SizePreset:
    width: int
    height: int
    font_size: int
    label_room: float  # share of the time axis one label may take
    legend_below: bool

    bottom_margin: int = 60  # room for the footnote when the legend is beside the plot


# Pixels at 1× (PNG is written at 2×): 16:9 slides, A4 landscape at 96 dpi, a narrow column.
PRESETS: dict[str, SizePreset] = {
    "slide": SizePreset(1600, 900, 15, 0.17, False),
    "a4": SizePreset(1123, 794, 12, 0.2, False),
    "column": SizePreset(640, 900, 11, 0.42, True),
    # Not offered as a size: the chart inside a briefing, set in an A4 portrait text column.
    "briefing": SizePreset(760, 720, 11, 0.32, True),
}


def _register_print_template() -> None:
    base = pio.templates["plotly_white"]
    template = go.layout.Template(base)
    template.layout.font = {"family": FONT, "size": 13, "color": "#222222"}
    template.layout.colorway = list(PALETTE)
    template.layout.paper_bgcolor = "white"
    template.layout.plot_bgcolor = "white"
    pio.templates[PRINT_TEMPLATE] = template


_register_print_template()


def report_figure(export: ExportView) -> go.Figure:
    """The timeline of the view, finished for a report at the chosen size."""
    preset = PRESETS[export.size]
    filters = export.filters
    figure = timeline_figure(
        export.view,
        export.timeline,
        filters.group,
        template=PRINT_TEMPLATE,
        preferred=filters.preferred_lanes,
        label_room=preset.label_room,
        plot_height=_plot_height_estimate(preset),
    )
    figure.update_layout(
        width=preset.width,
        height=preset.height,
        font={"size": preset.font_size, "family": FONT},
        title=_title(export, preset),
        margin={"l": 10, "r": 10, "t": 100, "b": preset.bottom_margin},
        dragmode=False,
    )
    figure.update_xaxes(rangeslider={"visible": False})
    figure.update_traces(textfont={"size": preset.font_size - 1}, selector={"mode": "markers+text"})
    bottom = _legends_below(figure) if preset.legend_below else preset.bottom_margin
    figure.update_layout(margin={"b": bottom})
    figure.add_annotation(
        text=_plotly_text(footnote(export)),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-(bottom - 30),
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font={"size": preset.font_size - 1, "color": "#555555"},
    )
    return figure


LEGEND_COLUMNS = 3
LEGEND_ROW = 22  # px per legend line at the narrow preset's font size
LEGEND_TITLE = 26


def _legends_below(figure: go.Figure) -> int:
    """Country, type and status legends stacked under a narrow plot, three entries a row; returns
    the bottom margin they and the footnote need (Plotly cannot report a legend's height)."""
    groups = ("Country", "Type", "Status")
    heights = [
        LEGEND_TITLE + LEGEND_ROW * -(-_count(figure, group) // LEGEND_COLUMNS) + 8
        for group in groups
    ]
    axis_labels, footnote_room = 45, 40
    bottom = axis_labels + sum(heights) + footnote_room
    plot_height = figure.layout.height - figure.layout.margin.t - bottom
    offset = axis_labels
    for index, (group, height) in enumerate(zip(groups, heights, strict=True)):
        name = "legend" if index == 0 else f"legend{index + 1}"
        # Out of their group, so the entries flow in rows; the legend's own title names them.
        figure.update_traces(
            {"legend": name, "legendgroup": "", "legendgrouptitle": {"text": ""}},
            selector={"legendgroup": group},
        )
        figure.update_layout({name: _legend_block(group, -offset / plot_height)})
        offset += height
    return bottom


def _count(figure: go.Figure, group: str) -> int:
    return sum(1 for trace in figure.data if trace.legendgroup == group)


def _legend_block(title: str, y: float) -> dict[str, object]:
    return {
        "orientation": "h",
        "entrywidth": 1 / LEGEND_COLUMNS,
        "entrywidthmode": "fraction",
        "x": 0,
        "y": y,
        "yanchor": "top",
        "title": {"text": title, "side": "top"},
        "itemclick": False,
        "itemdoubleclick": False,
    }


def _plot_height_estimate(preset: SizePreset) -> int:
    # The legends below a narrow plot take a little under half of its height.
    return int(preset.height * (0.55 if preset.legend_below else 1) - 100 - preset.bottom_margin)


def _title(export: ExportView, preset: SizePreset) -> dict[str, object]:
    return {
        "text": _plotly_text(export.heading),
        "subtitle": {
            "text": _plotly_text(_fit(subtitle(export), preset)),
            "font": {"size": preset.font_size},
        },
        "x": 0.01,
        "xanchor": "left",
        "y": 0.98,
        "yanchor": "top",
        "font": {"size": round(preset.font_size * 1.6)},
    }


def _fit(text: str, preset: SizePreset) -> str:
    """Plotly does not wrap titles: cut a long subtitle to the width, visibly."""
    limit = int(preset.width / (preset.font_size * 0.55))
    return clip(text, limit)


def subtitle(export: ExportView) -> str:
    """'7 of 40 events · Türkiye · call, meeting · as of 31 Aug 2025', or '... · as known on
    29 May 2025' for a view as known on a day (statuses then)."""
    described = describe_filters(export.filters, export.timeline)
    parts = [f"{len(export.view)} of {export.dataset.event_count} events"]
    if described != "all events":
        parts.append(described)
    when = as_of_text(export.timeline, export.filters)
    if when is not None:
        parts.append(when)
    return " · ".join(parts)


def footnote(export: ExportView) -> str:
    sources = export.source_count
    plural = "s" if sources != 1 else ""
    return f"Data: {export.data_name} · {sources} source{plural} · made with timeline"


def _plotly_text(text: str) -> str:
    # Plotly reads a few HTML tags in titles; data must show as the text it is.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
