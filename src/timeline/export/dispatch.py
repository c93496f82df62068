"""Exports of a view: data (CSV, JSON, YAML, iCalendar), standalone HTML, the briefing, and the
charts (PNG, SVG, PDF) through an `ImageRenderer`.

Every function takes an `ExportView` (the data, the filtered rows, the filters, a title and a
size) so the dashboard and `timeline export` produce the same files for the same view.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from timeline.data.views import ExportView
from timeline.export.calendar import to_ics
from timeline.export.images import ImageRenderer, find_browser
from timeline.export.tables import to_csv, to_json, to_yaml
from timeline.export.timelinejs import to_timelinejs
from timeline.figures.report import report_figure


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    media_type: str
    needs_browser: bool
    describe: str


FORMATS: dict[str, Format] = {
    item.name: item
    for item in (
        Format("png", ".png", "image/png", True, "Chart as PNG (2× scale)"),
        Format("svg", ".svg", "image/svg+xml", True, "Chart as SVG"),
        Format("pdf", ".pdf", "application/pdf", True, "Chart as PDF"),
        Format("html", ".html", "text/html", False, "Interactive chart and event list, offline"),
        Format("csv", ".csv", "text/csv", False, "Events as CSV"),
        Format(
            "json", ".json", "application/json", False, "Events as JSON (the YAML format's shape)"
        ),
        Format("yaml", ".yaml", "application/yaml", False, "A valid events.yaml of this view"),
        Format("ics", ".ics", "text/calendar", False, "Calendar (iCalendar)"),
        Format("briefing", ".html", "text/html", False, "Briefing: chart, events, sources (HTML)"),
        Format("briefing-pdf", ".pdf", "application/pdf", True, "Briefing as PDF"),
        Format("timelinejs", ".json", "application/json", False, "TimelineJS story (JSON)"),
    )
}


def uses_browser(format_name: str) -> bool:
    """Formats drawn by a browser; the HTML briefing uses one for its chart when there is one."""
    return FORMATS[format_name].needs_browser or format_name == "briefing"


def export(
    export_view: ExportView, format_name: str, renderer: ImageRenderer | None = None
) -> bytes:
    """The file's bytes for one format. Charts and the PDF briefing need a browser; pass a
    renderer to share one browser between several exports."""
    if (
        renderer is None
        and uses_browser(format_name)
        and (format_name != "briefing" or find_browser())
    ):
        with ImageRenderer() as own:
            return export(export_view, format_name, own)
    makers: dict[str, Callable[[], bytes]] = {
        "csv": lambda: to_csv(export_view).encode("utf-8-sig"),
        "json": lambda: to_json(export_view).encode(),
        "yaml": lambda: to_yaml(export_view).encode(),
        "ics": lambda: to_ics(export_view),
        "timelinejs": lambda: to_timelinejs(export_view).encode(),
        "html": lambda: _standalone_html(export_view).encode(),
        "briefing": lambda: _briefing(export_view, renderer).encode(),
        "briefing-pdf": lambda: _briefing_pdf(export_view, renderer),
    }
    if format_name in makers:
        return makers[format_name]()
    assert renderer is not None  # made above for every format that needs one
    return chart_image(export_view, format_name, renderer)


def chart_image(export_view: ExportView, format_name: str, renderer: ImageRenderer) -> bytes:
    scale = 2 if format_name == "png" else 1
    figure = report_figure(export_view)
    width, height = figure.layout.width, figure.layout.height
    return renderer.render(figure, format_name, width, height, scale)  # type: ignore[arg-type]


def file_name(export_view: ExportView, format_name: str) -> str:
    """'timeline-tr-call.png': the view's filters in the name, so files say what they hold."""
    filters = export_view.filters
    parts = [*filters.countries, *filters.actors, *filters.types, *filters.statuses]
    stem = "-".join(["timeline", *(re.sub(r"[^a-z0-9]+", "-", p.lower()) for p in parts)])[:80]
    suffix = FORMATS[format_name].suffix
    return f"{stem}-briefing{suffix}" if format_name.startswith("briefing") else f"{stem}{suffix}"


def _standalone_html(export_view: ExportView) -> str:
    from timeline.export.documents import standalone_html

    return standalone_html(export_view)


def _briefing(export_view: ExportView, renderer: ImageRenderer | None) -> str:
    from timeline.export.documents import briefing_html

    return briefing_html(export_view, renderer)


def _briefing_pdf(export_view: ExportView, renderer: ImageRenderer | None) -> bytes:
    from timeline.export.documents import briefing_html
    from timeline.export.images import print_pdf

    return print_pdf(briefing_html(export_view, renderer))
