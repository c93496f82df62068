"""Views too large to draw one by one: events per period in each lane, counted exactly."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from benchmarks.synthetic import synthetic_events
from tests.conftest import DATA
from timeline.core.load import load_timeline
from timeline.core.model import Timeline
from timeline.data.dataset import Dataset
from timeline.data.filters import Filters, apply_filters
from timeline.data.frame import to_frame
from timeline.data.lanes import assign_lanes
from timeline.data.views import ExportView, ReportSize
from timeline.figures import timeline as timeline_module
from timeline.figures.density import density_period, lane_counts, period_bins
from timeline.figures.report import PRESETS, report_chart
from timeline.figures.report import subtitle as report_subtitle
from timeline.figures.timeline import timeline_chart

TIMELINE = load_timeline(DATA)
FRAME = to_frame(TIMELINE)


def heat_strip(figure: go.Figure) -> go.Heatmap:
    strips = [trace for trace in figure.data if trace.type == "heatmap"]
    assert len(strips) == 1
    return strips[0]


def test_above_the_threshold_the_chart_counts_events_per_period_in_each_lane(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(timeline_module, "DENSITY_THRESHOLD", 10)
    figure = timeline_chart(FRAME, TIMELINE).figure
    strip = heat_strip(figure)
    assert not [trace for trace in figure.data if trace.type in ("scatter", "scattergl")]
    lanes = assign_lanes(FRAME, TIMELINE, "country")
    names = [figure.layout.yaxis.ticktext[int(y)] for y in strip.y]
    assert names == lanes.order
    counts = np.nan_to_num(np.asarray(strip.z, dtype=float)).sum(axis=1)
    # An event sits in every lane it belongs to, so a lane's total is its events, exactly.
    expected = FRAME["countries"].explode().map(TIMELINE.countries).map(lambda c: c.name)
    for name, total in zip(names, counts, strict=True):
        assert total == (expected == name).sum(), name
    assert (
        f"{len(FRAME):,} events, counted per day in each lane" in figure.layout.annotations[-1].text
    )


def test_at_the_threshold_each_event_is_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline_module, "DENSITY_THRESHOLD", len(FRAME))
    figure = timeline_chart(FRAME, TIMELINE).figure
    assert not [trace for trace in figure.data if trace.type == "heatmap"]


def test_periods_follow_the_span_of_the_view() -> None:
    day = pd.Timestamp("2025-05-10")
    assert density_period((day, day + pd.Timedelta(days=31))) == "day"
    assert density_period((day, day + pd.Timedelta(days=730))) == "week"
    assert density_period((day, day + pd.Timedelta(days=365 * 5))) == "month"


def test_weeks_start_on_monday_and_empty_periods_are_kept() -> None:
    moments = pd.Series(
        pd.to_datetime(["2025-05-11", "2025-05-12", "2025-06-01 18:00"], format="ISO8601")
    )
    starts, bins = period_bins(moments, "week")
    # Sunday 11 May belongs to the week of Monday 5 May; no event in the two weeks between.
    assert [str(start) for start in starts] == [
        "2025-05-05",
        "2025-05-12",
        "2025-05-19",
        "2025-05-26",
    ]
    assert bins.tolist() == [0, 1, 3]
    months, month_bins = period_bins(moments, "month")
    assert [str(start) for start in months] == ["2025-05-01", "2025-06-01"]
    assert month_bins.tolist() == [0, 0, 1]


def test_an_event_in_two_lanes_counts_in_both() -> None:
    frame = FRAME[FRAME["countries"].map(len) > 1].head(1)
    lanes = assign_lanes(frame, TIMELINE, "country")
    counts = lane_counts(lanes, np.zeros(1, dtype=np.intp), 1)
    assert counts.ravel().tolist() == [1] * len(lanes.order)
    assert len(lanes.order) > 1


def test_a_report_of_a_large_view_is_a_strip_at_the_reports_size() -> None:
    timeline = Timeline.model_validate(synthetic_events(1_500))
    dataset = Dataset.from_timeline(timeline)
    sizes: tuple[ReportSize, ...] = ("a4", "column")
    for size in sizes:
        view = ExportView(dataset, dataset.frame, Filters(), "big.yaml", None, size)
        figure = report_chart(view).figure
        assert [trace.type for trace in figure.data] == ["heatmap"]
        assert figure.layout.width == PRESETS[size].width
        strip_bottom = figure.layout.height - figure.layout.margin.b
        assert strip_bottom - figure.layout.margin.t >= 44 * 2  # the plot has room for its lanes
        assert figure.layout.title.text == "Synthetic timeline, 1500 events"
        assert report_subtitle(view).startswith("1,500 of 1,500 events")


def test_the_colour_bar_of_a_one_lane_strip_has_room_for_its_ticks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(timeline_module, "DENSITY_THRESHOLD", 3)
    view = apply_filters(FRAME, Filters(types=("statement",)))
    strip = heat_strip(timeline_chart(view, TIMELINE, "type").figure)
    assert len(strip.y) == 1
    # Its title beside the bar, not above it; at most a tick label per 30 px of the strip.
    assert strip.colorbar.title.side == "right"
    assert strip.colorbar.nticks <= 44 * 2 // 30
