"""The TimelineJS Google-sheet template as CSV: 18 columns (Year, Month, Day, Time, End ...,
Display Date, Headline, Text, Media, Media Credit, Media Caption, ..., Type, Group), a 'title'
row and 'era' rows; newer sheets have one 'Start Date' and 'End Date' column instead."""

from __future__ import annotations

import csv
import io
from typing import Any

from timeline.core.dates import DateError, parse_date
from timeline.importers.common import ImportResult, date_from_parts, plain_text
from timeline.importers.day_order import DateOrder, numeric_to_iso, settle_day_order
from timeline.importers.slides import ERA_NOT_KEPT, Media, Story, story_result

WHOLE_DATES = ("start date", "end date")


def import_timelinejs_csv(
    text: str, name: str, date_order: DateOrder | None = None
) -> ImportResult:
    """The sheet's rows as events; the title row titles the story."""
    story = Story(name)
    title, description = "", None
    rows = [(f"row {number}", row) for number, row in enumerate(_rows(text), start=2)]
    written = [
        (where, row[column]) for where, row in rows for column in WHOLE_DATES if row.get(column)
    ]
    settled = settle_day_order(written, name, date_order)
    if settled.note:
        story.note("dates", settled.note)
    for where, row in rows:
        kind = row.get("type", "").lower()
        if kind == "title":
            title = plain_text(row.get("headline"))[0].replace("\n", " ")
            description = plain_text(row.get("text"))[0] or None
        elif kind == "era":
            headline = plain_text(row.get("headline"))[0][:40]
            story.note(f"{where} ('{headline}')" if headline else where, f"era {ERA_NOT_KEPT}")
        else:
            story.add(where, _slide(story, where, row, settled.order))
    return story_result(story, title, description)


def _rows(text: str) -> list[dict[str, str]]:
    """Each row with its column names in lower case (row 1 is the header)."""
    return [
        {str(key).strip().lower(): (value or "").strip() for key, value in raw.items() if key}
        for raw in csv.DictReader(io.StringIO(text))
    ]


def _slide(
    story: Story, where: str, row: dict[str, str], order: DateOrder | None
) -> dict[str, Any]:
    start, start_problem = _date(row, "", "start date", order)
    end, end_problem = _date(row, "end ", "end date", order)
    if end_problem and start:
        story.note(where, f"end date left out: {end_problem}")
    credit = "; ".join(plain_text(row.get("media credit"))[0].splitlines())
    caption = plain_text(row.get("media caption"))[0].replace("\n", " ")
    return {
        "start": start,
        "date_problem": start_problem,
        "end": end,
        "headline": row.get("headline"),
        "text": row.get("text"),
        "media": Media(row.get("media") or "", caption, credit),
        "group": row.get("group") or row.get("tag"),
        "display_date": row.get("display date"),
    }


def _date(
    row: dict[str, str], prefix: str, whole: str, order: DateOrder | None
) -> tuple[str | None, str | None]:
    """Year/Month/Day/Time columns, or a newer sheet's single 'Start Date' / 'End Date' column:
    (ISO text, None), or (None, why not)."""
    if row.get(whole):
        written = row[whole]
        try:
            return parse_date((order and numeric_to_iso(written, order)) or written).text, None
        except DateError as error:
            return None, f"{whole} '{written}': {error.message}"
    written_time = row.get(f"{prefix}time") or ""
    clock: list[str | None] = [*written_time.split(":")] if written_time else []
    hour, minute, second = [*clock, None, None, None][:3]
    try:
        text = date_from_parts(
            row.get(f"{prefix}year"),
            row.get(f"{prefix}month"),
            row.get(f"{prefix}day"),
            hour,
            minute,
            second,
        )
    except DateError as problem:
        return None, str(problem)
    return text, None
