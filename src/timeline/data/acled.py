"""ACLED rows as the dashboard's frame, column by column: an export of 100,000 rows never
becomes 100,000 models (see `timeline.data.frame` for the columns)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from timeline.core.dates import APPROXIMATE_MARGIN
from timeline.data.dataset import event_record
from timeline.data.folding import casefolded
from timeline.data.frame import frame_from_columns
from timeline.importers.acled import AcledImport
from timeline.importers.acled_read import text_array
from timeline.importers.acled_rows import per_distinct
from timeline.importers.common import ImportResult


def import_acled_csv(text: str, name: str) -> ImportResult:
    """The events document for an ACLED export (what `timeline import` writes)."""
    acled = AcledImport(text, name)
    header = acled.header()
    frame = frame_from_columns(acled_frame_columns(acled), list(acled.types))
    events = [event_record(frame, position) for position in range(len(frame))]
    order = {event_id: position for position, event_id in enumerate(acled.ids_in_file_order)}
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
    actor_names = mapped["actor_names"]
    title, summary, search_text = _searched_text(mapped, actor_names)
    columns = {
        "id": _text_column(text_array(mapped["id"])),
        "title": title,
        "date_text": _text_column(text_array(per_distinct(_date_text, day, month_only))),
        "date_label": _text_column(
            text_array(per_distinct(_label, start, month_only, approximate))
        ),
        "start": start,
        "end": pd.Series(pd.NaT, index=range(count), dtype="datetime64[us]"),
        "span_start": start.where(~approximate, start - margin),
        "span_end": after.where(~approximate, after + margin),
        "precision": month_only.map({True: "month", False: "day"}),
        "approximate": approximate,
        "type": mapped["type"],
        "status": "happened",
        "actors": _list_column(mapped["actor_ids"]),
        "actor_names": _list_column(actor_names),
        "countries": _list_column(
            per_distinct(_countries, np.array(mapped["country_code"], dtype=object))
        ),
        "location": _text_column(text_array(mapped["place"])),
        "summary": summary,
        "quotes": "",
        "tags": _list_column(mapped["tags"]),
        "source_count": 1,
        "source_urls": _empty_lists(count),
        "related": _empty_lists(count),
        "search_text": search_text,
        "disputed_points": _empty_lists(count),
        "disputed": False,
        "known_from": start,
        "history_dates": _empty_lists(count),
        "history_statuses": _empty_lists(count),
        "source_title": _text_column(
            text_array([f"ACLED event {event_id}" for event_id in mapped["acled_id"]])
        ),
        "source_publisher": _text_column(
            text_array([named[:500] or None for named in mapped["source"]])
        ),
    }
    return columns


def _date_text(day: pd.Timestamp, month_only: bool) -> str:
    # Not strftime: it writes year 1 as '1', not '0001'.
    month = f"{day.year:04d}-{day.month:02d}"
    return month if month_only else f"{month}-{day.day:02d}"


def _label(moment: pd.Timestamp, month_only: bool, approximate: bool) -> str:
    """'16 May 2025', 'c. 16 May 2025', 'May 2025'."""
    text = f"{moment:%b %Y}" if month_only else f"{moment.day} {moment:%b %Y}"
    return f"c. {text}" if approximate else text


def _countries(code: str | None) -> list[str]:
    return [code] if code else []


def _searched_text(
    mapped: dict[str, Any], actor_names: list[list[str]]
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """The title and summary columns, and the search text: title, summary, place, tags and
    actor names, case-folded in Arrow (see `folding`: Python folds each row's text again when
    converting it to Arrow, and most of the time is spent there)."""
    title, summary = mapped["title"], mapped["summary"]
    rest = text_array(
        [
            "\n".join([place or "", *tags, *names])
            for place, tags, names in zip(mapped["place"], mapped["tags"], actor_names, strict=True)
        ]
    )
    line_break = pa.scalar("\n", pa.large_string())
    no_summary = pc.fill_null(summary, pa.scalar("", pa.large_string()))
    search = casefolded(pc.binary_join_element_wise(title, no_summary, rest, line_break))
    return _text_column(title), _text_column(summary), _text_column(search)


def _list_column(lists: list[list[str]]) -> pd.Series:
    """Lists of text as an Arrow list column, as the cache keeps them: the rows that share a
    list object (made by `per_distinct`) share its conversion, which is done once."""
    objects = np.fromiter(map(id, lists), dtype=np.int64, count=len(lists))
    codes, _ = pd.factorize(objects)
    firsts = np.unique(codes, return_index=True)[1]
    distinct = pa.array([lists[row] for row in firsts], type=pa.list_(pa.string()))
    return pd.Series(pd.arrays.ArrowExtensionArray(distinct.take(pa.array(codes))))


def _empty_lists(count: int) -> pd.Series:
    """An empty list on every row (what the cache keeps as lists of nothing)."""
    offsets = pa.array(np.zeros(count + 1, dtype=np.int32))
    empty = pa.ListArray.from_arrays(offsets, pa.nulls(0))
    return pd.Series(pd.arrays.ArrowExtensionArray(empty))


def _text_column(values: pa.Array) -> pd.Series:
    """The frame's text type, made from Arrow text (pandas would encode each string again)."""
    return pd.Series(pd.array(values, dtype=pd.StringDtype("pyarrow", na_value=np.nan)))
