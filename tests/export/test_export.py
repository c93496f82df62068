"""Every export opened for real: images decoded, documents parsed, data read back."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path

import pytest
from icalendar import Calendar
from PIL import Image
from pypdf import PdfReader

from tests.conftest import DATA, WriteEvents, run_timeline
from timeline.core.load import load_timeline, parse_timeline
from timeline.core.problems import ExportError
from timeline.data.dataset import Dataset
from timeline.data.filters import Filters, apply_filters
from timeline.data.frame import to_frame
from timeline.data.views import ExportView
from timeline.export.calendar import to_ics
from timeline.export.dispatch import export
from timeline.export.images import ImageRenderer
from timeline.export.tables import subset_document, to_csv
from timeline.figures.report import PRESETS, report_figure

TIMELINE = load_timeline(DATA)
DATASET = Dataset.from_timeline(TIMELINE)
FRAME = DATASET.frame
TURKEY = Filters(countries=("TR",), types=("call", "meeting", "negotiation_round"))


def view_of(filters: Filters | None = None, size: str = "slide") -> ExportView:
    chosen = filters or Filters()
    return ExportView(DATASET, apply_filters(FRAME, chosen), chosen, "events.yaml", None, size)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def renderer() -> Iterator[ImageRenderer]:
    with ImageRenderer() as shared:
        yield shared


@pytest.mark.parametrize("size", ["slide", "a4", "column"])
def test_png_has_the_preset_size_and_real_content(renderer: ImageRenderer, size: str) -> None:
    # Importing Streamlit switches Plotly's default template to placeholder colours; exports
    # must not care.
    import streamlit  # noqa: F401

    with Image.open(io.BytesIO(export(view_of(size=size), "png", renderer))) as png:
        image = png.convert("RGB")
    preset = PRESETS[size]
    figure = report_figure(view_of(size=size))
    assert image.size == (preset.width * 2, figure.layout.height * 2)
    colours = image.getcolors(maxcolors=1_000_000) or []
    counts: dict[tuple[int, int, int], int] = {colour: count for count, colour in colours}  # type: ignore[misc]
    assert image.getpixel((5, 5)) == (255, 255, 255), "white paper, not a transparent or black one"
    assert len(counts) > 50, "more than a blank or two-tone picture"
    assert counts.get((213, 94, 0), 0) > 100, "the negotiation rounds' vermilion marks are drawn"
    dark = sum(count for colour, count in counts.items() if sum(colour) < 150)
    assert dark < image.size[0] * image.size[1] * 0.2, "not black on black"


def svg_text(element: ElementTree.Element) -> str:
    """A text element's words as a reader sees them: its lines (tspans) joined by spaces."""
    lines = [child for child in element if child.get("class") == "line"]
    parts = ["".join(line.itertext()) for line in lines] or ["".join(element.itertext())]
    return " ".join(" ".join(parts).split())


def test_svg_parses_and_holds_the_visible_labels(renderer: ImageRenderer) -> None:
    view = view_of(TURKEY)
    svg = export(view, "svg", renderer).decode()
    root = ElementTree.fromstring(svg)
    assert root.tag.endswith("svg")
    texts = " ".join(svg_text(element) for element in root.iter() if element.tag.endswith("}text"))
    for title in view.view["title"]:  # on the chart, or in the key under it
        assert " ".join(title.split()) in texts
    assert TIMELINE.title in texts
    assert "Türkiye · call, meeting, negotiation round" in texts


def test_chart_pdf_has_a_page_with_text(renderer: ImageRenderer) -> None:
    reader = PdfReader(io.BytesIO(export(view_of(size="a4"), "pdf", renderer)))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Russia–Ukraine peace talks, 2025" in text
    assert "40 of 40 events" in text


def test_no_image_or_url_from_data_goes_into_a_figure() -> None:
    figure = report_figure(view_of())
    assert not figure.layout.images
    assert "https://" not in figure.to_json()


def test_csv_round_trips_and_defuses_formulas(write_events: WriteEvents) -> None:
    path = write_events(
        """\
        - id: a
          date: 2025-05-19
          title: "=HYPERLINK(\\"http://evil.invalid\\",\\"click\\")"
          type: call
          location: "+1 (555) 0100"
          summary: "-2+3 and @SUM(A1)"
          tags: ["-5"]
          sources: [{url: "https://example.org/a,b"}]
        """
    )
    timeline = load_timeline(path)
    view = ExportView(Dataset.from_timeline(timeline), to_frame(timeline), Filters(), path.name)
    rows = list(csv.DictReader(io.StringIO(to_csv(view))))
    assert len(rows) == 1
    row = rows[0]
    assert row["title"] == '\'=HYPERLINK("http://evil.invalid","click")'
    assert row["location"] == "'+1 (555) 0100"
    assert row["summary"] == "'-2+3 and @SUM(A1)"
    assert row["tags"] == "-5"  # a plain number stays as it is
    assert row["source_urls"] == "https://example.org/a,b"
    assert row["source_count"] == "1"


def test_csv_has_a_row_per_filtered_event_with_dates_both_ways() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(view_of(TURKEY)))))
    assert [row["id"] for row in rows] == list(apply_filters(FRAME, TURKEY)["id"])
    swap = next(
        row
        for row in csv.DictReader(io.StringIO(to_csv(view_of())))
        if row["id"] == "leaders-meeting-by-end-august"
    )
    assert (swap["date"], swap["date_label"], swap["start_iso"]) == (
        "2025-08",
        "Aug 2025",
        "2025-08",
    )
    by_id = {row["id"]: row for row in rows}
    dated = by_id["istanbul-round-1"]  # a day: no midnight invented
    assert (dated["date_label"], dated["start_iso"]) == ("16 May 2025", "2025-05-16")


def test_json_is_strict_and_shaped_like_the_format() -> None:
    def refuse(constant: str) -> None:
        raise ValueError(f"non-standard JSON constant {constant}")

    document = json.loads(export(view_of(TURKEY), "json"), parse_constant=refuse)
    assert document["title"] == TIMELINE.title
    assert [event["id"] for event in document["events"]] == list(apply_filters(FRAME, TURKEY)["id"])
    assert set(document["countries"]) >= {"TR"}
    reloaded = parse_timeline(json.dumps(document).encode(), "export.json")  # JSON is YAML
    assert len(reloaded.events) == len(document["events"])


def test_yaml_export_is_a_valid_events_file_with_the_same_events(tmp_path: Path) -> None:
    view = view_of(TURKEY)
    path = tmp_path / "subset.yaml"
    path.write_bytes(export(view, "yaml"))
    reloaded = load_timeline(path)
    original = {event.id: event for event in TIMELINE.events}
    assert [event.id for event in reloaded.events] == list(view.view["id"])
    for event in reloaded.events:
        expected = original[event.id]
        kept_links = [link for link in expected.related if link.event in set(view.view["id"])]
        assert event == expected.model_copy(update={"related": kept_links})
    assert set(reloaded.actors) < set(TIMELINE.actors)


def test_subset_keeps_only_what_its_events_use() -> None:
    document = subset_document(view_of(Filters(countries=("BY",))))
    assert set(document["countries"]) == {"BY", "RU", "UA"}
    assert set(document["actors"]) == {"zelensky"}
    assert "types" not in document


def test_ics_parses_with_all_day_and_zoned_events(write_events: WriteEvents) -> None:
    path = write_events(
        """\
        - id: talks
          date: 2025-06-02T13:00
          end: 2025-06-02T14:30
          title: "Talks; round 2, Istanbul \\\\ notes"
          type: negotiation_round
          location: "Çırağan Palace, Istanbul"
          summary: "Line one,\\nline two; with separators: a,b;c"
          sources: [{url: "https://example.org/r2"}]
        - id: swap
          date: 2025-05-23
          end: 2025-05-25
          title: Exchange
          type: exchange
          status: cancelled
          sources: [{url: "https://example.org/swap"}]
        - id: month
          date: 2025-08
          title: Some time in August
          type: summit
          status: proposed
          sources: [{url: "https://example.org/aug"}]
        """
    )
    timeline = load_timeline(path)
    view = ExportView(Dataset.from_timeline(timeline), to_frame(timeline), Filters(), path.name)
    calendar = Calendar.from_ical(to_ics(view))
    events = {str(item["uid"]): item for item in calendar.walk("VEVENT")}
    talks = events["talks@timeline"]
    assert str(talks["summary"]) == "Talks; round 2, Istanbul \\ notes"
    assert "Line one,\nline two; with separators: a,b;c" in str(talks["description"])
    assert talks.decoded("dtstart").isoformat() == "2025-06-02T13:00:00+03:00"
    assert talks.decoded("dtend").isoformat() == "2025-06-02T14:30:00+03:00"
    assert str(talks["url"]) == "https://example.org/r2"
    swap = events["swap@timeline"]
    assert (str(swap.decoded("dtstart")), str(swap.decoded("dtend"))) == (
        "2025-05-23",
        "2025-05-26",
    )
    assert str(swap["status"]) == "CANCELLED"
    month = events["month@timeline"]
    assert (str(month.decoded("dtstart")), str(month.decoded("dtend"))) == (
        "2025-08-01",
        "2025-09-01",
    )
    assert [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Istanbul"]


def test_briefing_lists_every_event_with_its_sources(renderer: ImageRenderer) -> None:
    view = view_of(TURKEY)
    html = export(view, "briefing", renderer).decode()
    for event_id in view.view["id"]:
        event = next(e for e in TIMELINE.events if e.id == event_id)
        assert f'id="{event_id}"' in html
        for source in event.sources:
            assert f'href="{source.url}"' in html
    assert "data:image/svg+xml;base64," in html
    assert "<script" not in html
    assert "default-src 'none'" in html


def test_briefing_pdf_has_the_events(renderer: ImageRenderer) -> None:
    view = view_of(TURKEY)
    reader = PdfReader(io.BytesIO(export(view, "briefing-pdf", renderer)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 2
    assert "Second round of direct talks in Istanbul" in " ".join(text.split())
    assert "Sources" in text


def test_standalone_html_escapes_data_and_embeds_plotly(write_events: WriteEvents) -> None:
    path = write_events(
        """\
        - id: a
          date: 2025-05-19
          title: "</script><script>alert(1)</script>"
          type: call
          sources: [{url: "https://example.org/a?x=<y>"}]
        """
    )
    timeline = load_timeline(path)
    html = export(
        ExportView(Dataset.from_timeline(timeline), to_frame(timeline), Filters(), path.name),
        "html",
    ).decode()
    assert "<script>alert(1)" not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="https://example.org/a?x=&lt;y&gt;"' in html
    assert "<script src=" not in html and len(html) > 3_000_000  # plotly.js is inside


def test_missing_browser_is_explained_and_data_still_exports(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(ExportError, match=r"apt-get install chromium.*BROWSER_PATH"):
        export(view_of(), "png")
    assert export(view_of(), "csv").startswith("\ufeffid,".encode())
    briefing = export(view_of(), "briefing").decode()
    assert "Chart not included" in briefing


def test_a_browser_that_hangs_is_stopped_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hanging = tmp_path / "chromium"
    hanging.write_text("#!/bin/sh\nexec sleep 600\n")
    hanging.chmod(0o755)
    monkeypatch.setenv("BROWSER_PATH", str(hanging))
    started = time.monotonic()
    with ImageRenderer(timeout=3) as renderer, pytest.raises(ExportError):
        renderer.render(report_figure(view_of()), "png", 400, 300)
    assert time.monotonic() - started < 30
    leftover = subprocess.run(
        ["pgrep", "-f", str(hanging)], capture_output=True, text=True, check=False
    )
    assert leftover.stdout == "", "the hung browser was killed"


def test_cli_export_writes_several_files_with_the_dashboard_view(tmp_path: Path) -> None:
    out = tmp_path / "view"
    result = run_timeline(
        "export",
        str(DATA),
        "--format",
        "csv",
        "--format",
        "yaml",
        "--format",
        "png",
        "--country",
        "TR",
        "--type",
        "call",
        "--size",
        "column",
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(out) + suffix for suffix in (".csv", ".yaml", ".png")]
    expected = list(apply_filters(FRAME, Filters(countries=("TR",), types=("call",)))["id"])
    rows = list(csv.DictReader(io.StringIO((tmp_path / "view.csv").read_text("utf-8-sig"))))
    assert [row["id"] for row in rows] == expected
    with Image.open(tmp_path / "view.png") as image:
        assert image.size[0] == PRESETS["column"].width * 2
        assert image.size[1] <= PRESETS["column"].height * 2  # a small view takes less room


def test_cli_export_usage_and_data_errors(tmp_path: Path) -> None:
    bad = run_timeline("export", str(DATA), "--format", "gif", "-o", str(tmp_path / "x"))
    assert bad.returncode == 2 and "Invalid value for '--format'" in bad.stderr
    unwritable = run_timeline("export", str(DATA), "--format", "csv", "-o", "/proc/nope/x.csv")
    assert unwritable.returncode == 2 and unwritable.stderr.startswith("Error: cannot write")
    assert "Traceback" not in bad.stderr + unwritable.stderr


def test_ics_timed_start_with_a_date_end_lasts_through_that_day(write_events: WriteEvents) -> None:
    path = write_events(
        """\
        - {id: talks, date: 2025-05-19T10:00, end: 2025-05-20, title: Talks, type: meeting, sources: [{url: "https://e.org"}]}
        """
    )
    timeline = load_timeline(path)
    view = ExportView(Dataset.from_timeline(timeline), to_frame(timeline), Filters(), path.name)
    entry = next(iter(Calendar.from_ical(to_ics(view)).walk("VEVENT")))
    assert entry.decoded("dtend").isoformat() == "2025-05-21T00:00:00+03:00"


def test_csv_and_timelinejs_keep_each_row_with_its_event_when_one_is_refused() -> None:
    # Before, a row the model refused shifted every later date onto the wrong event.
    from tests.export.test_documents import refusing_dataset

    dataset = refusing_dataset("istanbul-round-2")
    view = ExportView(dataset, apply_filters(dataset.frame, TURKEY), TURKEY, "events.yaml")
    rows = list(csv.DictReader(io.StringIO(to_csv(view))))
    expected = [i for i in apply_filters(FRAME, TURKEY)["id"] if i != "istanbul-round-2"]
    assert [row["id"] for row in rows] == expected
    labels = dict(zip(FRAME["id"], FRAME["date_label"], strict=True))
    assert all(row["date_label"] == labels[row["id"]] for row in rows)
    story = json.loads(export(view, "timelinejs"))
    assert [slide["unique_id"] for slide in story["events"]] == expected
