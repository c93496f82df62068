"""TimelineJS stories: JSON v3, the legacy v2 `{"timeline": {"date": [...]}}` form, and the
Google-sheet CSV template.

TimelineJS has no types, actors or countries: a slide's `group` becomes its type (so the lanes
keep the story's groups) and a tag; links in the text and a web media URL become sources; the
title slide becomes the dataset's title and description.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC
from pathlib import Path
from typing import Any

from timeline.core.dates import DateError, ends_before, format_date, parse_date
from timeline.core.model import EVENT_TYPES
from timeline.core.problems import ImportNote
from timeline.core.text import clip
from timeline.importers.common import (
    IdMaker,
    ImportResult,
    Located,
    build_document,
    date_from_parts,
    plain_text,
    slugify,
)

DEFAULT_TYPE = "slide"
DEFAULT_TYPE_MEANING = "A slide of a TimelineJS story"
TITLE_LENGTH = 150


class _Story:
    """Collects slides as events, with the notes about what did not fit."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.notes: list[ImportNote] = []
        self.events: list[Located] = []
        self.types: dict[str, str] = {}
        self.ids = IdMaker()

    def note(self, where: str, message: str) -> None:
        self.notes.append(ImportNote(self.name, where, message))

    def add(self, where: str, slide: dict[str, Any]) -> None:
        """A slide given as start/end date texts, HTML headline and text, media and group."""
        headline, headline_links = plain_text(slide.get("headline"))
        text, text_links = plain_text(slide.get("text"))
        title = _title(headline, text)
        if not title:
            title = f"Untitled slide ({where})"
            self.note(where, "no headline or text: titled by its place in the file")
        label = f"{where} ('{title[:40]}')"
        if slide.get("start") is None:
            reason = slide.get("date_problem") or "no start date (only a title slide may have none)"
            self.note(label, f"{reason}: left out")
            return
        event: dict[str, Any] = {
            "id": self.ids.make(str(slide.get("id") or "") or title, "slide"),
            "date": slide["start"],
            "title": title,
            "type": self._type(slide.get("group")),
            "sources": self._sources(label, headline_links + text_links, slide.get("media")),
        }
        if slide.get("end") and _before(slide["end"], slide["start"]):
            self.note(label, f"end {slide['end']} is before start {slide['start']}: end left out")
        elif slide.get("end") and slide["end"] != slide["start"]:
            event["end"] = slide["end"]
        quote = _quote(slide.get("media"))
        if quote:
            text = f"{text}\n{quote}".strip()
        if text and text != title:
            event["summary"] = clip(text)
        if slide.get("group"):
            event["tags"] = [clip(str(slide["group"]).strip(), 200)]
        display = str(slide.get("display_date") or "")
        if display.startswith("c. "):  # how timeline's own export marks an approximate date
            event["approximate"] = True
        elif display and display != format_date(parse_date(slide["start"])):
            self.note(
                label,
                f"display date '{slide['display_date']}' not kept: dates show at their precision",
            )
        self.events.append((label, event))

    def _type(self, group: object) -> str:
        name = clip(str(group or "").strip(), 200)
        if not name:
            self.types[DEFAULT_TYPE] = DEFAULT_TYPE_MEANING
            return DEFAULT_TYPE
        kind = slugify(name, DEFAULT_TYPE).replace("-", "_")
        if kind not in EVENT_TYPES:  # a group named like a built-in type is that type
            self.types[kind] = f"TimelineJS group '{name}'"
        return kind

    def _sources(self, where: str, links: list[str], media: object) -> list[dict[str, str]]:
        sources = [{"url": link} for link in dict.fromkeys(links)]
        media_url, caption = _media(media)
        if media_url.startswith("//"):  # protocol-relative: the page's scheme, https today
            media_url = "https:" + media_url
        if media_url.startswith("<"):  # a quotation used as media: kept in the summary
            media_url = ""
        if media_url.startswith(("http://", "https://")):
            entry = {"url": media_url}
            if caption:
                entry["title"] = caption[:TITLE_LENGTH]
            sources.append(entry)
        elif media_url:
            self.note(where, f"media '{media_url[:60]}' is not a web address: not kept as a source")
        if not sources:
            sources.append({"title": f"{Path(self.name).name}, {where}"})
        unique = {source.get("url") or source["title"]: source for source in sources}
        return list(unique.values())

    def result(self, title: str, description: str | None) -> ImportResult:
        return build_document(
            title, self.events, self.notes, self.name, description=description, types=self.types
        )


def _before(first: str, second: str) -> bool:
    """True when `first` (an end) is over before `second` (a start) begins."""
    return ends_before(parse_date(second), parse_date(first), UTC)


def _title(headline: str, text: str) -> str:
    chosen = (headline or text).replace("\n", " ").strip()
    return clip(chosen, TITLE_LENGTH)


def _quote(media: object) -> str:
    url = media.get("url") if isinstance(media, dict) else media
    if isinstance(url, str) and url.lstrip().startswith("<blockquote"):
        return plain_text(url)[0]
    return ""


def _media(media: object) -> tuple[str, str]:
    if isinstance(media, str):
        return media.strip(), ""
    if not isinstance(media, dict):
        return "", ""
    caption, _ = plain_text(media.get("caption"))
    return str(media.get("url") or "").strip(), caption.replace("\n", " ")


# --- JSON v3 -----------------------------------------------------------------------------------


def import_timelinejs_json(data: Any, name: str) -> ImportResult:
    """TimelineJS v3 JSON (`title`, `events`, `eras`), or the legacy v2 form."""
    if isinstance(data, dict) and isinstance(data.get("timeline"), dict):
        return _import_v2(data["timeline"], name)
    story = _Story(name)
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        story.note("file", "no 'events' list: not a TimelineJS story")
        return story.result(name, None)
    for number, item in enumerate(data["events"], start=1):
        where = f"event {number}"
        if not isinstance(item, dict):
            story.note(where, "not an object: left out")
            continue
        story.add(where, _v3_slide(story, where, item))
    eras = data.get("eras")
    if isinstance(eras, list) and eras:
        story.note("eras", f"{len(eras)} eras not kept: the events format has no eras")
    title, description = _v3_title(data.get("title"))
    return story.result(title or Path(name).name, description)


def _v3_slide(story: _Story, where: str, item: dict[str, Any]) -> dict[str, Any]:
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
        "media": item.get("media"),
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


def _v3_title(title: object) -> tuple[str, str | None]:
    """The title slide's headline and text; with no headline, the text stays a description
    (a long sentence makes a poor title) and the file name titles the dataset."""
    if not isinstance(title, dict) or not isinstance(title.get("text"), dict):
        return "", None
    headline, _ = plain_text(title["text"].get("headline"))
    text, _ = plain_text(title["text"].get("text"))
    return headline.replace("\n", " "), text or None


# --- Legacy v2 ---------------------------------------------------------------------------------


def _import_v2(timeline: dict[str, Any], name: str) -> ImportResult:
    story = _Story(name)
    dates = timeline.get("date")
    if not isinstance(dates, list):
        story.note("timeline.date", "not a list of dates: no events")
        dates = []
    for number, item in enumerate(dates, start=1):
        where = f"date {number}"
        if not isinstance(item, dict):
            story.note(where, "not an object: left out")
            continue
        asset: dict[str, Any] = item["asset"] if isinstance(item.get("asset"), dict) else {}
        story.add(
            where,
            {
                "start": _v2_date(story, where, item.get("startDate")),
                "end": _v2_date(story, where, item.get("endDate")),
                "headline": item.get("headline"),
                "text": item.get("text"),
                "media": {"url": asset.get("media"), "caption": asset.get("caption")},
                "group": item.get("tag"),
            },
        )
    headline, _ = plain_text(timeline.get("headline"))
    text, _ = plain_text(timeline.get("text"))
    return story.result(headline.replace("\n", " ") or name, text or None)


def _v2_date(story: _Story, where: str, value: object) -> str | None:
    """Legacy dates are 'YYYY,MM,DD' (parts may be missing); the same date twice is one date."""
    if value is None or str(value).strip() == "":
        return None
    parts = [part.strip() for part in str(value).split(",")]
    try:
        return date_from_parts(*parts[:3])
    except (DateError, TypeError) as problem:
        story.note(where, f"date '{value}' left out: {problem}")
        return None


# --- Sheet CSV ---------------------------------------------------------------------------------


def import_timelinejs_csv(text: str, name: str) -> ImportResult:
    """The TimelineJS Google-sheet template: 18 columns, a 'title' row, 'era' rows."""
    story = _Story(name)
    title, description = "", None
    reader = csv.DictReader(io.StringIO(text))
    for number, raw in enumerate(reader, start=2):  # row 1 is the header
        row = {str(key).strip().lower(): (value or "").strip() for key, value in raw.items() if key}
        where = f"row {number}"
        kind = row.get("type", "").lower()
        if kind == "title":
            title = plain_text(row.get("headline"))[0].replace("\n", " ")
            description = plain_text(row.get("text"))[0] or None
            continue
        if kind == "era":
            story.note(where, "era not kept: the events format has no eras")
            continue
        story.add(where, _csv_slide(story, where, row))
    return story.result(title or name, description)


def _csv_slide(story: _Story, where: str, row: dict[str, str]) -> dict[str, Any]:
    start, start_problem = _csv_date(row, "", "start date")
    end, end_problem = _csv_date(row, "end ", "end date")
    if end_problem and start:
        story.note(where, f"end date left out: {end_problem}")
    return {
        "start": start,
        "date_problem": start_problem,
        "end": end,
        "headline": row.get("headline"),
        "text": row.get("text"),
        "media": {"url": row.get("media"), "caption": row.get("media caption")},
        "group": row.get("group") or row.get("tag"),
        "display_date": row.get("display date"),
    }


def _csv_date(row: dict[str, str], prefix: str, whole: str) -> tuple[str | None, str | None]:
    """Year/Month/Day/Time columns, or a newer sheet's single 'Start Date' / 'End Date' column:
    (ISO text, None), or (None, why not)."""
    if row.get(whole):
        try:
            return parse_date(row[whole]).text, None
        except DateError as error:
            return None, f"{whole} '{row[whole]}': {error.message}"
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
