"""The view as a TimelineJS v3 story (JSON), which TimelineJS opens and our importer reads back."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from timeline.core.dates import FlexibleDate
from timeline.core.model import Event
from timeline.core.text import TIMELINEJS_SOURCES_CLASS
from timeline.data.lanes import assign_lanes
from timeline.data.views import ExportView


def to_timelinejs(export_view: ExportView) -> str:
    """A TimelineJS v3 story: slides grouped by the view's lanes, sources as links, and a
    display date where the day is not exactly known ('c. 25 May 2025', 'Aug 2025')."""
    timeline = export_view.timeline
    filters = export_view.filters
    lanes = assign_lanes(export_view.view, timeline, filters.group).labels
    view = export_view.view.assign(lane=lanes.to_numpy())
    paired = ExportView(export_view.dataset, view, filters, export_view.data_name)
    slides = [
        _slide(event, label, str(lane))
        for event, (label, lane) in paired.events_and_rows("date_label", "lane")
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
    return f'{summary}<p class="{TIMELINEJS_SOURCES_CLASS}">Sources: {"; ".join(links)}</p>'
