"""Open other tools' timelines as events documents: TimelineJS (JSON v3 and v2, sheet CSV),
vis-timeline item JSON and ACLED CSV exports. The format is detected from the content.

`import_events` returns an `ImportResult`: a document in the events format, valid as it is, and
the notes on what could not be carried over (with the row or item it was in).
"""

from __future__ import annotations

import csv
import json
from typing import Any

from timeline.importers.acled import import_acled_csv
from timeline.importers.common import ImportNote, ImportResult
from timeline.importers.timelinejs import import_timelinejs_csv, import_timelinejs_json
from timeline.importers.vis import import_vis_json
from timeline.problems import InvalidTimelineError, Problem

IMPORT_FORMATS = ("timelinejs", "timelinejs-csv", "vis", "acled")
# What an importer meets in a file of a shape it does not expect (a string for a list...).
UNEXPECTED_SHAPE = (
    TypeError,
    AttributeError,
    ValueError,
    KeyError,
    IndexError,
    RecursionError,
    csv.Error,
)
__all__ = [
    "IMPORT_FORMATS",
    "ImportNote",
    "ImportResult",
    "detect_format",
    "import_events",
    "import_from_text",
    "import_text",
]


def import_events(content: bytes, name: str, format_name: str | None = None) -> ImportResult:
    """The events document for a file of another tool, detecting the format unless given."""
    text = import_text(content, name)
    return import_from_text(text, name, format_name or detect_format(text, name))


def import_from_text(text: str, name: str, chosen: str) -> ImportResult:
    """The events document for the text of a file in the `chosen` format. A file whose shape
    the importer does not expect is refused with a message, never a traceback."""
    try:
        return _import(text, name, chosen)
    except InvalidTimelineError:
        raise
    except UNEXPECTED_SHAPE as error:
        detail = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        message = f"cannot import this {chosen} file: {detail}"
        raise _problem(name, message) from None


def _import(text: str, name: str, chosen: str) -> ImportResult:
    if chosen in ("timelinejs", "vis"):
        data = _json(text, name)
        return (
            import_timelinejs_json(data, name)
            if chosen == "timelinejs"
            else import_vis_json(data, name)
        )
    if chosen == "timelinejs-csv":
        return import_timelinejs_csv(text, name)
    if chosen == "acled":
        return import_acled_csv(text, name)
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
    raise _problem(name, "not a format timeline can import (TimelineJS, vis-timeline or ACLED)")


def _json_kind(data: Any, name: str) -> str:
    if isinstance(data, dict) and (isinstance(data.get("timeline"), dict) or "events" in data):
        return "timelinejs"
    if isinstance(data, list) or (isinstance(data, dict) and "items" in data):
        return "vis"
    raise _problem(name, "JSON, but neither a TimelineJS story nor vis-timeline items")


def is_events_document(data: object) -> bool:
    """Our own format in JSON: events with 'date' (TimelineJS uses 'start_date')."""
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        return False
    if not isinstance(data.get("title"), str):  # TimelineJS has a title object
        return False
    return all(isinstance(event, dict) and "date" in event for event in data["events"])


def import_text(content: bytes, name: str) -> str:
    """The file as text (UTF-8, a byte-order mark dropped), or a located problem."""
    if not content.strip():
        raise _problem(name, "the file is empty")
    try:
        return content.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        line = content.count(b"\n", 0, error.start) + 1
        column = error.start - content.rfind(b"\n", 0, error.start)
        problem = Problem(
            name,
            line,
            column,
            f"byte 0x{content[error.start]:02x} is not UTF-8 text",
            "save the file as UTF-8",
        )
        raise InvalidTimelineError([problem]) from None


def _json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        problem = Problem(name, error.lineno, error.colno, f"JSON syntax: {error.msg}")
        raise InvalidTimelineError([problem]) from None
    except RecursionError:
        raise _problem(name, "JSON nested too deeply to be a timeline") from None
    except ValueError as error:  # e.g. a number with thousands of digits
        raise _problem(name, f"JSON that cannot be read: {error}") from None


def _problem(name: str, message: str) -> InvalidTimelineError:
    return InvalidTimelineError([Problem(name, 1, 1, message)])
