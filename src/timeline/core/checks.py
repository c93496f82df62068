"""Checks across the file: unique ids, known types, references that lead somewhere, and event
histories that hold together (in order, ending at the event's status, not after `as_of`).

They run on the plain data, alongside the shape checks, so a file with a wrong type *and* a broken
reference reports both at once. Anything of the wrong shape is left to the shape checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, tzinfo
from typing import Any

from timeline.core.dates import DateError, FlexibleDate, ends_before, parse_date, zone_named
from timeline.core.model import EVENT_TYPES
from timeline.core.problems import FieldPath, did_you_mean

Finding = tuple[FieldPath, str, str | None]


def find_reference_problems(data: dict[str, Any]) -> Iterator[Finding]:
    """Every cross-reference problem in a plain (not yet validated) events mapping."""
    actors = _keys(data.get("actors"))
    countries = _keys(data.get("countries"))
    types = set(EVENT_TYPES) | _keys(data.get("types"))
    events = data.get("events")
    events = events if isinstance(events, list) else []
    event_ids = _event_ids(events)
    zone = _zone(data.get("timezone"))
    as_of = _date_or_none(data.get("as_of"))
    yield from _actor_country_problems(data.get("actors"), countries)
    yield from _duplicate_ids(events)
    for index, event in enumerate(events):
        if isinstance(event, dict):
            path: FieldPath = ("events", index)
            yield from _event_problems(event, path, actors, countries, types, event_ids)
            yield from _end_before_start(event, path, zone)
            yield from _side_problems(event, path, actors | countries)
            yield from history_problems(event, path, zone, as_of)


def _zone(name: object) -> tzinfo:
    """The file's zone for comparing clock times (UTC when missing or unknown: reported apart)."""
    try:
        return zone_named(name) if isinstance(name, str) else UTC
    except DateError:
        return UTC


def _keys(value: object) -> set[str]:
    return {str(key) for key in value} if isinstance(value, dict) else set()


def _event_ids(events: list[Any]) -> set[str]:
    return {
        event["id"]
        for event in events
        if isinstance(event, dict) and isinstance(event.get("id"), str)
    }


def _duplicate_ids(events: list[Any]) -> Iterator[Finding]:
    first_index: dict[str, int] = {}
    for index, event in enumerate(events):
        if not isinstance(event, dict) or not isinstance(event.get("id"), str):
            continue
        if event["id"] in first_index:
            yield (
                ("events", index, "id"),
                f"duplicate event id '{event['id']}'",
                f"event {first_index[event['id']] + 1} already uses it",
            )
        else:
            first_index[event["id"]] = index


def _actor_country_problems(actors: object, countries: set[str]) -> Iterator[Finding]:
    if not isinstance(actors, dict):
        return
    for actor_id, actor in actors.items():
        if isinstance(actor, dict) and isinstance(actor.get("country"), str):
            yield from _reference(
                ("actors", actor_id, "country"), actor["country"], countries, "country"
            )


def _event_problems(
    event: dict[str, Any],
    path: FieldPath,
    actors: set[str],
    countries: set[str],
    types: set[str],
    event_ids: set[str],
) -> Iterator[Finding]:
    if isinstance(event.get("type"), str) and event["type"] not in types:
        hint = (
            did_you_mean(event["type"], types) or "declare it under 'types:' or use a built-in type"
        )
        yield (*path, "type"), f"unknown type '{event['type']}'", hint
    yield from _list_references(event, path, "actors", actors, "actor")
    yield from _list_references(event, path, "countries", countries, "country")
    for index, quote in _items(event.get("quotes")):
        if isinstance(quote.get("actor"), str):
            yield from _reference(
                (*path, "quotes", index, "actor"), quote["actor"], actors, "actor"
            )
    for index, link in _items(event.get("related")):
        if isinstance(link.get("event"), str):
            yield from _reference(
                (*path, "related", index, "event"), link["event"], event_ids, "event"
            )


def _items(value: object) -> Iterator[tuple[int, dict[str, Any]]]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def _list_references(
    event: dict[str, Any], path: FieldPath, field: str, known: set[str], what: str
) -> Iterator[Finding]:
    values = event.get(field)
    if isinstance(values, list):
        for index, value in enumerate(values):
            if isinstance(value, str):
                yield from _reference((*path, field, index), value, known, what)


def _reference(path: FieldPath, value: str, known: set[str], what: str) -> Iterator[Finding]:
    if value in known:
        return
    section = {"actor": "actors", "country": "countries", "event": "events"}[what]
    yield (
        path,
        f"unknown {what} '{value}'",
        did_you_mean(value, known) or f"add it under '{section}:'",
    )


def _end_before_start(event: dict[str, Any], path: FieldPath, zone: tzinfo) -> Iterator[Finding]:
    start, end = event.get("date"), event.get("end")
    if not (isinstance(start, str) and isinstance(end, str)):
        return
    try:
        first, last = parse_date(start), parse_date(end)
    except DateError:
        return  # reported by the shape checks
    if ends_before(first, last, zone):
        yield (*path, "end"), f"end {end} is before date {start}", "swap them, or correct one"


def _date_or_none(value: object) -> FlexibleDate | None:
    """A date written as text, or None when it is missing or unreadable (reported apart)."""
    if not isinstance(value, str):
        return None
    try:
        return parse_date(value)
    except DateError:
        return None


def _side_problems(event: dict[str, Any], path: FieldPath, sides: set[str]) -> Iterator[Finding]:
    for index, account in _items(event.get("accounts")):
        side = account.get("side")
        if isinstance(side, str) and side not in sides:
            hint = did_you_mean(side, sides) or "use a country code or an actor id of this file"
            yield (*path, "accounts", index, "side"), f"unknown side '{side}'", hint


def history_problems(
    event: dict[str, Any], path: FieldPath, zone: tzinfo, as_of: FlexibleDate | None
) -> Iterator[Finding]:
    """History out of order, after `as_of`, or ending at another status than the event's."""
    entries = list(_items(event.get("history")))
    previous: tuple[datetime, str] | None = None
    for index, entry in entries:
        written = _date_or_none(entry.get("date"))
        if written is None:
            continue
        moment, where = written.local_start(zone), (*path, "history", index, "date")
        if previous is not None and moment < previous[0]:
            hint = "list the history oldest first"
            yield where, f"history date {written.text} is before {previous[1]}, above it", hint
        if as_of is not None and moment >= as_of.local_end(zone):
            hint = "a history records what happened by as_of; move as_of, or remove the entry"
            yield where, f"history date {written.text} is after as_of {as_of.text}", hint
        previous = (moment, written.text)
    yield from _last_status_problem(event, path, entries)


def _last_status_problem(
    event: dict[str, Any], path: FieldPath, entries: list[tuple[int, dict[str, Any]]]
) -> Iterator[Finding]:
    if not entries:
        return
    index, last = entries[-1]
    status = event.get("status", "happened")
    if isinstance(last.get("status"), str) and isinstance(status, str) and last["status"] != status:
        yield (
            (*path, "history", index, "status"),
            f"the last history status '{last['status']}' differs from the event's status "
            f"'{status}'",
            f"add the change to '{status}' with its date and source, or correct one of them",
        )
