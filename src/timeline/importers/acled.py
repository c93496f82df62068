"""ACLED conflict-event exports (CSV): one row per event.

- `event_date` is ISO, '16 May 2025' or dd-mm-yyyy; `time_precision` 1 keeps the day, 2 marks
  it approximate (within a week), 3 keeps only the month.
- `actor1`, `actor2` and the associated actors become actors with stable ids (the same name
  gives the same id in every import); `country` becomes a country, its code from the numeric
  `iso` column (ISO 3166), else from the name, else made from the name.
- `event_type` becomes a declared type, `sub_event_type` and `disorder_type` tags, `notes` the
  summary. ACLED cites its sources by name, not address: each event's source is its ACLED id
  with the sources named as publisher.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pycountry

from timeline.dates import DateError, parse_date
from timeline.importers.common import (
    ImportNote,
    ImportResult,
    Located,
    build_document,
    plain_text,
    slugify,
    stable_slug,
)

REQUIRED = ("event_id_cnty", "event_date", "event_type")
_DAY_FIRST = re.compile(r"(\d{1,2})[-/](\d{1,2})[-/](\d{4})")
TITLE_LENGTH = 150


def import_acled_csv(text: str, name: str) -> ImportResult:
    reader = csv.DictReader(io.StringIO(text))
    header = [column.strip() for column in reader.fieldnames or []]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        note = ImportNote(name, "header", f"missing ACLED columns: {', '.join(missing)}")
        return build_document(name, [], [note], name)
    catalogue = _Catalogue()
    notes: list[ImportNote] = []
    events: list[Located] = []
    seen: set[str] = set()
    for number, row in enumerate(reader, start=2):
        where = f"row {number}"
        event = _event(row, where, name, catalogue, notes)
        if event is None:
            continue
        if event["id"] in seen:
            notes.append(
                ImportNote(
                    name,
                    where,
                    f"event {row.get('event_id_cnty')} repeats an earlier row: left out",
                )
            )
            continue
        seen.add(event["id"])
        events.append((where, event))
    return build_document(
        "ACLED events" if not events else f"ACLED events, {name}",
        events,
        notes,
        name,
        countries=catalogue.countries,
        actors=catalogue.actors,
        types=catalogue.types,
    )


class _Catalogue:
    """Actors, countries and types met so far, with their stable ids."""

    def __init__(self) -> None:
        self.actors: dict[str, dict[str, Any]] = {}
        self.countries: dict[str, dict[str, Any]] = {}
        self.types: dict[str, str] = {}
        self._actor_ids: dict[str, str] = {}
        self._country_codes: dict[tuple[str, str], str] = {}

    def actor(self, actor_name: str) -> str:
        if actor_name not in self._actor_ids:
            actor_id = stable_slug(actor_name)
            self._actor_ids[actor_name] = actor_id
            self.actors[actor_id] = {"name": actor_name}
        return self._actor_ids[actor_name]

    def country(self, country_name: str, iso_number: str) -> str:
        key = (country_name, iso_number)
        if key not in self._country_codes:
            code = _country_code(country_name, iso_number, set(self.countries))
            self._country_codes[key] = code
            self.countries[code] = {"name": country_name}
        return self._country_codes[key]

    def kind(self, event_type: str) -> str:
        kind = slugify(event_type, "event").replace("-", "_")
        self.types[kind] = f"ACLED event type '{event_type}'"
        return kind


def _country_code(country_name: str, iso_number: str, taken: set[str]) -> str:
    """ISO alpha-2 from the numeric code or the exact name; else letters of the name."""
    record = None
    if iso_number.strip().isdigit() and int(iso_number) > 0:
        record = pycountry.countries.get(numeric=f"{int(iso_number):03d}")
    if record is None:
        try:
            record = pycountry.countries.lookup(country_name)
        except LookupError:
            record = None
    code = record.alpha_2 if record is not None else re.sub(r"[^A-Z]", "", country_name.upper())[:8]
    code = code if len(code) >= 2 else "XX"
    candidate, number = code, 1
    while candidate in taken:  # two names, one code: keep them apart
        number += 1
        candidate = f"{code[:6]}{number}"
    return candidate


def _event(
    row: dict[str, str | None],
    where: str,
    name: str,
    catalogue: _Catalogue,
    notes: list[ImportNote],
) -> dict[str, Any] | None:
    value = {str(key).strip(): (text or "").strip() for key, text in row.items() if key}
    event_id = value.get("event_id_cnty", "")
    label = f"{where} ({event_id or 'no id'})"
    date = _date(value.get("event_date", ""), value.get("time_precision", ""))
    if not event_id or date is None:
        reason = (
            "no event_id_cnty"
            if not event_id
            else f"event_date '{value.get('event_date')}' is not a date"
        )
        notes.append(ImportNote(name, label, f"{reason}: left out"))
        return None
    actors = _actors(value, catalogue)
    country = value.get("country", "")
    event: dict[str, Any] = {
        "id": slugify(event_id, "acled-event"),
        "date": date[0],
        "title": _title(value),
        "type": catalogue.kind(value.get("event_type") or "event"),
        "actors": actors,
        "sources": [_source(event_id, value.get("source", ""))],
    }
    if date[1]:
        event["approximate"] = True
    if country:
        event["countries"] = [catalogue.country(country, value.get("iso", ""))]
    _add_text(event, value)
    return event


def _date(written: str, precision: str) -> tuple[str, bool] | None:
    """(ISO text, approximate) from ACLED's date and time_precision (1 day, 2 week, 3 month)."""
    text = written.strip()
    match = _DAY_FIRST.fullmatch(text)
    if match:  # ACLED's dd-mm-yyyy: the codebook fixes the order, so it is not ambiguous here
        text = f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}"
    try:
        parsed = parse_date(text)
    except DateError:
        return None
    if precision.strip() == "3" and parsed.precision == "day":
        return parsed.start.strftime("%Y-%m"), False
    return parsed.start.strftime(
        "%Y-%m-%d"
    ) if parsed.precision == "day" else parsed.text, precision.strip() == "2"


def _actors(value: dict[str, str], catalogue: _Catalogue) -> list[str]:
    names = [value.get("actor1", ""), value.get("actor2", "")]
    for column in ("assoc_actor_1", "assoc_actor_2"):
        names.extend(part.strip() for part in value.get(column, "").split(";"))
    return list(dict.fromkeys(catalogue.actor(actor) for actor in names if actor))


def _title(value: dict[str, str]) -> str:
    what = value.get("sub_event_type") or value.get("event_type") or "Event"
    where = value.get("location") or value.get("admin1") or value.get("country")
    who = " – ".join(actor for actor in (value.get("actor1"), value.get("actor2")) if actor)
    title = f"{what} in {where}" if where else what
    title = f"{title}: {who}" if who else title
    return title if len(title) <= TITLE_LENGTH else title[: TITLE_LENGTH - 1].rstrip() + "…"


def _source(event_id: str, named: str) -> dict[str, str]:
    source = {"title": f"ACLED event {event_id}"}
    if named:
        source["publisher"] = named[:500]
    return source


def _add_text(event: dict[str, Any], value: dict[str, str]) -> None:
    place = ", ".join(
        part for part in (value.get("location"), value.get("admin1"), value.get("country")) if part
    )
    if place:
        event["location"] = place
    notes, _ = plain_text(value.get("notes"))
    fatalities = value.get("fatalities", "")
    if fatalities.isdigit() and int(fatalities) > 0:
        notes = f"{notes} Fatalities reported: {fatalities}.".strip()
    if notes:
        event["summary"] = notes
    tags = [
        value.get("disorder_type"),
        value.get("sub_event_type"),
        *value.get("tags", "").split(";"),
    ]
    kept = [tag.strip() for tag in tags if tag and tag.strip()]
    if kept:
        event["tags"] = list(dict.fromkeys(kept))
