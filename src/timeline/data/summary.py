"""A dataset in one line, as `timeline validate` prints it: '40 events, 30 actors, 13 countries,
10 May 2025 – Aug 2025'. Imports no pandas: validating an events file does not need it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from timeline.core.dates import FlexibleDate, format_date, parse_date
from timeline.core.model import Timeline

if TYPE_CHECKING:
    from timeline.data.dataset import Dataset


def describe_timeline(
    timeline: Timeline, events: int, first: FlexibleDate | None, last: FlexibleDate | None
) -> str:
    """'40 events, 30 actors, 13 countries, 10 May 2025 – Aug 2025'."""
    parts = [
        _count(events, "event"),
        _count(len(timeline.actors), "actor"),
        _count(len(timeline.countries), "country", "countries"),
    ]
    if first is not None and last is not None:
        parts.append(f"{format_date(first)} – {format_date(last)}")
    return ", ".join(parts)


def first_and_last(timeline: Timeline) -> tuple[FlexibleDate | None, FlexibleDate | None]:
    """The earliest date and the latest end (or date) of the events."""
    if not timeline.events:
        return None, None
    zone = timeline.zone
    first = min(timeline.events, key=lambda event: event.date.local_start(zone)).date
    last = max(
        (event.end or event.date for event in timeline.events), key=lambda d: d.local_end(zone)
    )
    return first, last


def describe_dataset(dataset: Dataset) -> str:
    """The summary line of an opened dataset, read from its frame (it may hold no models)."""
    frame = dataset.frame
    if not len(frame):
        return describe_timeline(dataset.timeline, 0, None, None)
    first = str(frame["date_text"].iloc[0]).split(" / ")[0]
    ends = frame["end"].fillna(frame["span_end"]).to_numpy()
    last = str(frame["date_text"].iloc[int(ends.argmax())]).split(" / ")[-1]
    return describe_timeline(dataset.timeline, len(frame), parse_date(first), parse_date(last))


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
