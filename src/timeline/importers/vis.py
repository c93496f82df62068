"""vis-timeline items: a JSON list of `{id, content, start, end, type, group, title}`, or an
object with `items` and `groups` (the DataSet export shape).

`content` is HTML shown on the item: it becomes the title; `title` (a tooltip) the summary, with
any `description` or other text field. An item with neither is titled by its text fields or its
id. Groups become types, so the lanes keep vis-timeline's groups. Fields vis-timeline uses for
drawing are dropped quietly; any other field is named in a note. Numeric dates ('4-1-2003') are
read in the order the whole file shows (see `day_order`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from timeline.core.dates import DateError, ends_before, parse_date
from timeline.core.problems import ImportNote
from timeline.core.text import clip
from timeline.importers.common import (
    IdMaker,
    ImportResult,
    Located,
    build_document,
    places,
    plain_text,
    slugify,
)
from timeline.importers.day_order import DateOrder, numeric_to_iso, settle_day_order

DEFAULT_TYPE = "item"
TITLE_LENGTH = 150
# What vis-timeline reads to draw an item: nothing a reader of the events misses.
DRAWING_FIELDS = frozenset(
    {"id", "content", "start", "end", "type", "group", "title", "className", "style"}
    | {"subgroup", "editable", "selectable", "align", "order", "limitSize"}
)
# Text other tools put on items; kept in the summary (the first titles an item with no content).
TEXT_FIELDS = ("description", "text", "name", "label", "headline", "summary", "notes")


class _Items:
    def __init__(self, name: str, groups: dict[str, str], order: DateOrder | None) -> None:
        self.name = name
        self.groups = groups
        self.order = order
        self.notes: list[ImportNote] = []
        self.ids = IdMaker()
        self.types: dict[str, str] = {}
        self.unused: defaultdict[str, list[int]] = defaultdict(list)  # field -> item numbers

    def note(self, where: str, message: str) -> None:
        self.notes.append(ImportNote(self.name, where, message))

    def event(self, number: int, item: dict[str, Any]) -> dict[str, Any] | None:
        where = f"item {number}"
        for key in item:
            if key not in DRAWING_FIELDS and key not in TEXT_FIELDS:
                self.unused[str(key)].append(number)
        content, links = plain_text(item.get("content"))
        tooltip, tooltip_links = plain_text(item.get("title"))
        texts = [plain_text(item[key])[0] for key in TEXT_FIELDS if isinstance(item.get(key), str)]
        title = self._title(where, item, [content, tooltip, *texts])
        label = f"{where} ('{title[:40]}')"
        start, end = self._date(item.get("start")), self._date(item.get("end"))
        if start is None:
            self.note(label, f"start {item.get('start')!r} is not a date: left out")
            return None
        event: dict[str, Any] = {
            "id": self.ids.make(
                f"item-{item['id']}" if item.get("id") is not None else title, "item"
            ),
            "date": start,
            "title": title,
            "type": self._type(item.get("group")),
            "sources": [{"url": link} for link in dict.fromkeys(links + tooltip_links)]
            or [{"title": f"{Path(self.name).name}, {where}"}],
        }
        self._add_end(label, event, end)
        summary = "\n".join(text for text in dict.fromkeys([tooltip, *texts]) if text != title)
        if summary.strip():
            event["summary"] = clip(summary.strip())
        if item.get("group") is not None:
            event["tags"] = [self.groups.get(str(item["group"]), str(item["group"]))]
        return event

    def _title(self, where: str, item: dict[str, Any], texts: list[str]) -> str:
        """The content, else the tooltip, else the first text field, else the id."""
        found = next((text.replace("\n", " ") for text in texts if text), "")
        if found:
            return clip(found, TITLE_LENGTH)
        title = f"Item {item['id']}" if item.get("id") is not None else f"Untitled {where}"
        self.note(where, f"no content, title or text: titled '{title}'")
        return title

    def _add_end(self, label: str, event: dict[str, Any], end: str | None) -> None:
        start = event["date"]
        if end and not ends_before(parse_date(start), parse_date(end), UTC) and end != start:
            event["end"] = end
        elif end and end != start:
            self.note(label, f"end {end} is before start {start}: end left out")

    def _type(self, group: object) -> str:
        if group is None:
            self.types[DEFAULT_TYPE] = "A vis-timeline item"
            return DEFAULT_TYPE
        label = self.groups.get(str(group), str(group))
        kind = slugify(label, DEFAULT_TYPE).replace("-", "_")
        self.types[kind] = f"vis-timeline group '{label}'"
        return kind

    def _date(self, value: object) -> str | None:
        """ISO strings as written (a 'Z' or offset is kept); numbers are milliseconds since
        1970; numeric dates in the file's order."""
        if value is None or value == "" or isinstance(value, bool):
            return None
        if isinstance(value, int | float):
            try:
                moment = datetime.fromtimestamp(value / 1000, tz=UTC)
            except (ValueError, OverflowError, OSError):  # NaN, infinity, beyond year 9999
                return None
            return _checked(moment.strftime("%Y-%m-%dT%H:%M:%SZ"))
        written = str(value).strip()
        return _checked((self.order and numeric_to_iso(written, self.order)) or written)

    def note_unused_fields(self) -> None:
        for field_name, numbers in self.unused.items():
            self.note(places("item", numbers), f"field '{field_name[:40]}' not kept")


def import_vis_json(data: Any, name: str, date_order: DateOrder | None = None) -> ImportResult:
    listed, groups = _items_and_groups(data)
    numbered = list(enumerate(listed, start=1))
    written = [
        (f"item {number}", item.get(key))
        for number, item in numbered
        if isinstance(item, dict)
        for key in ("start", "end")
    ]
    settled = settle_day_order(written, name, date_order)
    items = _Items(name, groups, settled.order)
    if settled.note:
        items.note("dates", settled.note)
    events: list[Located] = []
    for number, item in numbered:
        if not isinstance(item, dict):
            items.note(f"item {number}", "not an object: left out")
            continue
        event = items.event(number, item)
        if event is not None:
            events.append((f"item {number}", event))
    items.note_unused_fields()
    if not listed:
        items.note("file", "no items")
    return build_document(Path(name).name, events, items.notes, name, types=items.types)


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


def _checked(text: str) -> str | None:
    try:
        return parse_date(text).text
    except DateError:
        return None
