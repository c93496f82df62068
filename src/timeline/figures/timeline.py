"""The timeline chart: a lane per country, actor or type; every event in each lane it belongs to,
its copies joined by a dotted line; every event labelled with its date and full title (or, when
the titles cannot all fit, a number listed in a key); colour and symbol for the type, fill for the
status. Pure functions of a frame and the model.

Every figure takes an explicit template: Streamlit changes Plotly's default template in its
process, and an export must never inherit that. Above DENSITY_THRESHOLD events the chart is a
heat strip of events per period in each lane (see `figures.density`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from timeline.core.model import Timeline
from timeline.core.text import clip
from timeline.data.filters import Grouping
from timeline.data.lanes import Lanes, assign_lanes
from timeline.figures.density import (
    DENSITY_THRESHOLD,
    DENSITY_WIDTH,
    NOTE_ROOM,
    StripPage,
    density_figure,
    mark_times,
)
from timeline.figures.disputes import add_disputed, add_history
from timeline.figures.guides import (
    SEPARATOR,
    add_connectors,
    add_label_targets,
    add_leaders,
    add_number_text,
    label_annotations,
    numbers_as_text,
)
from timeline.figures.labels import (
    NARROWEST_GLYPH,
    LabelLayout,
    LabelRequest,
    LayoutSettings,
    layout_labels,
)
from timeline.figures.layout import (
    AXIS_HEIGHT,
    LANE_NAME_LIMIT,
    AsOfMarks,
    TimeScale,
    as_of_marks,
    lane_axis,
    lane_bands,
    time_axis,
    time_window,
)
from timeline.figures.legend import legends_below
from timeline.figures.marks import (
    Traces,
    add_crosses,
    add_legend,
    add_markers,
    add_relations,
    add_selection_ring,
    add_spans,
    hover_texts,
)
from timeline.figures.measure import CHART_FONT, TextMeasure
from timeline.figures.style import DEFAULT_TEMPLATE, marker_size


@dataclass(frozen=True)
class ChartSize:
    """The page a chart is laid out for, in CSS pixels."""

    width: int
    font_size: int
    label_width: int  # a label wraps beyond this width
    max_plot_height: int  # beyond this, events are numbered instead of titled
    legend_columns: int
    top: int = 30  # above the plot: room for the as-of label (a report adds its title)
    interactive: bool = True  # invisible targets over labels, so a click opens the event


# 820 px: the main column of a 1280-px window with the sidebar open holds it unsqueezed (the
# layout is computed for this width; a narrower column would squeeze the axis under the labels).
DASHBOARD_SIZE = ChartSize(820, 12, 230, 4_000, 4)  # the page scrolls: titles first


@dataclass(frozen=True)
class KeyEntry:
    """A numbered event, as the key lists it."""

    number: int
    event_id: str
    date: str
    title: str


@dataclass(frozen=True)
class TimelineChart:
    figure: go.Figure
    key: tuple[KeyEntry, ...] = ()
    plot_height: float = 0.0
    below_plot: float = 0.0  # px under the plot taken by the time axis and the legends
    labels: LabelLayout | None = None  # where every label went (None for the density strip)


def timeline_figure(
    frame: pd.DataFrame,
    timeline: Timeline,
    group: Grouping = "country",
    template: str = DEFAULT_TEMPLATE,
    selected: str | None = None,
    size: ChartSize = DASHBOARD_SIZE,
    as_of: date | None = None,
) -> go.Figure:
    return timeline_chart(frame, timeline, group, template, selected, size, as_of).figure


def timeline_chart(
    frame: pd.DataFrame,
    timeline: Timeline,
    group: Grouping = "country",
    template: str = DEFAULT_TEMPLATE,
    selected: str | None = None,
    size: ChartSize = DASHBOARD_SIZE,
    as_of: date | None = None,
    as_of_label: str | None = None,
) -> TimelineChart:
    """The (filtered) frame over time, laid out for `size` (see the module docstring). The
    dashed line marks `as_of` (default: the file's as-of day), named `as_of_label`."""
    lanes = assign_lanes(frame, timeline, group)
    day = as_of if as_of is not None else _as_of(timeline)
    marks = as_of_marks(day, size.font_size, as_of_label)
    if len(frame) > DENSITY_THRESHOLD:
        return _density_chart(frame, lanes, template, marks, size)
    return _labelled_chart(frame, timeline, lanes, template, selected, size, marks)


def _density_chart(
    frame: pd.DataFrame, lanes: Lanes, template: str, as_of: AsOfMarks, size: ChartSize
) -> TimelineChart:
    width = max(size.width, DENSITY_WIDTH) if size.interactive else size.width
    page = StripPage(width, size.font_size, size.top)
    figure = density_figure(frame, lanes, template, as_of, page)
    # A report finishes the page under the plot: it reads the plot's height and what lies below.
    plot = page.plot_height(len(lanes.order)) + NOTE_ROOM
    return TimelineChart(figure, (), plot, page.below)


def _as_of(timeline: Timeline) -> date | None:
    return timeline.as_of.local_start(timeline.zone).date() if timeline.as_of else None


def _labelled_chart(
    frame: pd.DataFrame,
    timeline: Timeline,
    lanes: Lanes,
    template: str,
    selected: str | None,
    size: ChartSize,
    as_of: AsOfMarks,
) -> TimelineChart:
    measure = TextMeasure(size.font_size)
    left = _left_margin(lanes.order, measure)
    scale = TimeScale(*time_window(frame), size.width - left - RIGHT_MARGIN)
    points = frame.assign(plot_x=mark_times(frame), lane=lanes.home)
    layout = _label_layout(points, lanes, scale, size, measure)
    layout = replace(layout, height=max(layout.height, MIN_PLOT_HEIGHT))  # an empty view too
    copies = _copies(points, lanes, layout)
    figure = Traces()
    _add_traces(figure, copies, timeline, layout, scale, selected, size)
    plot = (scale.width, layout.height)
    legends, legend_height = legends_below(
        figure.data, plot, AXIS_HEIGHT, size.legend_columns, size.font_size
    )
    below = AXIS_HEIGHT + legend_height
    page = _page(frame, lanes, layout, scale, size, as_of, left, below, template)
    page.update(legends)
    as_text = set(numbers_as_text(layout))
    page["annotations"] += label_annotations(
        [label for label in layout.labels if label not in as_text],
        dict(zip(frame["id"].tolist(), frame["date_label"].tolist(), strict=True)),
        scale.milliseconds,
        size.font_size,
    )
    # Plotly checks every element of every array it is given, which costs more than all the
    # rest at a few thousand events; the traces are built here, and a test validates them.
    figure_object = go.Figure(data=figure.data, layout=page, _validate=False)
    return TimelineChart(figure_object, _key(layout, frame), layout.height, below, layout)


def key_foreseen(frame: pd.DataFrame, size: ChartSize = DASHBOARD_SIZE) -> bool:
    """True when the view's titles cannot all fit `size`, so some will be numbered and listed in
    a key, known without laying anything out: a title's label covers at least its letters, each
    at least NARROWEST_GLYPH wide and a line high, and together they would exceed the plot. The
    dashboard then lays the chart out once, beside its key, not first at full width."""
    if len(frame) > DENSITY_THRESHOLD:
        return False
    letters = _letters(frame["title"]) + _letters(frame["date_label"]) + len(SEPARATOR.strip())
    measure = TextMeasure(size.font_size)
    area = float(letters.sum()) * NARROWEST_GLYPH * size.font_size * measure.line_height
    return area > size.max_plot_height * size.width


def _letters(texts: pd.Series) -> pd.Series:
    """Characters that are not spaces (a label may wrap at any space, which then takes no room)."""
    strings = texts.astype("str")
    return strings.str.len() - strings.str.count(r"\s")


RIGHT_MARGIN = 24
MIN_PLOT_HEIGHT = 60
MAX_LANE_NAME = 260  # px: the widest lane name column


def _left_margin(names: list[str], measure: TextMeasure) -> int:
    widest = max((measure.width(clip(name, LANE_NAME_LIMIT)) for name in names), default=0.0)
    return int(min(widest, MAX_LANE_NAME)) + 16


def _label_layout(
    points: pd.DataFrame, lanes: Lanes, scale: TimeScale, size: ChartSize, measure: TextMeasure
) -> LabelLayout:
    xs = [scale.pixels(moment) for moment in points["plot_x"]]
    ids = points["id"].tolist()  # a list: iterating an Arrow-backed column costs 2 us a value
    requests = [
        LabelRequest(event_id, home, x, f"{label}{SEPARATOR}{title}")
        for event_id, home, x, label, title in zip(
            ids,
            points["lane"].tolist(),
            xs,
            points["date_label"].tolist(),
            points["title"].tolist(),
            strict=True,
        )
    ]
    marks = [
        (event_id, lane, x)
        for event_id, x, members in zip(ids, xs, lanes.members, strict=True)
        for lane in members
    ]
    mark = float(marker_size(len(points)))
    settings = LayoutSettings(scale.width, measure, size.label_width, mark, size.max_plot_height)
    return layout_labels(requests, marks, len(lanes.order), settings)


def _copies(points: pd.DataFrame, lanes: Lanes, layout: LabelLayout) -> pd.DataFrame:
    """One row per mark drawn: each event once in every lane it belongs to, `home` marking the
    copy in its first lane (where its label, relations and selection ring go)."""
    positions = [i for i, members in enumerate(lanes.members) for _ in members]
    in_lane = [lane for members in lanes.members for lane in members]
    copies = points.iloc[positions].reset_index(drop=True)
    copies["lane"] = in_lane
    home = [lane == members[0] for members in lanes.members for lane in members]
    copies["home"] = pd.Series(home, dtype=bool)
    copies["plot_y"] = [
        layout.mark_y[(e, lane)] for e, lane in zip(copies["id"].tolist(), in_lane, strict=True)
    ]
    return copies


def _add_traces(
    figure: Traces,
    copies: pd.DataFrame,
    timeline: Timeline,
    layout: LabelLayout,
    scale: TimeScale,
    selected: str | None,
    size: ChartSize,
) -> None:
    home = copies[copies["home"].to_numpy(dtype=bool)]
    add_spans(figure, copies, timeline)
    add_connectors(figure, copies)
    add_relations(figure, home, selected)
    add_leaders(figure, layout, scale.milliseconds)
    add_history(figure, home, selected)
    hover_text = hover_texts(copies, timeline)  # once for the marks and the labels
    add_markers(figure, copies, timeline, marker_size(len(home)), hover_text)
    add_crosses(figure, copies, marker_size(len(home)))
    as_text = numbers_as_text(layout)  # each number its own click target
    at_home = hover_text[copies["home"].to_numpy(dtype=bool)].tolist()
    hover = dict(zip(home["id"].tolist(), at_home, strict=True)) if size.interactive else None
    if hover is not None:
        others = [label for label in layout.labels if label.number is None or not as_text]
        add_label_targets(figure, others, scale.milliseconds, hover)
    if as_text:
        add_number_text(figure, as_text, scale.milliseconds, hover, size.font_size)
    add_selection_ring(figure, home, selected)
    add_legend(figure, home, timeline)
    add_disputed(figure, home, marker_size(len(home)))  # after the legend's type and status


def _page(
    frame: pd.DataFrame,
    lanes: Lanes,
    layout: LabelLayout,
    scale: TimeScale,
    size: ChartSize,
    as_of: AsOfMarks,
    left: int,
    below: float,
    template: str,
) -> dict[str, Any]:
    shapes, annotations = as_of
    return {
        "template": pio.templates[template],
        "width": size.width,
        "height": round(size.top + layout.height + below),
        "font": {"family": CHART_FONT, "size": size.font_size},
        "margin": {"l": left, "r": RIGHT_MARGIN, "t": size.top, "b": below, "autoexpand": False},
        "hovermode": "closest",
        "clickmode": "event+select",
        "dragmode": "zoom",
        "uirevision": True,
        "showlegend": True,
        "shapes": lane_bands(layout.lanes) + shapes,
        "annotations": annotations,
        "yaxis": lane_axis(layout.lanes, lanes.order, layout.height),
        "xaxis": time_axis(frame, (scale.start, scale.end)),
    }


def _key(layout: LabelLayout, frame: pd.DataFrame) -> tuple[KeyEntry, ...]:
    rows = {
        event_id: (label, title)
        for event_id, label, title in zip(
            frame["id"], frame["date_label"], frame["title"], strict=True
        )
    }
    return tuple(
        KeyEntry(label.number or 0, label.key, *rows[label.key])
        for label in sorted(layout.numbered, key=lambda placed: placed.number or 0)
    )
