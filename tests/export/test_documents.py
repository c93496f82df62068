"""The HTML documents read as a user's browser reads them: the interactive page (plotly.js
inside, nothing fetched, every event a row) and the briefing (numbered sources, quotes, no
script). Data is text in both, and a row the model refuses is passed over."""

from __future__ import annotations

import base64
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import plotly.graph_objects as go
import pytest

from benchmarks.synthetic import synthetic_acled_csv
from tests.conftest import DATA, TEST_DATA, WriteEvents
from timeline.core.load import load_timeline
from timeline.core.problems import ExportError
from timeline.data.dataset import Dataset
from timeline.data.filters import Filters, apply_filters
from timeline.data.opening import open_timeline
from timeline.data.views import ExportView
from timeline.export.documents import briefing_html, standalone_html
from timeline.export.images import ImageFormat, ImageRenderer
from timeline.figures.density import DENSITY_THRESHOLD
from timeline.figures.report import PRESETS, report_chart, report_figure, subtitle

DATASET = Dataset.from_timeline(load_timeline(DATA))
TURKEY = Filters(countries=("TR",), types=("call", "meeting", "negotiation_round"))
HOSTILE = TEST_DATA / "hostile.yaml"


class Page(HTMLParser):
    """The elements of a document, as a browser builds them, with the text inside each."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.texts: dict[int, list[str]] = {}  # element index -> text directly inside it
        self._open: list[int] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        if tag not in ("meta", "br", "img", "link", "input"):
            self._open.append(len(self.elements) - 1)

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            index = self._open.pop()
            if self.elements[index][0] == tag:
                break

    def handle_data(self, data: str) -> None:
        for index in self._open:
            self.texts.setdefault(index, []).append(data)

    def all(self, tag: str) -> list[tuple[int, dict[str, str]]]:
        return [(i, attrs) for i, (name, attrs) in enumerate(self.elements) if name == tag]

    def within(self, index: int, tag: str) -> list[tuple[int, dict[str, str]]]:
        """The `tag` elements after element `index` and before the next element like it (the
        links of a table row, the marks of a section)."""
        kind = self.elements[index][0]
        following = [i for i, _ in self.all(kind) if i > index]
        end = following[0] if following else len(self.elements)
        return [(i, attrs) for i, attrs in self.all(tag) if index < i < end]

    def text(self, index: int) -> str:
        return " ".join(" ".join(self.texts.get(index, [])).split())

    def policy(self) -> dict[str, list[str]]:
        """The Content-Security-Policy, directive -> sources."""
        (content,) = [
            attrs["content"]
            for _, attrs in self.all("meta")
            if attrs.get("http-equiv") == "Content-Security-Policy"
        ]
        directives = [part.split() for part in content.split(";") if part.strip()]
        return {words[0]: words[1:] for words in directives}


class FakeRenderer(ImageRenderer):
    """Draws without a browser: returns fixed bytes, or fails as a hung browser would."""

    def __init__(self, result: bytes | ExportError) -> None:  # no browser, no thread
        self.result = result
        self.calls: list[tuple[str, int, int]] = []

    def render(
        self,
        figure: go.Figure,
        image_format: ImageFormat,
        width: int,
        height: int,
        scale: float = 1,
    ) -> bytes:
        self.calls.append((image_format, width, height))
        if isinstance(self.result, ExportError):
            raise self.result
        return self.result


def view_of(dataset: Dataset = DATASET, filters: Filters | None = None) -> ExportView:
    chosen = filters or Filters()
    return ExportView(dataset, apply_filters(dataset.frame, chosen), chosen, "events.yaml")


def hostile_view() -> ExportView:
    return view_of(Dataset.from_timeline(load_timeline(HOSTILE)))


def assert_nothing_runs_or_loads(page: Page) -> None:
    """No element from data: no handlers, no frames or images, links to web pages only."""
    for tag, attrs in page.elements:
        assert tag not in ("iframe", "object", "embed", "svg", "link", "base", "form"), tag
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        if tag == "img":
            assert attrs["src"].startswith("data:image/"), attrs
        if tag == "a":
            assert attrs["href"].startswith(("https://", "http://", "#")), attrs
            if not attrs["href"].startswith("#"):
                assert attrs["rel"] == "noopener noreferrer"
        if tag == "script":
            assert "src" not in attrs


@pytest.fixture(scope="module")
def turkey_html() -> str:
    return standalone_html(view_of(filters=TURKEY))


def test_html_embeds_plotly_and_loads_nothing(turkey_html: str) -> None:
    page = Page(turkey_html)
    scripts = [page.text(index) for index, _ in page.all("script")]
    assert any("plotly.js v" in script for script in scripts), "plotly.js itself is inside"
    assert any("Plotly.newPlot" in script for script in scripts)
    # plotly.js names cdn.plot.ly as its default map source; the policy would block it, and
    # nothing in the page loads a script or a style from anywhere.
    assert "<script src=" not in turkey_html and "<link" not in turkey_html
    assert_nothing_runs_or_loads(page)


def test_html_policy_forbids_any_network_access(turkey_html: str) -> None:
    policy = Page(turkey_html).policy()
    assert policy["default-src"] == ["'none'"]  # connect, frame, media... fall back to it
    for directive, sources in policy.items():
        for source in sources:
            assert source in ("'none'", "'unsafe-inline'", "data:", "blob:"), (directive, source)
    assert "connect-src" not in policy


def test_html_has_a_row_per_event_in_date_order(turkey_html: str) -> None:
    page = Page(turkey_html)
    view = view_of(filters=TURKEY)
    rows = [page.text(index) for index, _ in page.all("tr")][1:]  # after the header row
    assert len(rows) == len(view.view) == 11
    for row, title, label in zip(rows, view.view["title"], view.view["date_label"], strict=True):
        assert row.startswith(f"{label} {title}")
    header = page.text(page.all("tr")[0][0])
    assert header == "Date Event Type Status Sources"
    assert page.text(page.all("h1")[0][0]) == "Russia–Ukraine peace talks, 2025"
    assert subtitle(view) in turkey_html
    assert "Data: events.yaml · 22 sources · made with timeline" in turkey_html


def test_html_numbers_each_events_sources_as_links(turkey_html: str) -> None:
    page = Page(turkey_html)
    (round_two,) = [
        index for index, _ in page.all("tr") if "Second round of direct talks" in page.text(index)
    ]
    event = DATASET.event("istanbul-round-2")
    assert event is not None
    links = [(attrs["href"], page.text(index)) for index, attrs in page.within(round_two, "a")]
    assert links == [(source.url, str(n)) for n, source in enumerate(event.sources, 1)]
    assert all(attrs["target"] == "_blank" for _, attrs in page.all("a"))


def test_html_shows_hostile_data_as_text() -> None:
    html = standalone_html(hostile_view())
    page = Page(html)
    assert_nothing_runs_or_loads(page)
    rows = [page.text(index) for index, _ in page.all("tr")][1:]
    assert len(rows) == 2
    assert "<script>window.__pwned='event'</script><b>Bold?</b>" in rows[0]
    scripts = [page.text(index) for index, _ in page.all("script")]
    assert not any(script.startswith("window.__pwned") for script in scripts)
    assert page.text(page.all("title")[0][0]).startswith("<script>window.__pwned = 'title'")
    assert page.all("b") == []


def test_briefing_numbers_sources_once_each_in_order_of_first_mention(
    write_events: WriteEvents,
) -> None:
    path = write_events(
        """\
        - id: first
          date: 2025-05-19
          title: First
          type: call
          sources: [{url: "https://e.org/one"}, {url: "https://e.org/two"}]
        - id: second
          date: 2025-05-20
          title: Second
          type: call
          sources: [{url: "https://e.org/two"}, {title: "Printed report", publisher: "Agency"}]
        - id: third
          date: 2025-05-21
          title: Third
          type: call
          sources: [{url: "https://e.org/three"}]
        """
    )
    page = Page(briefing_html(view_of(Dataset.from_timeline(load_timeline(path))), None))
    marks = {
        attrs["id"]: [
            page.text(link)
            for link, link_attrs in page.within(index, "a")
            if link_attrs["href"].startswith("#ref-")
        ]
        for index, attrs in page.all("section")
    }
    assert marks == {"first": ["[1]", "[2]"], "second": ["[2]", "[3]"], "third": ["[4]"]}
    references = [(attrs["id"], page.text(index)) for index, attrs in page.all("li")]
    assert references == [
        ("ref-1", "https://e.org/one"),
        ("ref-2", "https://e.org/two"),
        ("ref-3", "Printed report (Agency)"),
        ("ref-4", "https://e.org/three"),
    ]
    hrefs = {attrs["href"] for _, attrs in page.all("a")}
    assert {"#ref-1", "#ref-4", "https://e.org/three"} <= hrefs
    assert not any("Printed report" in href for href in hrefs)  # a citation is not a link


def test_briefing_quotes_with_speaker_and_day(write_events: WriteEvents) -> None:
    path = write_events(
        """\
        - id: talks
          date: 2025-05-19
          title: Talks
          type: meeting
          actors: [peskov]
          summary: Both sides spoke.
          quotes:
            - {actor: peskov, text: "All negotiations must be conducted behind closed doors", date: 2025-05-30}
            - {text: "Nothing was agreed."}
          sources: [{url: "https://e.org/talks"}]
        """
    )
    page = Page(briefing_html(view_of(Dataset.from_timeline(load_timeline(path))), None))
    quotes = [page.text(index) for index, _ in page.all("blockquote")]
    assert quotes == [
        "“All negotiations must be conducted behind closed doors” — Dmitry Peskov, 30 May 2025",
        "“Nothing was agreed.” — unattributed",
    ]
    section = page.text(page.all("section")[0][0])
    assert "Dmitry Peskov, Kremlin spokesman" in section
    assert "Both sides spoke." in section
    assert section.startswith("19 May 2025 · meeting · happened")


def test_briefing_runs_no_script_and_fetches_nothing() -> None:
    html = briefing_html(hostile_view(), None)
    page = Page(html)
    assert page.all("script") == []
    assert_nothing_runs_or_loads(page)
    policy = page.policy()
    assert policy["default-src"] == ["'none'"]
    assert "script-src" not in policy
    assert policy["img-src"] == ["data:"]
    titles = [page.text(index) for index, _ in page.all("h3")]
    assert titles[0].startswith("<script>window.__pwned='event'</script><b>Bold?</b>")


def test_briefing_without_a_browser_says_the_chart_is_missing() -> None:
    page = Page(briefing_html(view_of(filters=TURKEY), None))
    notes = [page.text(index) for index, attrs in page.all("p") if attrs.get("class") == "note"]
    assert notes == ["(Chart not included: no browser was available to draw it.)"]
    assert page.all("img") == []
    assert len(page.all("section")) == 11


def test_briefing_embeds_the_chart_drawn_at_the_briefing_size() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="760" height="720"></svg>'
    renderer = FakeRenderer(svg)
    view = view_of(filters=TURKEY)
    page = Page(briefing_html(view, renderer))
    figure = report_figure(replace(view, size="briefing"))
    assert renderer.calls == [("svg", PRESETS["briefing"].width, figure.layout.height)]
    ((_, image),) = page.all("img")
    assert image["src"] == "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    assert image["alt"] == f"Timeline chart: {subtitle(view)}"


def test_briefing_says_why_the_chart_failed() -> None:
    renderer = FakeRenderer(ExportError("The browser did not finish the SVG <in time>"))
    page = Page(briefing_html(view_of(filters=TURKEY), renderer))
    notes = [page.text(index) for index, attrs in page.all("p") if attrs.get("class") == "note"]
    assert notes == ["(Chart not included: The browser did not finish the SVG <in time>)"]
    assert len(page.all("section")) == 11  # the events are all there


def refusing_dataset(refused: str) -> Dataset:
    """The curated data kept as rows only, as a large import is, with one row the model refuses
    (an empty title): what an importer's slip looks like to the exports."""
    frame = DATASET.frame.copy()
    frame.loc[frame["id"] == refused, "title"] = ""
    return Dataset(DATASET.timeline.model_copy(update={"events": []}), frame)


def test_a_row_the_model_refuses_is_passed_over_in_both_documents() -> None:
    dataset = refusing_dataset("istanbul-round-2")
    assert dataset.event("istanbul-round-2") is None
    view = view_of(dataset, TURKEY)
    assert "istanbul-round-2" in set(view.view["id"])

    page = Page(standalone_html(view))
    rows = [page.text(index) for index, _ in page.all("tr")][1:]
    assert len(rows) == len(view.view) - 1
    assert not any("Second round of direct talks" in row for row in rows)
    assert any("First round of direct Russia–Ukraine talks" in row for row in rows)

    briefing = Page(briefing_html(view, None))
    sections = [attrs["id"] for _, attrs in briefing.all("section")]
    assert "istanbul-round-2" not in sections
    assert sections == [event_id for event_id in view.view["id"] if event_id != "istanbul-round-2"]


def test_documents_are_written_as_utf8_files_that_open(tmp_path: Path) -> None:
    path = tmp_path / "view.html"
    path.write_text(briefing_html(view_of(filters=TURKEY), None), "utf-8")
    page = Page(path.read_text("utf-8"))
    assert ("meta", {"charset": "utf-8"}) in page.elements
    assert page.text(page.all("title")[0][0]) == "Briefing: Russia–Ukraine peace talks, 2025"


def test_briefing_of_a_view_too_large_to_draw_one_by_one_has_the_strip_and_each_event() -> None:
    dataset = open_timeline(synthetic_acled_csv(1_500).encode(), "acled.csv")
    view = view_of(dataset)
    assert len(view.view) > DENSITY_THRESHOLD
    renderer = FakeRenderer(b'<svg xmlns="http://www.w3.org/2000/svg"></svg>')
    page = Page(briefing_html(view, renderer))
    chart = report_chart(replace(view, size="briefing"))
    assert [trace.type for trace in chart.figure.data] == ["heatmap"]
    assert renderer.calls == [("svg", PRESETS["briefing"].width, chart.figure.layout.height)]
    assert all(attrs.get("class") != "key" for _, attrs in page.all("ol"))  # nothing numbered
    sections = [attrs["id"] for _, attrs in page.all("section")]
    assert sections == view.view["id"].tolist()
