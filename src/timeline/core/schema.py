"""The JSON Schema of the events format, generated from the model so the two never drift."""

from __future__ import annotations

import json
from typing import Any

from timeline.core.model import EVENT_TYPES, Timeline

SCHEMA_PATH = "schema/events.schema.json"


def events_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) for events files, for editors and other tools."""
    schema = Timeline.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "timeline events file"
    schema["description"] = (
        "Dated events for the timeline dashboard. Built-in event types: "
        + ", ".join(EVENT_TYPES)
        + "; a file may declare more under 'types'."
    )
    return schema


def events_schema_text() -> str:
    """The schema as committed in schema/events.schema.json."""
    return json.dumps(events_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
