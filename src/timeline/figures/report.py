"""Report-ready charts: the labelled timeline with a title, a subtitle stating the view, a footnote
naming the data and its sources, in a print template of our own, at a size preset.

A preset fixes the width and the page height: the chart takes the height its lanes and labels
need, up to the page; when the titles cannot all fit on the page, events are numbered and a key
under the chart lists number, date and full title (the canvas then grows to hold the key).

The template is set explicitly on every figure: importing Streamlit changes Plotly's default
template to one whose colours only Streamlit's front end fills in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from timeline.data.filters import view_as_of
from timeline.data.views import ExportView, SizeName, as_of_text, describe_filters
from timeline.figures.key import key_annotations
from timeline.figures.measure import CHART_FONT, TextMeasure
from timeline.figures.style import PALETTE, escape_label
from timeline.figures.timeline import ChartSize, TimelineChart, timeline_chart

PRINT_TEMPLATE = "timeline_print"
FOOTNOTE_ROOM = 34  # px under the legends (or the key) for the footnote
LEGEND_GUESS = 260  # px for the time axis and legends, before they are measured


@dataclass(frozen=True)
class SizePreset:
    width: int
    height: int  # the page: the chart grows up to it, a key beyond it
    font_size: int
    label_width: int  # a label wraps beyond this width
    columns: int  # legend entries and key columns side by side
    key_columns: int


# Pixels at 1× (PNG is written at 2×): 16:9 slides, A4 landscape at 96 dpi, a narrow column.
PRESETS: dict[str, SizePreset] = {
    "slide": SizePreset(1600, 900, 15, 300, 7, 3),
    "a4": SizePreset(1123, 794, 12, 240, 6, 2),
    "column": SizePreset(640, 900, 11, 200, 3, 1),
    # Not offered as a size: the chart inside a briefing, set in an A4 portrait text column (the
    # briefing lists numbered events itself, under the chart).
    "briefing": SizePreset(760, 1000, 11, 210, 3, 1),
}


def _register_print_template() -> None:
    base = pio.templates["plotly_white"]
    template = go.layout.Template(base)
    template.layout.font = {"family": CHART_FONT, "size": 13, "color": "#222222"}
    template.layout.colorway = list(PALETTE)
    template.layout.paper_bgcolor = "white"
    template.layout.plot_bgcolor = "white"
    pio.templates[PRINT_TEMPLATE] = template


_register_print_template()


def report_chart(export: ExportView) -> TimelineChart:
    """The timeline of the view, finished for a report at the chosen size (see the module)."""
    preset = PRESETS[export.size]
    lines = _subtitle_lines(export, preset)
    top = _top_margin(preset, len(lines))
    room = preset.height - top - FOOTNOTE_ROOM - LEGEND_GUESS
    size = ChartSize(
        preset.width, preset.font_size, preset.label_width, room, preset.columns, top, False
    )
    chart = _chart(export, size)
    overflow = chart.figure.layout.height + FOOTNOTE_ROOM - preset.height
    if overflow > 0:  # the axis and legends took more room than guessed: give the plot less
        size = replace(size, max_plot_height=max(40, int(chart.plot_height - overflow)))
        chart = _chart(export, size)
    _finish(chart, export, preset, lines)
    return chart


def report_figure(export: ExportView) -> go.Figure:
    return report_chart(export).figure


def _chart(export: ExportView, size: ChartSize) -> TimelineChart:
    timeline, filters = export.timeline, export.filters
    as_of, label = view_as_of(timeline, filters), as_of_text(timeline, filters)
    group = filters.group
    return timeline_chart(export.view, timeline, group, PRINT_TEMPLATE, None, size, as_of, label)


def _finish(chart: TimelineChart, export: ExportView, preset: SizePreset, lines: list[str]) -> None:
    """Title, subtitle, the key (if events are numbered) and the footnote, under the legends."""
    figure = chart.figure
    below = chart.below_plot
    keyed = "" if export.size == "briefing" else "key"
    margin = figure.layout.margin
    if chart.key and keyed:
        plot_width = preset.width - margin.l - margin.r
        notes, key_height = key_annotations(
            chart.key, below, chart.plot_height, plot_width, preset.key_columns, preset.font_size
        )
        figure.layout.annotations = (*figure.layout.annotations, *notes)
        below += key_height
    figure.add_annotation(_footnote(export, preset, below, chart.plot_height))
    figure.update_layout(
        height=round(margin.t + chart.plot_height + below + FOOTNOTE_ROOM),
        margin={"b": below + FOOTNOTE_ROOM},
        title=_title(export, preset, lines),
        dragmode=False,
    )


def _top_margin(preset: SizePreset, subtitle_lines: int) -> int:
    title = preset.font_size * 1.6 * 1.3
    subtitle = preset.font_size * 1.3 * subtitle_lines
    return round(title + subtitle + preset.font_size * 3)


def _title(export: ExportView, preset: SizePreset, lines: list[str]) -> dict[str, object]:
    return {
        "text": escape_label(export.heading),
        "subtitle": {"text": "<br>".join(lines), "font": {"size": preset.font_size}},
        "x": 0.01,
        "xanchor": "left",
        "xref": "paper",
        "y": 1,
        "yanchor": "top",
        "yref": "container",
        "pad": {"t": 10},  # px from the canvas' top edge, whatever the canvas' height
        "font": {"size": round(preset.font_size * 1.6)},
    }


def _subtitle_lines(export: ExportView, preset: SizePreset) -> list[str]:
    """The subtitle wrapped to the page (never cut), escaped."""
    measure = TextMeasure(preset.font_size)
    wrapped = measure.wrap(subtitle(export), preset.width - 40)
    return [escape_label(line) for line in wrapped]


def _footnote(export: ExportView, preset: SizePreset, below: float, plot: float) -> dict[str, Any]:
    return {
        "text": escape_label(footnote(export)),
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": -(below + 8) / plot,
        "xanchor": "left",
        "yanchor": "top",
        "showarrow": False,
        "font": {"size": preset.font_size - 1, "color": "#555555"},
        "name": "footnote",
    }


def subtitle(export: ExportView) -> str:
    """'7 of 40 events · Türkiye · call, meeting · as of 31 Aug 2025', or '... · as known on
    29 May 2025' for a view as known on a day (statuses then)."""
    described = describe_filters(export.filters, export.timeline)
    parts = [f"{len(export.view):,} of {export.dataset.event_count:,} events"]
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


__all__ = ["PRESETS", "PRINT_TEMPLATE", "SizeName", "report_chart", "report_figure"]
