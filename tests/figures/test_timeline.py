"""Figures checked as objects: marks, colours, symbols, status styles, lanes, escaping."""

from __future__ import annotations

from datetime import datetime

import plotly.graph_objects as go

from benchmarks.synthetic import synthetic_events
from tests.conftest import DATA, WriteEvents
from timeline.core.load import load_timeline
from timeline.core.model import Timeline
from timeline.data.filters import Filters, apply_filters
from timeline.data.frame import to_frame
from timeline.figures.activity import (
    actor_matrix_figure,
    actor_pair_counts,
    country_activity_figure,
)
from timeline.figures.style import MUTED, PALETTE, country_colors
from timeline.figures.timeline import timeline_figure

TIMELINE = load_timeline(DATA)
FRAME = to_frame(TIMELINE)


def marks(figure: go.Figure) -> dict[str, dict[str, object]]:
    """Event id -> its marker's colour and symbol, from the traces that carry event ids."""
    found: dict[str, dict[str, object]] = {}
    for trace in figure.data:
        for index, event_id in enumerate(trace.customdata or []):
            found[event_id] = {
                "color": trace.marker.color[index],
                "symbol": trace.marker.symbol[index],
                "trace": trace.name,
            }
    return found


def test_one_mark_per_event_in_every_grouping() -> None:
    for group in ("country", "actor", "type"):
        figure = timeline_figure(FRAME, TIMELINE, group)
        assert sorted(marks(figure)) == sorted(FRAME["id"])
        assert figure.layout.template.layout.paper_bgcolor == "white"


def test_colours_are_stable_across_views_and_colour_blind_safe() -> None:
    full = marks(timeline_figure(FRAME, TIMELINE))
    narrowed = apply_filters(FRAME, Filters(countries=("TR",)))
    again = marks(timeline_figure(narrowed, TIMELINE, "type"))
    assert all(again[event_id]["color"] == full[event_id]["color"] for event_id in again)
    colors = country_colors(TIMELINE)
    assert set(colors.values()) <= set(PALETTE)
    assert len(set(colors.values())) == len(colors)


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
    found = marks(figure)
    ukraine = country_colors(timeline)["UA"]
    assert found["held"] == {"color": ukraine, "symbol": "circle", "trace": "UA"}
    assert found["planned"]["symbol"] == "circle-open"
    assert found["dropped"] == {"color": MUTED, "symbol": "star-open", "trace": "UA"}
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
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;a href='x'&gt;link&lt;/a&gt;" in trace.hovertext[0]
    assert "<a " not in trace.text[0]


def test_many_events_keep_lanes_and_labels_bounded(write_events: WriteEvents) -> None:
    items = "".join(
        f"- {{id: e{n}, date: 2025-05-{n % 28 + 1:02d}, title: Event {n}, type: call, "
        f"countries: [{['UA', 'RU', 'TR'][n % 3]}], sources: [{{url: 'https://e.org'}}]}}\n"
        for n in range(600)
    )
    timeline = load_timeline(write_events(items))
    figure = timeline_figure(to_frame(timeline), timeline)
    assert len(marks(figure)) == 600
    labelled = [text for trace in figure.data if trace.customdata for text in trace.text if text]
    assert labelled == []
    assert figure.layout.height < 1000


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


def test_large_views_switch_to_webgl() -> None:
    timeline = Timeline.model_validate(synthetic_events(6_000))
    figure = timeline_figure(to_frame(timeline), timeline)
    go.Figure(figure.to_dict())
    assert {trace.type for trace in figure.data if trace.customdata} == {"scattergl"}
    assert sum(len(trace.customdata) for trace in figure.data if trace.customdata) == 6_000


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


def test_large_views_tell_status_by_trace_not_by_open_symbols() -> None:
    timeline = Timeline.model_validate(synthetic_events(6_000))
    figure = timeline_figure(to_frame(timeline), timeline)
    marks = [trace for trace in figure.data if trace.customdata]
    assert all(max(trace.marker.symbol) < 100 for trace in marks)  # WebGL drops open outlines
    planned = [trace for trace in marks if str(trace.name).endswith(", planned")]
    assert planned and all(trace.opacity == 0.4 for trace in planned)
    muted = [trace for trace in marks if trace.name == "postponed or cancelled"]
    assert muted and all(trace.marker.color == MUTED for trace in muted)
