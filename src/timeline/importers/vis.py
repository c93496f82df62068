"""vis-timeline items: a JSON list of `{id, content, start, end, type, group, title}`, or an
object with `items` and `groups` (the DataSet export shape).

`content` is HTML shown on the item: it becomes the title; `title` (a tooltip) the summary.
Groups become types, so the lanes keep vis-timeline's groups.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from timeline.core.dates import DateError, ends_before, parse_date
from timeline.core.problems import ImportNote
from timeline.importers.common import (
    IdMaker,
    ImportResult,
    Located,
    build_document,
    plain_text,
    slugify,
)

DEFAULT_TYPE = "item"


def import_vis_json(data: Any, name: str) -> ImportResult:
    items, groups = _items_and_groups(data)
    notes: list[ImportNote] = []
    ids = IdMaker()
    types: dict[str, str] = {}
    events: list[Located] = []
    for number, item in enumerate(items, start=1):
        where = f"item {number}"
        if not isinstance(item, dict):
            notes.append(ImportNote(name, where, "not an object: left out"))
            continue
        event = _event(item, where, name, ids, groups, types, notes)
        if event is not None:
            events.append((where, event))
    if not items:
        notes.append(ImportNote(name, "file", "no items"))
    return build_document(Path(name).name, events, notes, name, types=types)


def _items_and_groups(data: Any) -> tuple[list[Any], dict[str, str]]:
    if isinstance(data, list):
        return data, {}
    if isinstance(data, dict):
        declared = data.get("groups")
        listed: list[Any] = declared if isinstance(declared, list) else []
        groups = {
            str(group.get("id")): plain_text(group.get("content") or group.get("id"))[0]
            for group in listed
            if isinstance(group, dict)
        }
        items = data.get("items")
        return (items if isinstance(items, list) else []), groups
    return [], {}


def _event(
    item: dict[str, Any],
    where: str,
    name: str,
    ids: IdMaker,
    groups: dict[str, str],
    types: dict[str, str],
    notes: list[ImportNote],
) -> dict[str, Any] | None:
    content, links = plain_text(item.get("content"))
    tooltip, tooltip_links = plain_text(item.get("title"))
    title = (
        content.replace("\n", " ") or tooltip.replace("\n", " ") or f"Item {item.get('id', where)}"
    )
    start, end = _date(item.get("start")), _date(item.get("end"))
    label = f"{where} ('{title[:40]}')"
    if start is None:
        notes.append(
            ImportNote(name, label, f"start {item.get('start')!r} is not a date: left out")
        )
        return None
    event: dict[str, Any] = {
        "id": ids.make(f"item-{item['id']}" if item.get("id") is not None else title, "item"),
        "date": start,
        "title": title,
        "type": _type(item.get("group"), groups, types),
        "sources": [{"url": link} for link in dict.fromkeys(links + tooltip_links)]
        or [{"title": f"{Path(name).name}, {where}"}],
    }
    if end and not ends_before(parse_date(start), parse_date(end), UTC) and end != start:
        event["end"] = end
    elif end:
        notes.append(ImportNote(name, label, f"end {end} is before start {start}: end left out"))
    if tooltip and tooltip != title:
        event["summary"] = tooltip
    if item.get("group") is not None:
        event["tags"] = [groups.get(str(item["group"]), str(item["group"]))]
    return event


def _type(group: object, groups: dict[str, str], types: dict[str, str]) -> str:
    if group is None:
        types[DEFAULT_TYPE] = "A vis-timeline item"
        return DEFAULT_TYPE
    label = groups.get(str(group), str(group))
    kind = slugify(label, DEFAULT_TYPE).replace("-", "_")
    types[kind] = f"vis-timeline group '{label}'"
    return kind


def _date(value: object) -> str | None:
    """ISO strings as written (a 'Z' or offset is kept); numbers are milliseconds since 1970."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            moment = datetime.fromtimestamp(value / 1000, tz=UTC)
        except (ValueError, OverflowError, OSError):  # NaN, infinity, beyond year 9999
            return None
        return _checked(moment.strftime("%Y-%m-%dT%H:%M:%SZ"))
    return _checked(str(value).strip())


def _checked(text: str) -> str | None:
    try:
        return parse_date(text).text
    except DateError:
        return None
