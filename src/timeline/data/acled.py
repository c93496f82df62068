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
from timeline.importers.acled_rows import Coded, per_distinct
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
    title, summary, search_text = _searched_text(mapped)
    text = pa.large_string()
    columns = {
        "id": _text_column(text_array(mapped["id"])),
        "title": title,
        "date_text": _text_column(per_distinct(_date_text, day, month_only).arrow(text)),
        "date_label": _text_column(
            per_distinct(_label, start, month_only, approximate).arrow(text)
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
        "actor_names": _list_column(mapped["actor_names"]),
        "countries": _list_column(mapped["country_code"].mapped(_countries)),
        "location": _text_column(mapped["place"].arrow(text)),
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
            pc.binary_join_element_wise(
                pa.scalar("ACLED event ", text), mapped["acled_id"], pa.scalar("", text)
            )
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


def _searched_text(mapped: dict[str, Any]) -> tuple[pd.Series, pd.Series, pd.Series]:
    """The title and summary columns, and the search text: title, summary, place, tags and
    actor names, one a line, case-folded in Arrow (see `folding`: Python folds each row's text
    again when converting it to Arrow, and most of the time is spent there). Tags and names are
    joined once per distinct list."""
    text = pa.large_string()
    title, summary = mapped["title"], mapped["summary"]
    place: Coded[str | None] = mapped["place"]
    lines = [
        title,
        pc.fill_null(summary, pa.scalar("", text)),
        place.mapped(lambda name: name or "").arrow(text),
        *(mapped[name].mapped(_lines).arrow(text) for name in ("tags", "actor_names")),
    ]
    # A row with no tags (or no actors) has no line for them: a missing value is skipped.
    joined = pc.binary_join_element_wise(*lines, pa.scalar("\n", text), null_handling="skip")
    return _text_column(title), _text_column(summary), _text_column(casefolded(joined))


def _lines(texts: list[str]) -> str | None:
    return "\n".join(texts) if texts else None


def _list_column(lists: Coded[list[str]]) -> pd.Series:
    """Lists of text as an Arrow list column, as the cache keeps them: each distinct list is
    converted once."""
    return pd.Series(pd.arrays.ArrowExtensionArray(lists.arrow(pa.list_(pa.string()))))


def _empty_lists(count: int) -> pd.Series:
    """An empty list on every row (what the cache keeps as lists of nothing)."""
    offsets = pa.array(np.zeros(count + 1, dtype=np.int32))
    empty = pa.ListArray.from_arrays(offsets, pa.nulls(0))
    return pd.Series(pd.arrays.ArrowExtensionArray(empty))


def _text_column(values: pa.Array) -> pd.Series:
    """The frame's text type, made from Arrow text (pandas would encode each string again)."""
    return pd.Series(pd.array(values, dtype=pd.StringDtype("pyarrow", na_value=np.nan)))
