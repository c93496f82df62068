"""Figures checked as objects: marks, colours, symbols, status styles, lanes, escaping."""

from __future__ import annotations

import html
from datetime import date, datetime
from typing import Any

import plotly.graph_objects as go

from benchmarks.synthetic import synthetic_events
from tests.conftest import DATA, TEST_DATA, WriteEvents
from timeline.core.load import load_timeline
from timeline.core.model import Timeline
from timeline.data.filters import Filters, apply_filters
from timeline.data.frame import to_frame
from timeline.data.lanes import assign_lanes
from timeline.figures.activity import (
    actor_matrix_figure,
    actor_pair_counts,
    country_activity_figure,
)
from timeline.figures.style import MUTED, TYPE_COLORS
from timeline.figures.timeline import (
    DASHBOARD_SIZE,
    key_foreseen,
    timeline_chart,
    timeline_figure,
)

TIMELINE = load_timeline(DATA)
FRAME = to_frame(TIMELINE)


def marks(figure: go.Figure) -> dict[str, list[dict[str, Any]]]:
    """Event id -> its marks (one per lane it sits in): lane y, colour, symbol, trace."""
    found: dict[str, list[dict[str, Any]]] = {}
    for trace in figure.data:
        if trace.name == "labels" or not trace.customdata:
            continue
        for index, event_id in enumerate(trace.customdata):
            found.setdefault(event_id, []).append(
                {
                    "y": trace.y[index],
                    "color": trace.marker.color[index],
                    "symbol": trace.marker.symbol[index],
                    "trace": trace.name,
                }
            )
    return found


def lanes_of(figure: go.Figure, event_id: str) -> set[str]:
    """The names of the lanes an event's marks sit in (from the lane axis)."""
    axis = figure.layout.yaxis
    tops = sorted(zip(axis.tickvals, axis.ticktext, strict=True))
    names = set()
    for mark in marks(figure)[event_id]:
        names.add(max((tick, name) for tick, name in tops if tick <= mark["y"] + 0.01)[1])
    return names


def test_every_event_sits_in_each_lane_it_belongs_to() -> None:
    for group in ("country", "actor", "type"):
        chart = timeline_chart(FRAME, TIMELINE, group)
        found = marks(chart.figure)
        assert sorted(found) == sorted(FRAME["id"])
        lanes = assign_lanes(FRAME, TIMELINE, group)
        assert [len(found[event_id]) for event_id in FRAME["id"]] == [
            len(members) for members in lanes.members
        ]
        assert chart.figure.layout.template.layout.paper_bgcolor == "white"


def test_a_filter_never_moves_an_event_to_another_lane() -> None:
    full = timeline_figure(FRAME, TIMELINE)
    turkey = timeline_figure(apply_filters(FRAME, Filters(countries=("TR",))), TIMELINE)
    assert lanes_of(full, "istanbul-round-3") == {"Russia", "Ukraine", "Türkiye"}
    assert lanes_of(turkey, "istanbul-round-3") == {"Russia", "Ukraine", "Türkiye"}
    assert list(turkey.layout.yaxis.ticktext)[:3] == ["Russia", "Ukraine", "Türkiye"]


def test_colour_and_symbol_mean_the_type_in_every_view() -> None:
    full = marks(timeline_figure(FRAME, TIMELINE))
    narrowed = apply_filters(FRAME, Filters(countries=("TR",)))
    again = marks(timeline_figure(narrowed, TIMELINE, "actor"))
    kinds = dict(zip(FRAME["id"], FRAME["type"], strict=True))
    statuses = dict(zip(FRAME["id"], FRAME["status"], strict=True))
    for event_id, found in again.items():
        expected = (
            MUTED
            if statuses[event_id] in ("postponed", "cancelled")
            else TYPE_COLORS[kinds[event_id]]
        )
        assert {mark["color"] for mark in found + full[event_id]} == {expected}
    assert len(set(TYPE_COLORS.values())) == len(TYPE_COLORS)
    legend = {trace.name for trace in timeline_figure(FRAME, TIMELINE).data if trace.legend}
    assert {"negotiation round", "call", "happened"} <= legend


def test_status_styles(write_events: WriteEvents) -> None:
    path = write_events(
        """\
        - {id: held, date: 2025-05-19, title: Held, type: call, countries: [UA], sources: [{url: "https://e.org"}]}
        - {id: planned, date: 2025-06-19, title: Planned, type: call, status: scheduled, countries: [UA], sources: [{url: "https://e.org"}]}
        - {id: dropped, date: 2025-07-19, title: Dropped, type: summit, status: cancelled, countries: [UA], sources: [{url: "https://e.org"}]}
        """
    )
    timeline = load_timeline(path)
    figure = timeline_figure(to_frame(timeline), timeline)
    found = {event_id: found[0] for event_id, found in marks(figure).items()}
    assert (found["held"]["color"], found["held"]["symbol"]) == (TYPE_COLORS["call"], "circle")
    assert found["planned"]["symbol"] == "circle-open"
    assert (found["dropped"]["color"], found["dropped"]["symbol"]) == (MUTED, "star-open")
    crosses = [trace for trace in figure.data if trace.name == "postponed or cancelled"]
    assert len(crosses) == 1 and len(crosses[0].x) == 1


def test_imprecise_dates_are_drawn_as_spans() -> None:
    figure = timeline_figure(FRAME, TIMELINE)
    spans = [trace for trace in figure.data if str(trace.name).startswith("spans")]
    starts = {str(x)[:10] for trace in spans for x in trace.x if x is not None}
    assert {"2025-08-01", "2025-09-01"} <= starts  # the month-precision proposal covers August
    dashed = [trace for trace in spans if trace.line.dash == "dot"]
    assert dashed, "proposed events are drawn with a dotted span"


def test_as_of_line_and_relations() -> None:
    figure = timeline_figure(FRAME, TIMELINE)
    lines = [shape.x0 for shape in figure.layout.shapes if shape.type == "line"]
    assert lines == [datetime(2025, 8, 31)]
    assert any(annotation.text == "as of 31 Aug 2025" for annotation in figure.layout.annotations)
    related = [trace for trace in figure.data if trace.name == "related"]
    assert len(related) == 1 and len(related[0].x) > 0


def test_hover_and_labels_show_data_as_text(write_events: WriteEvents) -> None:
    path = write_events(
        """\
        - {id: a, date: 2025-05-19, title: "<b>bold</b> & <a href='x'>link</a>", type: call, sources: [{url: "https://e.org"}]}
        """
    )
    timeline = load_timeline(path)
    figure = timeline_figure(to_frame(timeline), timeline)
    trace = next(trace for trace in figure.data if trace.customdata)
    escaped = "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;a href='x'&gt;link&lt;/a&gt;"
    assert escaped in trace.hovertext[0]
    label = next(note for note in figure.layout.annotations if note.name == "a")
    shown = label.text.replace("<br>", " ")
    assert escaped in shown and "<a " not in shown


def test_too_many_titles_are_numbered_and_listed_in_a_key(write_events: WriteEvents) -> None:
    items = "".join(
        f"- {{id: e{n}, date: 2025-05-{n % 28 + 1:02d}, title: Event number {n} of the month, "
        f"type: call, countries: [{['UA', 'RU', 'TR'][n % 3]}], sources: [{{url: 'https://e.org'}}]}}\n"
        for n in range(600)
    )
    timeline = load_timeline(write_events(items))
    chart = timeline_chart(to_frame(timeline), timeline)
    assert len(marks(chart.figure)) == 600
    assert chart.labels is not None
    labelled = {label.key for label in chart.labels.labels}
    assert labelled == {f"e{n}" for n in range(600)}  # every event: a title or a number
    assert len(chart.key) == len(chart.labels.numbered) > 0
    assert [entry.number for entry in chart.key] == list(range(1, len(chart.key) + 1))
    assert chart.plot_height <= DASHBOARD_SIZE.max_plot_height + 40


def test_actor_views() -> None:
    counts = actor_pair_counts(FRAME)
    assert counts[("fidan", "umerov")] >= 3
    matrix = actor_matrix_figure(FRAME, TIMELINE)
    assert "Hakan Fidan" in matrix.data[0].x
    activity = country_activity_figure(FRAME, TIMELINE)
    assert {trace.name for trace in activity.data} >= {"Russia", "Ukraine", "Türkiye"}
    assert sum(sum(trace.y) for trace in activity.data) == sum(len(c) for c in FRAME["countries"])


def test_figures_pass_plotlys_own_validation() -> None:
    # timeline_figure skips Plotly's per-element checks for speed; here they run in full.
    for group in ("country", "actor", "type"):
        figure = timeline_figure(FRAME, TIMELINE, group, selected="alaska-summit")
        go.Figure(figure.to_dict())


def test_large_views_are_counted_per_period_not_drawn_one_by_one() -> None:
    timeline = Timeline.model_validate(synthetic_events(1_500))
    frame = to_frame(timeline)
    figure = timeline_figure(frame, timeline)
    go.Figure(figure.to_dict())
    assert [trace.type for trace in figure.data] == ["heatmap"]
    # Each event counts once in each of its lanes: its countries and its actors' countries.
    memberships = sum(len(set(countries)) or 1 for countries in frame["countries"])
    assert sum(count or 0 for lane in figure.data[0].z for count in lane) == memberships


def test_actor_names_show_as_text_in_the_matrix(write_events: WriteEvents) -> None:
    path = write_events(
        """\
        - {id: a, date: 2025-05-19, title: A, type: call, actors: [peskov, sybiha], sources: [{url: "https://e.org"}]}
        """
    )
    timeline = load_timeline(path)
    evil = timeline.actors["peskov"].model_copy(
        update={"name": '<a href="https://phish.example">Verify</a>'}
    )
    timeline = timeline.model_copy(update={"actors": {**timeline.actors, "peskov": evil}})
    matrix = actor_matrix_figure(to_frame(timeline), timeline)
    assert '&lt;a href="https://phish.example"&gt;Verify&lt;/a&gt;' in matrix.data[0].x


def test_every_label_has_its_date_and_full_title_and_overlaps_nothing() -> None:
    chart = timeline_chart(FRAME, TIMELINE)
    assert chart.labels is not None and not chart.key
    texts = {note.name: note.text for note in chart.figure.layout.annotations}
    for event_id, label, title in zip(
        FRAME["id"], FRAME["date_label"], FRAME["title"], strict=True
    ):
        shown = texts[event_id].replace("<br>", " ")
        assert label in shown and html.escape(title, quote=False) in shown
    boxes = [label.box for label in chart.labels.labels]
    assert not [1 for i, box in enumerate(boxes) for other in boxes[i + 1 :] if box.overlaps(other)]


def test_day_dated_views_have_no_clock_times_on_the_axis(write_events: WriteEvents) -> None:
    path = write_events(
        """\
        - {id: a, date: 2025-05-10, title: A, type: call, sources: [{url: "https://e.org"}]}
        - {id: b, date: 2025-05-11, title: B, type: call, sources: [{url: "https://e.org"}]}
        - {id: c, date: 2025-05-12, title: C, type: call, sources: [{url: "https://e.org"}]}
        """
    )
    timeline = load_timeline(path)
    frame = to_frame(timeline)
    axis = timeline_figure(frame, timeline).layout.xaxis
    assert "%H" not in axis.tickformat and axis.dtick == 86_400_000
    single = timeline_figure(frame[frame["id"] == "b"], timeline).layout.xaxis
    start, end = (datetime.fromisoformat(str(value)) for value in single.range)
    assert (end - start).days >= 6  # a week around a lone event, not a blur of hours


def test_the_same_view_gives_the_same_figure() -> None:
    assert timeline_figure(FRAME, TIMELINE).to_json() == timeline_figure(FRAME, TIMELINE).to_json()


TRUTH = load_timeline(TEST_DATA / "truth.yaml")
TRUTH_FRAME = to_frame(TRUTH)


def test_disputed_events_are_ringed_and_named_in_the_legend() -> None:
    figure = timeline_figure(TRUTH_FRAME, TRUTH)
    rings = [trace for trace in figure.data if trace.name == "sources disagree"]
    disputed = TRUTH_FRAME[TRUTH_FRAME["disputed"]]
    assert len(rings) == 1 and len(rings[0].x) == len(disputed) > 0
    assert rings[0].showlegend and rings[0].legend  # placed in a legend block under the plot
    assert all("sources disagree on" in text for text in rings[0].hovertext)


def test_a_view_as_known_on_a_day_moves_and_names_the_as_of_line() -> None:
    day = date(2025, 5, 30)
    figure = timeline_chart(
        TRUTH_FRAME, TRUTH, as_of=day, as_of_label="as known on 30 May 2025"
    ).figure
    assert [shape.x0 for shape in figure.layout.shapes if shape.type == "line"] == [
        datetime(2025, 5, 30)
    ]
    assert any(note.text == "as known on 30 May 2025" for note in figure.layout.annotations)


def test_the_open_events_history_is_drawn_as_a_path_to_it() -> None:
    event = next(event for event in TRUTH.events if len(event.history) > 1)
    figure = timeline_figure(TRUTH_FRAME, TRUTH, selected=event.id)
    steps = next(trace for trace in figure.data if trace.name == "history steps")
    assert [text.split(" ")[0] for text in steps.hovertext] == [s.status for s in event.history]
    assert not [
        trace for trace in timeline_figure(TRUTH_FRAME, TRUTH).data if trace.name == "history steps"
    ]


def test_timed_events_minutes_apart_keep_a_window_of_hours(write_events: WriteEvents) -> None:
    path = write_events(
        """\
        - {id: a, date: 2025-06-02T13:00, title: A, type: call, sources: [{url: "https://e.org"}]}
        - {id: b, date: 2025-06-02T13:04, title: B, type: call, sources: [{url: "https://e.org"}]}
        """
    )
    timeline = load_timeline(path)
    axis = timeline_figure(to_frame(timeline), timeline).layout.xaxis
    start, end = (datetime.fromisoformat(str(value)) for value in axis.range)
    assert (end - start).total_seconds() < 3 * 3600
    assert axis.tickformat.startswith("%H:%M")


def test_a_long_view_names_each_month_once() -> None:
    axis = timeline_figure(FRAME, TIMELINE).layout.xaxis
    assert (axis.tickformat, axis.dtick) == ("%b\n%Y", "M1")


def test_a_crowded_view_draws_its_numbers_as_one_clickable_text_trace() -> None:
    timeline = Timeline.model_validate(synthetic_events(1_000))
    frame = to_frame(timeline)
    chart = timeline_chart(frame, timeline)
    assert chart.labels is not None and len(chart.labels.numbered) > 150
    numbers = [trace for trace in chart.figure.data if trace.mode == "text"]
    assert len(numbers) == 1 and numbers[0].name == "labels"  # not marks, for the tests' helper
    assert set(numbers[0].customdata) == {label.key for label in chart.labels.numbered}
    assert not [note for note in chart.figure.layout.annotations if note.text.startswith("<b>")]
    assert chart.key


def test_a_foreseen_key_is_always_needed() -> None:
    for count in (50, 400, 1_000, 3_000):
        timeline = Timeline.model_validate(synthetic_events(count))
        frame = to_frame(timeline)
        if key_foreseen(frame):
            assert timeline_chart(frame, timeline).key
