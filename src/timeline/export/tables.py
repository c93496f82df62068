"""The view as data: CSV (safe to open in a spreadsheet), JSON and YAML in the events format."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import yaml

from timeline.core.dates import iso_at_precision
from timeline.core.knowledge import disputed_points
from timeline.core.model import Event, Timeline
from timeline.data.views import ExportView

# Cells a spreadsheet would run as a formula (OWASP: CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d+)*|\d*[.,]\d+)")


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
    "disputed_points",
)


def to_csv(export_view: ExportView) -> str:
    """One row per event; lists joined with '; '; text that a spreadsheet would run is defused."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for event, (label, start, end) in export_view.events_and_rows("date_label", "start", "end"):
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
        iso_at_precision(start, event.date.precision),
        iso_at_precision(end, event.end.precision) if event.end else "",
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
        "; ".join(disputed_points(event)),
    ]


def _csv_cell(value: object) -> object:
    """Prefix a quote to text that starts like a formula; numbers stay numbers."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def subset_document(export_view: ExportView) -> dict[str, Any]:
    """The view as an events document: its events, and only the actors, countries and types they
    use. Links to events outside the view are dropped, so the document validates on its own. A
    view as known on a day is a document as of that day: statuses and histories then."""
    timeline = export_view.timeline
    events = export_view.events()
    kept = {event.id for event in events}
    actor_ids = _used_actors(events)
    country_codes = _used_countries(timeline, events, actor_ids)
    document = timeline.model_dump(
        mode="json", by_alias=True, exclude_defaults=True, exclude={"events"}
    )
    if export_view.filters.known is not None:
        document["as_of"] = _as_of_known(timeline, export_view.filters.known)
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


def _as_of_known(timeline: Timeline, known: date) -> str:
    """The document's as_of for a view as known on `known`: that day, unless the file's own
    as_of is earlier (a history never goes past it)."""
    if timeline.as_of is not None and timeline.as_of.local_start(timeline.zone).date() < known:
        return timeline.as_of.text
    return known.isoformat()


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
    """The actor ids the events name: actors, speakers, and accounts' sides (which may be
    country codes: `_used_countries` keeps those)."""
    used: set[str] = set()
    for event in events:
        used.update(event.actors)
        used.update(quote.actor for quote in event.quotes if quote.actor)
        used.update(account.side for account in event.accounts if account.side)
    return used


def _used_countries(timeline: Timeline, events: list[Event], actor_ids: set[str]) -> set[str]:
    used = {code for event in events for code in event.countries}
    used.update(timeline.actors[a].country or "" for a in actor_ids if a in timeline.actors)
    used.update(code for code in actor_ids if code in timeline.countries)  # accounts' sides
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
