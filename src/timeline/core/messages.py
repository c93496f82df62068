"""Turn pydantic's error records into messages a curator can act on, with a path to locate them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from timeline.core.model import (
    CITATION_TAGS,
    COLOR_PATTERN,
    COUNTRY_PATTERN,
    SLUG_PATTERN,
    Account,
    Actor,
    Country,
    Event,
    Link,
    Quote,
    RoleSpell,
    Source,
    StatusChange,
    Timeline,
)
from timeline.core.problems import FieldPath, did_you_mean

Description = tuple[FieldPath, str, str | None, bool]

_NESTED: dict[tuple[type[BaseModel], str], type[BaseModel]] = {
    (Timeline, "events"): Event,
    (Timeline, "actors"): Actor,
    (Timeline, "countries"): Country,
    (Event, "quotes"): Quote,
    (Event, "sources"): Source,
    (Event, "related"): Link,
    (Actor, "roles"): RoleSpell,
    (Event, "accounts"): Account,
    (Event, "history"): StatusChange,
    (Account, "source"): Source,
    (StatusChange, "source"): Source,
}

_PATTERN_ADVICE = {
    SLUG_PATTERN: (
        "is not a valid id",
        "use lowercase letters, digits, '-' and '_', e.g. istanbul-round-2",
    ),
    COUNTRY_PATTERN: ("is not a country code", "use an upper-case code such as UA, TR or NATO"),
    COLOR_PATTERN: ("is not a colour", "write it as #rrggbb, e.g. #1f77b4"),
}


def describe_validation_error(error: ErrorDetails) -> Description:
    """(path to locate, message, hint, whether the path ends at a key rather than a value)."""
    # A citation's form (text or mapping) shows in pydantic's path; the file has no such step.
    loc: FieldPath = tuple(step for step in error["loc"] if step not in CITATION_TAGS)
    at_key = bool(loc) and loc[-1] == "[key]"
    path = loc[:-1] if at_key else loc
    field = _field_name(path[:-1] if at_key else path)
    message, hint = _describe(error, path, field)
    at_key = at_key or error["type"] == "extra_forbidden"
    return path, message, hint, at_key


def _field_name(path: FieldPath) -> str:
    for step in reversed(path):
        if isinstance(step, str):
            return step
    return "file"


def _describe(error: ErrorDetails, path: FieldPath, field: str) -> tuple[str, str | None]:
    kind = error["type"]
    found = error.get("input")
    context: dict[str, Any] = dict(error.get("ctx") or {})
    if kind == "missing":
        return f"missing required field '{field}'", _missing_hint(field)
    if kind == "extra_forbidden":
        allowed = _allowed_fields(path[:-1])
        return f"unknown field '{field}'", did_you_mean(
            field, allowed
        ) or f"allowed: {', '.join(allowed)}"
    if kind in ("flexible_date", "time_zone"):
        return f"{field}: {context['message']}", context.get("hint") or None
    if kind == "source_citation":
        return f"{field}: {error['msg']}", context.get("hint")
    if kind == "source_url":
        return f"{field}: {error['msg']}", context.get("hint")
    if kind == "string_pattern_mismatch":
        what, hint = _PATTERN_ADVICE.get(str(context.get("pattern")), ("is not valid", None))
        return f"{field}: '{found}' {what}", hint
    if kind == "literal_error":
        choices = [
            choice.strip("'")
            for choice in str(context.get("expected", "")).replace(" or ", ", ").split(", ")
        ]
        return f"unknown {field} '{found}'", did_you_mean(
            str(found), choices
        ) or f"one of: {', '.join(choices)}"
    if kind == "too_short" and field == "sources":
        return "an event needs at least one source", "add sources: [{url: https://...}]"
    return _describe_shape(kind, field, found, error["msg"])


def _describe_shape(kind: str, field: str, found: object, fallback: str) -> tuple[str, str | None]:
    if found is None and kind in (
        "string_type",
        "list_type",
        "dict_type",
        "model_type",
        "date_type",
    ):
        return f"{field}: no value", "write a value, or remove the line"
    if kind == "string_too_short":
        return f"{field}: empty text", "write a value, or remove the line"
    if kind == "string_type":
        return f"{field}: expected text, found {_kind_of(found)}", None
    if kind == "list_type":
        return (
            f"{field}: expected a list, found {_kind_of(found)}",
            "write [a, b] or one '- item' per line",
        )
    if kind in ("dict_type", "model_type"):
        return f"{field}: expected a mapping (key: value lines), found {_kind_of(found)}", None
    if kind == "date_type":
        return f"{field}: expected a date, found {_kind_of(found)}", None
    return f"{field}: {fallback}", None


def _kind_of(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"'{value}'"


def _missing_hint(field: str) -> str | None:
    hints = {
        "sources": "every event needs at least one source: sources: [{url: https://...}]",
        "events": "list the events under 'events:'",
        "id": "give the event a unique id such as istanbul-round-2",
        "date": "write a date such as 2025-05-19, 2025-05 or 2025",
        "source": "say where this is reported: source: https://..., or a source's title",
    }
    return hints.get(field)


def _allowed_fields(path: FieldPath) -> list[str]:
    model: type[BaseModel] = Timeline
    for step in path:
        if isinstance(step, str):
            model = _NESTED.get((model, step), model)
    return [info.alias or name for name, info in model.model_fields.items()]
