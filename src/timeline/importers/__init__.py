"""Open other tools' timelines as events documents: TimelineJS (JSON v3 and v2, sheet CSV),
vis-timeline item JSON and ACLED CSV exports. The format is detected from the content.

`import_from_text` returns an `ImportResult`: a document in the events format, valid as it is, and
the notes on what could not be carried over (with the row or item it was in).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from timeline.core.problems import (
    ImportNote,
    InvalidTimelineError,
    Problem,
    decode_utf8,
    problem_at,
)
from timeline.importers.common import ImportResult, refuse_empty_import
from timeline.importers.day_order import DATE_ORDERS, DateOrder
from timeline.importers.timelinejs import import_timelinejs_json
from timeline.importers.timelinejs_sheet import import_timelinejs_csv
from timeline.importers.vis import import_vis_json

IMPORT_FORMATS = ("timelinejs", "timelinejs-csv", "vis", "acled")
FORMAT_NAMES = {
    "timelinejs": "TimelineJS",
    "timelinejs-csv": "TimelineJS sheet",
    "vis": "vis-timeline",
    "acled": "ACLED",
}
# What an importer meets in a file of a shape it does not expect (a string for a list...). Not
# KeyError or AttributeError: the importers check keys and types, so those would be our bugs.
UNEXPECTED_SHAPE = (
    TypeError,
    ValueError,
    IndexError,
    RecursionError,
    csv.Error,
)
__all__ = [
    "DATE_ORDERS",
    "IMPORT_FORMATS",
    "DateOrder",
    "ImportNote",
    "ImportResult",
    "detect_format",
    "import_from_text",
    "import_text",
    "is_events_file",
    "refuse_empty_import",
    "refusing_unexpected_shapes",
]


def import_from_text(
    text: str, name: str, chosen: str, date_order: DateOrder | None = None
) -> ImportResult:
    """The events document for the text of a TimelineJS or vis-timeline file (ACLED files become
    a frame directly: see `timeline.data.acled`). `date_order` reads numeric dates such as
    '4-1-2003' when the file itself does not settle their order."""
    # The test first: replace copies the text (0.08 s for 31 MB) even when nothing matches.
    text = text.replace("\r\n", "\n") if "\r" in text else text
    with refusing_unexpected_shapes(name, chosen):
        return _import(text, name, chosen, date_order)


@contextmanager
def refusing_unexpected_shapes(name: str, chosen: str) -> Iterator[None]:
    """A file whose shape an importer does not expect is refused with a message, never a
    traceback."""
    try:
        yield
    except InvalidTimelineError:
        raise
    except UNEXPECTED_SHAPE as error:
        detail = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        raise problem_at(
            name, f"cannot import this {FORMAT_NAMES[chosen]} file: {detail}"
        ) from None


def _import(text: str, name: str, chosen: str, date_order: DateOrder | None) -> ImportResult:
    if chosen == "timelinejs":
        return import_timelinejs_json(_json(text, name), name)
    if chosen == "vis":
        return import_vis_json(_json(text, name), name, date_order)
    if chosen == "timelinejs-csv":
        return import_timelinejs_csv(text, name, date_order)
    raise ValueError(f"unknown import format {chosen!r}")


def detect_format(text: str, name: str) -> str:
    """'timelinejs', 'timelinejs-csv', 'vis' or 'acled', or a located problem saying why not."""
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        return _json_kind(_json(text, name), name)
    header = stripped.split("\n", 1)[0].lower()
    columns = {column.strip().strip('"') for column in header.split(",")}
    if {"event_id_cnty", "event_date"} <= columns:
        return "acled"
    if {"year", "headline"} <= columns or {"start date", "headline"} <= columns:
        return "timelinejs-csv"
    raise problem_at(name, "not a format timeline can import (TimelineJS, vis-timeline or ACLED)")


def _json_kind(data: Any, name: str) -> str:
    if isinstance(data, dict) and (isinstance(data.get("timeline"), dict) or "events" in data):
        return "timelinejs"
    if isinstance(data, list) or (isinstance(data, dict) and "items" in data):
        return "vis"
    raise problem_at(name, "JSON, but neither a TimelineJS story nor vis-timeline items")


def is_events_document(data: object) -> bool:
    """Our own format in JSON: events with 'date' (TimelineJS uses 'start_date')."""
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        return False
    if not isinstance(data.get("title"), str):  # TimelineJS has a title object
        return False
    return all(isinstance(event, dict) and "date" in event for event in data["events"])


def import_text(content: bytes, name: str) -> str:
    """The file as text (UTF-8, a byte-order mark dropped), or a located problem. Line ends
    are left as written: the CSV readers take either, and `import_from_text` makes them one."""
    if not content or content.isspace():  # not strip(): that copies the whole file
        raise problem_at(name, "the file is empty")
    return decode_utf8(content, name)


def _json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        problem = Problem(name, error.lineno, error.colno, f"JSON syntax: {error.msg}")
        raise InvalidTimelineError([problem]) from None
    except RecursionError:
        raise problem_at(name, "JSON nested too deeply to be a timeline") from None
    except ValueError as error:  # e.g. a number with thousands of digits
        raise problem_at(name, f"JSON that cannot be read: {error}") from None


EVENTS_SUFFIXES = (".yaml", ".yml")


def is_events_file(content: bytes, name: str) -> bool:
    """Our own events format (YAML, or the same document in JSON), not another tool's file."""
    if Path(name).suffix.lower() in EVENTS_SUFFIXES:
        return True
    head = content.lstrip()[:1]
    if head not in (b"{", b"["):
        return Path(name).suffix.lower() != ".csv"
    try:
        return is_events_document(json.loads(content.decode("utf-8-sig")))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return False
