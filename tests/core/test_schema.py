"""The committed JSON Schema matches the model, and the dataset names it for editors."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from tests.conftest import ROOT, SHIPPED
from timeline.core.schema import SCHEMA_PATH, events_schema, events_schema_text


def test_committed_schema_is_in_sync() -> None:
    committed = (ROOT / SCHEMA_PATH).read_text("utf-8")
    assert committed == events_schema_text(), "run: timeline schema > schema/events.schema.json"


def test_schema_is_valid_and_describes_the_format() -> None:
    schema = events_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["required"] == ["title", "events"]
    event = schema["$defs"]["Event"]
    assert event["additionalProperties"] is False
    assert set(event["required"]) == {"id", "date", "title", "type", "sources"}
    assert event["properties"]["status"]["enum"] == [
        "happened",
        "scheduled",
        "proposed",
        "postponed",
        "cancelled",
    ]


def test_schema_accepts_a_plain_json_events_file() -> None:
    document = {
        "title": "T",
        "events": [
            {
                "id": "a",
                "date": "2025-05-19",
                "title": "A",
                "type": "call",
                "sources": [{"url": "https://example.org"}],
            },
        ],
    }
    assert not list(Draft202012Validator(events_schema()).iter_errors(document))
    document["events"][0]["colour"] = "red"  # type: ignore[index]
    assert list(Draft202012Validator(events_schema()).iter_errors(document))


def test_dataset_names_the_schema() -> None:
    first_line = SHIPPED.read_text("utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schema/events.schema.json"
    assert json.loads((ROOT / SCHEMA_PATH).read_text("utf-8"))["title"] == "timeline events file"
