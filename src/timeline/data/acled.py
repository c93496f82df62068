"""ACLED rows as the dashboard's frame, column by column: an export of 100,000 rows never
becomes 100,000 models (see `timeline.data.frame` for the columns)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from timeline.core.dates import APPROXIMATE_MARGIN
from timeline.data.dataset import event_record
from timeline.data.frame import frame_from_columns
from timeline.importers.acled import AcledImport
from timeline.importers.common import ImportResult


def import_acled_csv(text: str, name: str) -> ImportResult:
    """The events document for an ACLED export (what `timeline import` writes)."""
    acled = AcledImport(text, name)
    header = acled.header()
    frame = frame_from_columns(acled_frame_columns(acled), list(acled.types))
    events = [event_record(frame, position) for position in range(len(frame))]
    order = {event_id: position for position, event_id in enumerate(acled.mapped["id"])}
    events.sort(key=lambda event: order[event["id"]])  # in the file's order
    return ImportResult({**header, "events": events}, acled.notes)


def acled_frame_columns(acled: AcledImport) -> dict[str, Any]:
    """The dashboard frame's columns for the imported rows (see `timeline.data.frame`), with the
    ACLED citation in `source_title` and `source_publisher`."""
    mapped = acled.mapped
    count = len(mapped["id"])
    day = pd.Series(mapped["day"], dtype="datetime64[us]").reset_index(drop=True)
    month_only = pd.Series(mapped["month_only"], dtype=bool)
    approximate = pd.Series(mapped["approximate"], dtype=bool) & ~month_only
    start = day.where(~month_only, day.dt.to_period("M").dt.start_time.astype("datetime64[us]"))
    after = (start + pd.Timedelta(days=1)).where(~month_only, start + pd.offsets.MonthBegin(1))
    margin = pd.Timedelta(APPROXIMATE_MARGIN["day"])
    names = {actor_id: actor["name"] for actor_id, actor in acled.actors.items()}
    actor_names = [[names[actor] for actor in ids] for ids in mapped["actor_ids"]]
    return {
        "id": mapped["id"],
        "title": mapped["title"],
        "date_text": [_date_text(d, m) for d, m in zip(day, month_only, strict=True)],
        "date_label": _labels(start, month_only, approximate),
        "start": start,
        "end": pd.Series(pd.NaT, index=range(count), dtype="datetime64[us]"),
        "span_start": start.where(~approximate, start - margin),
        "span_end": after.where(~approximate, after + margin),
        "precision": month_only.map({True: "month", False: "day"}),
        "approximate": approximate,
        "type": mapped["type"],
        "status": "happened",
        "actors": mapped["actor_ids"],
        "actor_names": actor_names,
        "countries": [[code] if code else [] for code in mapped["country_code"]],
        "location": mapped["place"],
        "summary": mapped["summary"],
        "quotes": "",
        "tags": mapped["tags"],
        "source_count": 1,
        "source_urls": [[] for _ in range(count)],
        "related": [[] for _ in range(count)],
        "search_text": _search_text(mapped, actor_names),
        "disputed_points": [[] for _ in range(count)],
        "disputed": False,
        "known_from": start,
        "history_dates": [[] for _ in range(count)],
        "history_statuses": [[] for _ in range(count)],
        "source_title": [f"ACLED event {event_id}" for event_id in mapped["acled_id"]],
        "source_publisher": [named[:500] or None for named in mapped["source"]],
    }


def _date_text(day: pd.Timestamp, month_only: bool) -> str:
    # Not strftime: it writes year 1 as '1', not '0001'.
    month = f"{day.year:04d}-{day.month:02d}"
    return month if month_only else f"{month}-{day.day:02d}"


def _labels(start: pd.Series, month_only: pd.Series, approximate: pd.Series) -> list[str]:
    """'16 May 2025', 'c. 16 May 2025', 'May 2025' (made once per distinct date)."""
    cache: dict[tuple[pd.Timestamp, bool, bool], str] = {}
    labels = []
    for moment, month, rough in zip(start, month_only, approximate, strict=True):
        key = (moment, month, rough)
        if key not in cache:
            text = f"{moment:%b %Y}" if month else f"{moment.day} {moment:%b %Y}"
            cache[key] = f"c. {text}" if rough else text
        labels.append(cache[key])
    return labels


def _search_text(mapped: dict[str, Any], actor_names: list[list[str]]) -> list[str]:
    parts = zip(
        mapped["title"],
        mapped["summary"],
        mapped["place"],
        mapped["tags"],
        actor_names,
        strict=True,
    )
    return [
        "\n".join([title, summary or "", place or "", *tags, *names]).casefold()
        for title, summary, place, tags, names in parts
    ]
