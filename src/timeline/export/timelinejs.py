"""The view as a TimelineJS v3 story (JSON), which TimelineJS opens and our importer reads back."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from timeline.core.dates import FlexibleDate, format_date
from timeline.core.knowledge import as_source, disputed_points
from timeline.core.model import Citation, Event, Timeline
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
        _slide(timeline, event, label, str(lane))
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


def _slide(timeline: Timeline, event: Event, label: str, lane: str) -> dict[str, Any]:
    slide: dict[str, Any] = {
        "unique_id": event.id,
        "start_date": _date_parts(event.date),
        "text": {"headline": escape(event.title), "text": _slide_text(timeline, event)},
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


def _slide_text(timeline: Timeline, event: Event) -> str:
    """Summary, accounts by point, the history as a chain, and the sources, as HTML."""
    summary = f"<p>{escape(event.summary)}</p>" if event.summary else ""
    links = "; ".join(_cited(source) for source in event.sources)
    return (
        f"{summary}{_accounts_html(timeline, event)}{_history_html(timeline, event)}"
        f'<p class="{TIMELINEJS_SOURCES_CLASS}">Sources: {links}</p>'
    )


def _cited(citation: Citation) -> str:
    """A citation as a link to its address, or its title as text."""
    source = as_source(citation)
    label = escape(source.citation)
    return f'<a href="{escape(source.url)}">{label}</a>' if source.url else label


def _accounts_html(timeline: Timeline, event: Event) -> str:
    """'<p><strong>duration</strong> (disputed): about 100 minutes (link); about two hours
    (link, Ukraine)</p>', one paragraph per point."""
    disputed = set(disputed_points(event))
    points: dict[str, list[str]] = {}
    for account in event.accounts:
        side = f", {escape(timeline.name_of(account.side))}" if account.side else ""
        text = f"{escape(account.says)} ({_cited(account.source)}{side})"
        points.setdefault(account.about, []).append(text)
    return "".join(
        f"<p><strong>{escape(about)}</strong>{' (disputed)' if about in disputed else ''}: "
        f"{'; '.join(texts)}</p>"
        for about, texts in points.items()
    )


def _history_html(timeline: Timeline, event: Event) -> str:
    """'<p>History: proposed 28 May 2025 (link) → scheduled 31 May 2025 (link) → ...</p>'."""
    if not event.history:
        return ""
    steps = [
        f"{escape(change.status)} {escape(format_date(change.date))} ({_cited(change.source)})"
        for change in event.history
    ]
    return f"<p>History: {' → '.join(steps)}</p>"
