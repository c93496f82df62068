"""The timeline as a pandas DataFrame: one row per event, typed columns, in date order.

Columns (times are naive wall-clock times in the file's time zone; date-only events never shift):

- `id`, `title`: text. `date_text`: the date as written; `date_label`: as shown ("Aug 2025",
  "c. 25 May 2025", "26–27 May 2025").
- `start`: first moment of `date`; `end`: first moment of `end`, or NaT.
- `span_start`, `span_end`: the stretch of time the event may cover (exclusive end): a month-
  precision date covers its month, an approximate date a margin around it, an `end` its last day.
- `precision`: category of year/month/day/minute/second. `approximate`: bool.
- `type`, `status`: categories (every known value is a category, in vocabulary order).
- `actors`, `countries` (with the actors' countries added), `tags`, `source_urls`, `related`:
  lists of text. `actor_names`: names and aliases of the actors, for search.
- `location`, `summary`: text or missing. `quotes`: the quotes' text joined. `source_count`: int.
- `search_text`: title, summary, quotes, accounts, location, tags and actor names, case-folded.
- `disputed_points`: list of the points (`about`) with two or more accounts; `disputed`: bool.
- `known_from`: the first moment the event is known (its first history date, else its date).
- `history_dates`, `history_statuses`: the history, oldest first, as parallel lists of naive
  datetimes (each entry's first moment) and of statuses; empty without history.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

import pandas as pd

from timeline.core.dates import APPROXIMATE_MARGIN, PRECISIONS, format_span, next_period
from timeline.core.knowledge import disputed_points, known_from
from timeline.core.model import STATUSES, Event, Timeline

TEXT_COLUMNS = (
    "id",
    "title",
    "date_text",
    "date_label",
    "location",
    "summary",
    "quotes",
    "search_text",
)


def to_frame(timeline: Timeline) -> pd.DataFrame:
    """The events as a DataFrame in date order (see the module docstring for the columns)."""
    zone = timeline.zone
    rows = [_row(timeline, event, zone) for event in timeline.events]
    frame = pd.DataFrame(rows, columns=_COLUMNS)
    return _typed(frame, list(timeline.event_types)).sort_values(
        ["start", "id"], kind="stable", ignore_index=True
    )


def frame_from_columns(columns: dict[str, Any], event_types: list[str]) -> pd.DataFrame:
    """The same frame from ready-made columns (a large import); extra columns (a citation in
    `source_title` and `source_publisher`) follow the standard ones."""
    frame = pd.DataFrame(columns)
    extras = [column for column in frame.columns if column not in _COLUMNS]
    frame = _typed(frame[[*_COLUMNS, *extras]], event_types)
    if _in_order(frame):  # an import may hand its columns over sorted: sorting again costs
        return frame  # seconds at a million rows (ordering a million ids)
    return frame.sort_values(["start", "id"], kind="stable", ignore_index=True)


def _in_order(frame: pd.DataFrame) -> bool:
    """Whether the rows are sorted by start, then id, with a default index (no missing start:
    NaT compares false, so such a frame is sorted)."""
    index = frame.index
    if not isinstance(index, pd.RangeIndex) or (index.start, index.step) != (0, 1):
        return False
    start = frame["start"].to_numpy()
    later, tied = start[1:] > start[:-1], start[1:] == start[:-1]
    if not tied.any():
        return bool(later.all())
    ids = frame["id"].array
    return bool((later | (tied & (ids[1:] > ids[:-1]))).all())


_COLUMNS = [
    "id",
    "title",
    "date_text",
    "date_label",
    "start",
    "end",
    "span_start",
    "span_end",
    "precision",
    "approximate",
    "type",
    "status",
    "actors",
    "actor_names",
    "countries",
    "location",
    "summary",
    "quotes",
    "tags",
    "source_count",
    "source_urls",
    "related",
    "search_text",
    "disputed_points",
    "disputed",
    "known_from",
    "history_dates",
    "history_statuses",
]


def _row(timeline: Timeline, event: Event, zone: tzinfo) -> dict[str, Any]:
    span_start, span_end = event_span(event, zone)
    names = _actor_names(timeline, event)
    return {
        "id": event.id,
        "title": event.title,
        "date_text": event.date.text
        if event.end is None
        else f"{event.date.text} / {event.end.text}",
        "date_label": format_span(event.date, event.end, event.approximate),
        "start": event.date.start,  # as written where it happened (see format_date)
        "end": event.end.start if event.end else None,
        "span_start": span_start,
        "span_end": span_end,
        "precision": event.date.precision,
        "approximate": event.approximate,
        "type": event.type,
        "status": event.status,
        "actors": list(event.actors),
        "actor_names": names,
        "countries": timeline.countries_of(event),
        "location": event.location,
        "summary": event.summary,
        "quotes": "\n".join(quote.text for quote in event.quotes),
        "tags": list(event.tags),
        "source_count": len(event.sources),
        "source_urls": [source.url for source in event.sources if source.url],
        "related": [link.event for link in event.related],
        "search_text": _search_text(event, names),
        **_knowledge(event, zone),
    }


def _knowledge(event: Event, zone: tzinfo) -> dict[str, Any]:
    points = disputed_points(event)
    return {
        "disputed_points": points,
        "disputed": bool(points),
        "known_from": known_from(event, zone),
        "history_dates": [change.date.start for change in event.history],
        "history_statuses": [change.status for change in event.history],
    }


def _search_text(event: Event, actor_names: list[str]) -> str:
    parts = [event.title, event.summary or "", event.location or "", *event.tags, *actor_names]
    parts.extend(quote.text for quote in event.quotes)
    parts.extend(account.says for account in event.accounts)
    return "\n".join(parts).casefold()


def event_span(event: Event, zone: tzinfo) -> tuple[datetime, datetime]:
    """The stretch of time an event may cover: its precision, its `end`, and any approximation."""
    start = event.date.start
    last = event.end or event.date
    end = next_period(last.start, last.precision)
    if event.approximate:
        margin = APPROXIMATE_MARGIN[event.date.precision]
        start, end = start - margin, end + margin
    return start, end


def _actor_names(timeline: Timeline, event: Event) -> list[str]:
    names: list[str] = []
    for actor_id in event.actors:
        actor = timeline.actors.get(actor_id)
        if actor is not None:
            names.extend([actor.name, *actor.aliases])
    return names


def _typed(frame: pd.DataFrame, event_types: list[str]) -> pd.DataFrame:
    for column in TEXT_COLUMNS:
        frame[column] = frame[column].astype("str")
    for column in ("start", "end", "span_start", "span_end", "known_from"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[us]")
    frame["precision"] = pd.Categorical(frame["precision"], categories=list(PRECISIONS))
    frame["type"] = pd.Categorical(frame["type"], categories=event_types)
    frame["status"] = pd.Categorical(frame["status"], categories=list(STATUSES))
    frame["approximate"] = frame["approximate"].astype(bool)
    frame["disputed"] = frame["disputed"].astype(bool)
    frame["source_count"] = frame["source_count"].astype("int64")
    return frame
