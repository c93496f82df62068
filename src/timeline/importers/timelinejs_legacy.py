"""Legacy TimelineJS v2 stories: `{"timeline": {headline, text, date: [...], era: [...]}}`, dates
written as 'YYYY,MM,DD,HH,MM,SS' (parts may be missing), media in `asset`."""

from __future__ import annotations

from typing import Any

from timeline.core.dates import DateError, parse_date
from timeline.importers.common import ImportResult, date_from_parts, plain_text
from timeline.importers.slides import Story, media_of, story_result

DATE_PARTS = ("year", "month", "day", "hour", "minute", "second")


def import_timelinejs_v2(timeline: dict[str, Any], name: str) -> ImportResult:
    story = Story(name)
    dates = timeline.get("date")
    if not isinstance(dates, list):
        story.note("timeline.date", "not a list of dates: no events")
        dates = []
    for number, item in enumerate(dates, start=1):
        where = f"date {number}"
        if not isinstance(item, dict):
            story.note(where, "not an object: left out")
            continue
        story.add(where, _slide(story, where, item))
    story.note_eras(timeline.get("era"))
    headline, _ = plain_text(timeline.get("headline"))
    text, _ = plain_text(timeline.get("text"))
    return story_result(story, headline.replace("\n", " "), text or None)


def _slide(story: Story, where: str, item: dict[str, Any]) -> dict[str, Any]:
    start, start_problem = _date(item.get("startDate"))
    end, end_problem = _date(item.get("endDate"))
    if end_problem and start:
        story.note(where, f"end date left out: {end_problem}")
    return {
        "start": start,
        "date_problem": start_problem,
        "end": end,
        "headline": item.get("headline"),
        "text": item.get("text"),
        "media": media_of(item.get("asset"), "media"),
        "group": item.get("tag"),
    }


def _date(value: object) -> tuple[str | None, str | None]:
    """'1896,9,10,12,06' is 10 Sep 1896, 12:06; a date without commas is read as any date.
    (ISO text, None), or (None, why not)."""
    if value is None or str(value).strip() == "":
        return None, None
    written = str(value).strip()
    parts = [part.strip() for part in written.split(",")]
    try:
        if len(parts) == 1 and not written.lstrip("-").isdigit():
            return parse_date(written).text, None
        if len(parts) > len(DATE_PARTS):
            raise DateError(f"more than {len(DATE_PARTS)} parts (year to second)")
        return date_from_parts(*parts), None
    except DateError as problem:
        return None, f"date '{written}': {problem}"
