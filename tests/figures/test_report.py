"""Report charts checked as objects: title, subtitle stating the view, footnote, sizes, and the
print template, whatever Streamlit did to Plotly's default."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from tests.conftest import DATA, WriteEvents
from timeline.core.load import load_timeline
from timeline.data.dataset import Dataset
from timeline.data.filters import Filters, apply_filters
from timeline.data.views import ExportView, ReportSize
from timeline.figures.measure import CHART_FONT
from timeline.figures.report import (
    PRESETS,
    PRINT_TEMPLATE,
    footnote,
    report_figure,
    subtitle,
)
from timeline.figures.style import PALETTE, TYPE_COLORS

DATASET = Dataset.from_timeline(load_timeline(DATA))
TURKEY = Filters(countries=("TR",), types=("call", "meeting", "negotiation_round"))


def view_of(
    filters: Filters | None = None,
    size: ReportSize = "slide",
    title: str | None = None,
    dataset: Dataset = DATASET,
) -> ExportView:
    chosen = filters or Filters()
    view = apply_filters(dataset.frame, chosen)
    return ExportView(dataset, view, chosen, "events.yaml", title, size)


def annotation_texts(figure: go.Figure) -> list[str]:
    return [annotation.text for annotation in figure.layout.annotations]


def test_the_title_is_the_files_or_the_one_given() -> None:
    assert report_figure(view_of()).layout.title.text == "Russia–Ukraine peace talks, 2025"
    given = report_figure(view_of(title="Türkiye's calls"))
    assert given.layout.title.text == "Türkiye's calls"


def test_title_and_subtitle_show_data_as_text_not_markup() -> None:
    figure = report_figure(view_of(Filters(query="<b>talks</b>"), title="A <i>B</i> & C"))
    assert figure.layout.title.text == "A &lt;i&gt;B&lt;/i&gt; &amp; C"
    assert "matching “&lt;b&gt;talks&lt;/b&gt;”" in figure.layout.title.subtitle.text
    assert "<b>" not in figure.layout.title.subtitle.text


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), "40 of 40 events · as of 31 Aug 2025"),
        (
            TURKEY,
            "11 of 40 events · Türkiye · call, meeting, negotiation round · as of 31 Aug 2025",
        ),
        (
            Filters(date_from=date(2025, 6, 1), query="talks"),
            "8 of 40 events · from 1 Jun 2025 · matching “talks” · as of 31 Aug 2025",
        ),
        (
            Filters(actors=("fidan",), statuses=("happened",), group="type"),
            "10 of 40 events · Hakan Fidan · happened · lanes by type · as of 31 Aug 2025",
        ),
    ],
)
def test_the_subtitle_states_the_view_and_the_as_of_day(filters: Filters, expected: str) -> None:
    view = view_of(filters)
    assert subtitle(view) == expected
    assert len(view.view) == int(expected.split()[0])
    shown = report_figure(view).layout.title.subtitle.text.replace("<br>", " ")
    assert shown == expected


def test_a_file_without_as_of_has_no_as_of_in_the_subtitle(write_events: WriteEvents) -> None:
    path = write_events(
        """\
        - {id: a, date: 2025-05-19, title: A, type: call, sources: [{url: "https://e.org/1"}]}
        """
    )
    view = view_of(dataset=Dataset.from_timeline(load_timeline(path)))
    assert subtitle(view) == "1 of 1 events"


def test_a_long_subtitle_wraps_to_a_narrow_width_never_cut() -> None:
    filters = Filters(query=" ".join(["negotiations"] * 8))
    full = subtitle(view_of(filters))
    slide = report_figure(view_of(filters)).layout.title.subtitle.text
    column = report_figure(view_of(filters, "column")).layout.title.subtitle.text
    assert slide == full  # room enough on a slide: one line
    assert "<br>" in column and column.replace("<br>", " ") == full
    column_figure = report_figure(view_of(filters, "column"))
    lines = column.count("<br>") + 1
    assert column_figure.layout.margin.t > report_figure(view_of(size="column")).layout.margin.t
    assert lines >= 2


def test_the_footnote_names_the_data_and_counts_distinct_sources() -> None:
    figure = report_figure(view_of(TURKEY, "a4"))
    urls = {url for urls in apply_filters(DATASET.frame, TURKEY)["source_urls"] for url in urls}
    expected = f"Data: events.yaml · {len(urls)} sources · made with timeline"
    assert expected == "Data: events.yaml · 22 sources · made with timeline"
    assert footnote(view_of(TURKEY)) == expected
    assert expected in annotation_texts(figure)


def test_one_source_shared_by_two_events_is_one_source(write_events: WriteEvents) -> None:
    path = write_events(
        """\
        - {id: a, date: 2025-05-19, title: A, type: call, sources: [{url: "https://e.org/same"}]}
        - {id: b, date: 2025-05-20, title: B, type: call, sources: [{url: "https://e.org/same"}]}
        """
    )
    view = view_of(dataset=Dataset.from_timeline(load_timeline(path)))
    assert footnote(view) == "Data: events.yaml · 1 source · made with timeline"


@pytest.mark.parametrize(
    ("size", "width", "height"), [("slide", 1600, 900), ("a4", 1123, 794), ("column", 640, 900)]
)
def test_size_presets_set_the_figures_width_and_font_and_bound_its_height(
    size: ReportSize, width: int, height: int
) -> None:
    view = view_of(TURKEY, size=size)
    figure = report_figure(view)
    assert figure.layout.width == width
    key = [note for note in figure.layout.annotations if note.name == "key-heading"]
    if not key:  # every title fits: the chart stays within the page
        assert figure.layout.height <= height
    assert figure.layout.font.size == PRESETS[size].font_size
    assert figure.layout.font.family == CHART_FONT
    assert not figure.layout.xaxis.rangeslider.visible  # no slider in print


def test_a_one_lane_view_takes_the_height_it_needs_not_the_page() -> None:
    view = view_of(Filters(countries=("BY",)), size="slide")
    figure = report_figure(view)
    assert figure.layout.height < PRESETS["slide"].height * 0.8


def test_legends_stack_under_the_plot_at_every_size() -> None:
    for size in ("slide", "a4", "column"):
        figure = report_figure(view_of(size=size))
        legends = [figure.layout.legend, figure.layout.legend2]
        assert [legend.title.text for legend in legends] == ["Type", "Marks and lines"]
        assert "legend3" not in figure.to_dict()["layout"]  # status and lines share a block
        lanes = next(trace for trace in figure.data if trace.name == "same event in other lanes")
        assert lanes.showlegend  # the legend says an event sits in every lane it belongs to
        assert all(legend.orientation == "h" and legend.y < 0 for legend in legends)
        assert legends[0].y > legends[1].y  # one under the other


def test_the_print_template_is_used_even_after_streamlit_is_imported() -> None:
    import streamlit  # noqa: F401  (sets Plotly's default template to placeholder colours)

    assert pio.templates.default == "streamlit"
    figure = report_figure(view_of(TURKEY))
    template = figure.layout.template
    assert template == pio.templates[PRINT_TEMPLATE]
    assert tuple(template.layout.colorway) == PALETTE
    assert (template.layout.paper_bgcolor, template.layout.plot_bgcolor) == ("white", "white")
    placeholders = set(pio.templates["streamlit"].layout.colorway)
    drawn = figure.to_json()
    assert not any(f'"{colour}"' in drawn for colour in placeholders)
    marker_colours = {
        colour
        for trace in figure.data
        if trace.customdata is not None
        for colour in trace.marker.color
    }
    assert marker_colours and marker_colours <= {*TYPE_COLORS.values(), "#9E9E9E", "#000000"}
