"""Exports of a view: data (CSV, JSON, YAML, iCalendar), standalone HTML, the briefing, and the
charts (PNG, SVG, PDF) through an `ImageRenderer`.

Every function takes an `ExportView` (the data, the filtered rows, the filters, a title and a
size) so the dashboard and `timeline export` produce the same files for the same view.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import escape
from typing import Any

import yaml

from timeline.dates import FlexibleDate, next_period
from timeline.figures import assign_lanes
from timeline.images import ImageRenderer, find_browser
from timeline.importers.common import SOURCES_CLASS
from timeline.model import Event, Timeline
from timeline.report import PRESETS, ExportView, report_figure

# Cells a spreadsheet would run as a formula (OWASP: CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d+)*|\d*[.,]\d+)")
ICS_STATUS = {
    "happened": "CONFIRMED",
    "scheduled": "CONFIRMED",
    "proposed": "TENTATIVE",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
}


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


def export(
    export_view: ExportView, format_name: str, renderer: ImageRenderer | None = None
) -> bytes:
    """The file's bytes for one format. Charts and the PDF briefing need a browser; pass a
    renderer to share one browser between several exports."""
    wants_browser = FORMATS[format_name].needs_browser or format_name == "briefing"
    if renderer is None and wants_browser and (format_name != "briefing" or find_browser()):
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
    preset = PRESETS[export_view.size]
    scale = 2 if format_name == "png" else 1
    figure = report_figure(export_view)
    return renderer.render(figure, format_name, preset.width, preset.height, scale)  # type: ignore[arg-type]


def file_name(export_view: ExportView, format_name: str) -> str:
    """'timeline-tr-call.png': the view's filters in the name, so files say what they hold."""
    filters = export_view.filters
    parts = [*filters.countries, *filters.actors, *filters.types, *filters.statuses]
    stem = "-".join(["timeline", *(re.sub(r"[^a-z0-9]+", "-", p.lower()) for p in parts)])[:80]
    suffix = FORMATS[format_name].suffix
    return f"{stem}-briefing{suffix}" if format_name.startswith("briefing") else f"{stem}{suffix}"


# --- CSV ---------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "id",
    "date",
    "end",
    "date_label",
    "start_iso",
    "end_iso",
    "precision",
    "approximate",
    "title",
    "type",
    "status",
    "countries",
    "actors",
    "actor_ids",
    "location",
    "summary",
    "quotes",
    "source_count",
    "source_urls",
    "related",
    "tags",
)


def to_csv(export_view: ExportView) -> str:
    """One row per event; lists joined with '; '; text that a spreadsheet would run is defused."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    view = export_view.view
    rows = zip(_events(export_view), view["date_label"], view["start"], view["end"], strict=True)
    for event, label, start, end in rows:
        writer.writerow(
            [_csv_cell(value) for value in _csv_row(export_view.timeline, event, label, start, end)]
        )
    return output.getvalue()


def _csv_row(
    timeline: Timeline, event: Event, label: str, start: datetime, end: datetime
) -> list[object]:
    names = [timeline.actors[a].name if a in timeline.actors else a for a in event.actors]
    return [
        event.id,
        event.date.text,
        event.end.text if event.end else "",
        label,
        start.isoformat(),
        end.isoformat() if event.end else "",
        event.date.precision,
        event.approximate,
        event.title,
        event.type,
        event.status,
        "; ".join(timeline.countries_of(event)),
        "; ".join(names),
        "; ".join(event.actors),
        event.location or "",
        event.summary or "",
        " | ".join(quote.text for quote in event.quotes),
        len(event.sources),
        " ".join(source.url for source in event.sources if source.url),
        "; ".join(link.event for link in event.related),
        "; ".join(event.tags),
    ]


def _csv_cell(value: object) -> object:
    """Prefix a quote to text that starts like a formula; numbers stay numbers."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


# --- JSON and YAML -----------------------------------------------------------------------------


def subset_document(export_view: ExportView) -> dict[str, Any]:
    """The view as an events document: its events, and only the actors, countries and types they
    use. Links to events outside the view are dropped, so the document validates on its own."""
    timeline = export_view.timeline
    events = _events(export_view)
    kept = {event.id for event in events}
    actor_ids = _used_actors(events)
    country_codes = _used_countries(timeline, events, actor_ids)
    document = timeline.model_dump(
        mode="json", by_alias=True, exclude_defaults=True, exclude={"events"}
    )
    document["countries"] = {
        code: _dump(timeline.countries[code])
        for code in timeline.countries
        if code in country_codes
    }
    document["actors"] = {
        key: _dump(timeline.actors[key]) for key in timeline.actors if key in actor_ids
    }
    document["types"] = {
        k: v for k, v in timeline.types.items() if any(e.type == k for e in events)
    }
    document["events"] = [_event_document(event, kept) for event in events]
    return {key: value for key, value in document.items() if value != {}}


def _dump(record: Any) -> dict[str, Any]:
    dumped: dict[str, Any] = record.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return dumped


def _event_document(event: Event, kept: set[str]) -> dict[str, Any]:
    document = _dump(event)
    related = [link for link in document.get("related", []) if link["event"] in kept]
    if related:
        document["related"] = related
    else:
        document.pop("related", None)
    return document


def _used_actors(events: Iterable[Event]) -> set[str]:
    used: set[str] = set()
    for event in events:
        used.update(event.actors)
        used.update(quote.actor for quote in event.quotes if quote.actor)
    return used


def _used_countries(timeline: Timeline, events: list[Event], actor_ids: set[str]) -> set[str]:
    used = {code for event in events for code in event.countries}
    used.update(timeline.actors[a].country or "" for a in actor_ids if a in timeline.actors)
    return used - {""}


def to_json(export_view: ExportView) -> str:
    return (
        json.dumps(subset_document(export_view), ensure_ascii=False, indent=2, allow_nan=False)
        + "\n"
    )


def to_yaml(export_view: ExportView) -> str:
    """A valid events.yaml holding the view."""
    note = f"Exported by timeline from {export_view.data_name}: {len(export_view.view)} events."
    return document_yaml(subset_document(export_view), note)


def document_yaml(document: dict[str, Any], note: str) -> str:
    """An events document as YAML (the safe dumper quotes anything YAML would retype)."""
    body = yaml.dump(
        document,
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    return f"# {note}\n{body}"


# --- iCalendar ---------------------------------------------------------------------------------


def to_ics(export_view: ExportView) -> bytes:
    """An iCalendar file: all-day events for dates, the file's zone for clock times."""
    from icalendar import Calendar

    timeline = export_view.timeline
    calendar = Calendar()
    calendar.add("prodid", "-//timeline//events export//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", export_view.heading)
    stamp = datetime.now(UTC).replace(microsecond=0)
    for event in _events(export_view):
        calendar.add_component(_ics_event(timeline, event, stamp))
    calendar.add_missing_timezones()
    ics: bytes = calendar.to_ical()
    return ics


def _ics_event(timeline: Timeline, event: Event, stamp: datetime) -> Any:
    from icalendar import Event as CalendarEvent

    entry = CalendarEvent()
    entry.add("uid", f"{event.id}@timeline")
    entry.add("dtstamp", stamp)
    entry.add("summary", event.title)
    start, end = _ics_span(timeline, event)
    entry.add("dtstart", start)
    entry.add("dtend", end)
    if event.location:
        entry.add("location", event.location)
    entry.add("description", _ics_description(event))
    web = [source.url for source in event.sources if source.url]
    if web:
        entry.add("url", web[0])
    entry.add("status", ICS_STATUS[event.status])
    if event.tags:
        entry.add("categories", list(event.tags))
    return entry


def _ics_span(timeline: Timeline, event: Event) -> tuple[Any, Any]:
    """Dates as all-day spans (DTEND exclusive); clock times as zoned date-times."""
    last = event.end or event.date
    if not event.date.has_time:
        first_day = event.date.start.date()
        after = (
            next_period(last.start, last.precision)
            if not last.has_time
            else last.start + timedelta(days=1)
        )
        return first_day, after.date()
    zone = timeline.zone
    start = _zoned(event.date, zone)
    if event.end is None:
        return start, start + timedelta(hours=1)
    # A date-only end means the whole of that day (or month): it ends when the next one starts.
    end = _zoned(last, zone) if last.has_time else last.local_end(zone).replace(tzinfo=zone)
    return start, end


def _zoned(value: FlexibleDate, zone: Any) -> datetime:
    return value.local_start(zone).replace(tzinfo=zone)


def _ics_description(event: Event) -> str:
    parts = [event.summary or ""]
    parts.extend(f"“{quote.text}”" for quote in event.quotes)
    parts.append("Sources: " + " ".join(source.url or source.citation for source in event.sources))
    return "\n\n".join(part for part in parts if part)


# --- TimelineJS --------------------------------------------------------------------------------


def to_timelinejs(export_view: ExportView) -> str:
    """A TimelineJS v3 story: slides grouped by the view's lanes, sources as links, and a
    display date where the day is not exactly known ('c. 25 May 2025', 'Aug 2025')."""
    timeline = export_view.timeline
    filters = export_view.filters
    preferred = filters.actors if filters.group == "actor" else filters.countries
    lanes = assign_lanes(export_view.view, timeline, filters.group, preferred).labels
    slides = [
        _slide(event, label, str(lane))
        for event, label, lane in zip(
            _events(export_view), export_view.view["date_label"], lanes, strict=True
        )
    ]
    story = {
        "title": {
            "text": {
                "headline": escape(export_view.heading),
                "text": escape(timeline.description or ""),
            }
        },
        "events": slides,
    }
    return json.dumps(story, ensure_ascii=False, indent=2) + "\n"


def _slide(event: Event, label: str, lane: str) -> dict[str, Any]:
    slide: dict[str, Any] = {
        "unique_id": event.id,
        "start_date": _date_parts(event.date),
        "text": {"headline": escape(event.title), "text": _slide_text(event)},
        "group": lane,
    }
    if event.end is not None:
        slide["end_date"] = _date_parts(event.end)
    if event.approximate or event.date.precision in ("year", "month"):
        slide["display_date"] = label
    return slide


def _date_parts(value: FlexibleDate) -> dict[str, str]:
    names = ("year", "month", "day", "hour", "minute", "second")
    count = {"year": 1, "month": 2, "day": 3, "minute": 5, "second": 6}[value.precision]
    moment = value.start
    numbers = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    return {name: str(number) for name, number in list(zip(names, numbers, strict=True))[:count]}


def _slide_text(event: Event) -> str:
    summary = f"<p>{escape(event.summary)}</p>" if event.summary else ""
    links = [
        f'<a href="{escape(s.url)}">{escape(s.citation)}</a>' if s.url else escape(s.citation)
        for s in event.sources
    ]
    return f'{summary}<p class="{SOURCES_CLASS}">Sources: {"; ".join(links)}</p>'


# --- Helpers -----------------------------------------------------------------------------------


def _events(export_view: ExportView) -> list[Event]:
    """The view's events as model objects, in the view's (date) order."""
    return export_view.dataset.events_in(export_view.view["id"])


def _standalone_html(export_view: ExportView) -> str:
    from timeline.documents import standalone_html

    return standalone_html(export_view)


def _briefing(export_view: ExportView, renderer: ImageRenderer | None) -> str:
    from timeline.documents import briefing_html

    return briefing_html(export_view, renderer)


def _briefing_pdf(export_view: ExportView, renderer: ImageRenderer | None) -> bytes:
    from timeline.documents import briefing_html
    from timeline.images import print_pdf

    return print_pdf(briefing_html(export_view, renderer))
