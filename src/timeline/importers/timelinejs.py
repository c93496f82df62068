"""TimelineJS stories in JSON: v3 (`title`, `events`, `eras`), the same wrapped as
`{"timeline": {"slides": [...]}}` (the shape of TimelineJS's own welcome page), and the legacy v2
`{"timeline": {"date": [...]}}` form (see `timelinejs_legacy`). The sheet CSV is in
`timelinejs_sheet`; what a slide becomes is in `slides`.
"""

from __future__ import annotations

from typing import Any

from timeline.core.dates import DateError
from timeline.importers.common import ImportResult, date_from_parts, plain_text
from timeline.importers.slides import Story, media_of, story_result
from timeline.importers.timelinejs_legacy import import_timelinejs_v2

SLIDE_LISTS = ("events", "slides")


def import_timelinejs_json(data: Any, name: str) -> ImportResult:
    """TimelineJS v3 JSON, wrapped or not in `timeline`, or the legacy v2 form."""
    if isinstance(data, dict) and isinstance(data.get("timeline"), dict):
        inner = data["timeline"]
        if not any(isinstance(inner.get(key), list) for key in SLIDE_LISTS):
            return import_timelinejs_v2(inner, name)
        data = inner
    story = Story(name)
    slides = _slide_list(data)
    if slides is None:
        story.note("file", "no 'events' list: not a TimelineJS story")
        return story_result(story, "", None)
    key = "events" if isinstance(data.get("events"), list) else "slides"
    title_slide: object = data.get("title")
    for number, item in enumerate(slides, start=1):
        where = f"{key[:-1]} {number}"
        if not isinstance(item, dict):
            story.note(where, "not an object: left out")
        elif key == "slides" and title_slide is None and _is_title_slide(item, number):
            title_slide = item
        else:
            story.add(where, _v3_slide(story, where, item))
    story.note_eras(data.get("eras"))
    title, description = _v3_title(story, title_slide)
    return story_result(story, title, description)


def _slide_list(data: Any) -> list[Any] | None:
    if not isinstance(data, dict):
        return None
    for key in SLIDE_LISTS:
        if isinstance(data.get(key), list):
            found: list[Any] = data[key]
            return found
    return None


def _is_title_slide(item: dict[str, Any], number: int) -> bool:
    """In a list of slides, the title is marked `type: title`, or is the first and undated."""
    if str(item.get("type") or "").lower() == "title":
        return True
    return number == 1 and not isinstance(item.get("start_date"), dict)


def _v3_slide(story: Story, where: str, item: dict[str, Any]) -> dict[str, Any]:
    text: dict[str, Any] = item["text"] if isinstance(item.get("text"), dict) else {}
    start, start_problem = _v3_date(item.get("start_date"))
    end, end_problem = _v3_date(item.get("end_date"))
    if end_problem and start:
        story.note(where, f"end date left out: {end_problem}")
    return {
        "id": item.get("unique_id"),
        "start": start,
        "date_problem": start_problem,
        "end": end,
        "headline": text.get("headline"),
        "text": text.get("text"),
        "media": media_of(item.get("media")),
        "group": item.get("group"),
        "display_date": item.get("display_date") or _part(item.get("start_date"), "display_date"),
    }


def _part(parts: object, key: str) -> object:
    return parts.get(key) if isinstance(parts, dict) else None


def _v3_date(parts: object) -> tuple[str | None, str | None]:
    """(ISO text, None) or (None, why it cannot be expressed)."""
    if not isinstance(parts, dict):
        return None, None
    try:
        text = date_from_parts(
            parts.get("year"),
            parts.get("month"),
            parts.get("day"),
            parts.get("hour"),
            parts.get("minute"),
            parts.get("second"),
        )
    except DateError as problem:
        return None, str(problem)
    return text, None


def _v3_title(story: Story, title: object) -> tuple[str, str | None]:
    """The title slide's headline and text; with no headline, the text stays a description
    (a long sentence makes a poor title) and the file name titles the dataset. A title given
    as a list of slides uses the first."""
    if isinstance(title, list):
        if len(title) > 1:
            story.note("title", f"a list of {len(title)} slides: the first titles the story")
        title = title[0] if title else None
    if isinstance(title, str):
        return plain_text(title)[0].replace("\n", " "), None
    if title is None:
        return "", None
    if not isinstance(title, dict) or not isinstance(title.get("text"), dict):
        story.note("title", "not a slide with text: not kept")
        return "", None
    headline, _ = plain_text(title["text"].get("headline"))
    text, _ = plain_text(title["text"].get("text"))
    return headline.replace("\n", " "), text or None
