"""The view as an iCalendar file: all-day events for dates, the file's zone for clock times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from timeline.core.dates import FlexibleDate, next_period
from timeline.core.knowledge import as_source, disputed_points, quote_wording
from timeline.core.model import Citation, Event, Quote, Timeline
from timeline.data.views import ExportView

ICS_STATUS = {
    "happened": "CONFIRMED",
    "scheduled": "CONFIRMED",
    "proposed": "TENTATIVE",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
}


def to_ics(export_view: ExportView) -> bytes:
    """An iCalendar file: all-day events for dates, the file's zone for clock times."""
    from icalendar import Calendar

    timeline = export_view.timeline
    calendar = Calendar()
    calendar.add("prodid", "-//timeline//events export//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", export_view.heading)
    stamp = datetime.now(UTC).replace(microsecond=0)
    for event in export_view.events():
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
    entry.add("description", _ics_description(timeline, event))
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


def _ics_description(timeline: Timeline, event: Event) -> str:
    """Summary, quotes (reported speech without quotation marks), disputed points with each
    account's source, and the sources."""
    parts = [event.summary or ""]
    parts.extend(_quote_text(timeline, quote) for quote in event.quotes)
    for point in disputed_points(event):
        accounts = [account for account in event.accounts if account.about == point]
        lines = [f"- {a.says} ({_citation_text(a.source)})" for a in accounts]
        parts.append("\n".join([f"Disputed, {point}:", *lines]))
    parts.append("Sources: " + " ".join(source.url or source.citation for source in event.sources))
    return "\n\n".join(part for part in parts if part)


def _quote_text(timeline: Timeline, quote: Quote) -> str:
    actor = timeline.actors.get(quote.actor or "")
    return quote_wording(quote.text, quote.reported, actor.name if actor else None)


def _citation_text(citation: Citation) -> str:
    source = as_source(citation)
    return source.url or source.citation
