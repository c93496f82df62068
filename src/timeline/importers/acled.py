"""ACLED conflict-event exports (CSV): a row per event (or, in a monadic export, per actor of
an event: see `acled_rows`), often 100,000 rows and more.

- `event_date` is ISO, '16 May 2025', dd-mm-yyyy or a spreadsheet's '5-Aug-24' (see
  `acled_dates`); `time_precision` 1 keeps the day, 2 marks it approximate (within a week), 3
  keeps only the month.
- `actor1`, `actor2` and the associated actors become actors with stable ids (the same name
  gives the same id in every import); `country` becomes a country, its code from the numeric
  `iso` column (ISO 3166), else from the name, else made from the name.
- `event_type` becomes a declared type, `sub_event_type` and `disorder_type` tags, `notes` the
  summary. ACLED cites its sources by name, not address: each event's source is its ACLED id
  with the sources named as publisher.

The file is read by Arrow (see `acled_read`), and the rows are mapped column by column into
the dashboard's frame directly (no model per event: at 100,000 rows that alone would take
seconds). Texts that are nearly all distinct (titles, summaries, ids) are made in Arrow from
their parts, which repeat; `timeline import` writes the frame's rows as a document.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pycountry

from timeline.core.dates import LAST_YEAR
from timeline.core.problems import ImportNote
from timeline.core.text import MAX_TEXT, clip
from timeline.importers.acled_dates import parse_event_dates, undated_reason
from timeline.importers.acled_read import arrow_text, read_text_columns, text_array
from timeline.importers.acled_rows import (
    Coded,
    EventActors,
    distinct_rows,
    event_actors,
    merge_event_rows,
    per_distinct,
)
from timeline.importers.common import slugify, stable_slug

REQUIRED = ("event_id_cnty", "event_date", "event_type")
TEXT_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "iso",
    "country",
    "admin1",
    "location",
    "source",
    "notes",
    "fatalities",
    "tags",
)
# Of those, the columns with a value per event, only handed on to Arrow: read as Arrow text.
ARROW_COLUMNS = ("event_id_cnty", "notes")
# The columns read once the rows are in the frame's order.
MAPPED_COLUMNS = (
    *("day", "month_only", "approximate", "event_id_cnty", "event_type", "sub_event_type"),
    *("disorder_type", "tags", "location", "admin1", "country", "notes", "fatalities", "source"),
)
TITLE_LENGTH = 150
_NOT_IN_IDS = re.compile("[^a-z0-9]+")


class AcledImport:
    """The rows as events: header parts (actors, countries, types), columns, records, notes."""

    def __init__(self, text: str, name: str) -> None:
        self.name = name
        self.notes: list[ImportNote] = []
        self.actors: dict[str, dict[str, Any]] = {}
        self.countries: dict[str, dict[str, Any]] = {}
        self.types: dict[str, str] = {}
        self.mapped: dict[str, Any] = {}  # per-event values in the frame's order (see _map)
        self.ids_in_file_order: list[str] = []
        # The rows are not kept: at a million rows they are hundreds of megabytes that the
        # frame, made next, no longer needs.
        self._map(self._read(text))

    @property
    def title(self) -> str:
        return f"ACLED events, {Path(self.name).name}"

    def header(self) -> dict[str, Any]:
        header: dict[str, Any] = {"title": self.title}
        for key, value in (
            ("countries", self.countries),
            ("actors", self.actors),
            ("types", self.types),
        ):
            if value:
                header[key] = value
        return header

    def _note(self, where: str, message: str) -> None:
        self.notes.append(ImportNote(self.name, where, message))

    def _read(self, text: str) -> pd.DataFrame:
        rows = read_text_columns(text, TEXT_COLUMNS, ARROW_COLUMNS)
        missing = [column for column in REQUIRED if column not in rows.columns]
        if missing:
            self._note("header", f"missing ACLED columns: {', '.join(missing)}")
            return pd.DataFrame(
                {column: pd.Series(dtype=object) for column in (*TEXT_COLUMNS, "row")}
            )
        for column in TEXT_COLUMNS:
            if column not in rows.columns:
                rows[column] = ""
        rows["row"] = range(2, len(rows) + 2)  # row 1 is the header
        return rows

    def _map(self, read: pd.DataFrame) -> None:
        # Plain lists, not new DataFrame columns: pandas would turn each into an Arrow column
        # (which is slow to walk); the titles are only joined and handed on: made in Arrow.
        dated = self._dated(read)
        ids = _ids(dated["event_id_cnty"])
        merged = merge_event_rows(dated, ids)
        for where, message in merged.notes:
            self._note(where, message)
        rows = merged.rows
        actors = event_actors(rows, merged.merged_actors)
        # In order of first appearance, as row by row: the first name takes a code.
        kinds = {name: self._kind(name) for name in rows["event_type"].unique()}
        actor_ids, actor_names = self._actor_lists(actors)
        countries = per_distinct(self._country, rows["country"], rows["iso"])
        self.ids_in_file_order = ids[rows.index].tolist()
        # The rest is made in the frame's order: sorting the finished columns took seconds at
        # a million rows (moving hundreds of megabytes of text at random).
        order = _frame_order(rows["day"], rows["month_only"], self.ids_in_file_order)
        # Only the columns still read are put in order (text moved at random is slow).
        rows = rows[list(MAPPED_COLUMNS)].iloc[order]
        actors = EventActors(actors.numbers[order], actors.sets)
        self.mapped = {
            "id": ids[rows.index].tolist(),
            "acled_id": arrow_text(rows["event_id_cnty"]),
            "day": rows["day"],
            "month_only": rows["month_only"].tolist(),
            "approximate": rows["approximate"].tolist(),
            "type": rows["event_type"].map(kinds).tolist(),
            "country_code": countries.taken(order),
            "actor_ids": actor_ids.taken(order),
            "actor_names": actor_names.taken(order),
            "title": _titles(rows, actors),
            "summary": _summaries(rows["notes"], rows["fatalities"]),
            "tags": per_distinct(
                _tags, *(rows[c] for c in ("disorder_type", "sub_event_type", "tags"))
            ),
            "place": per_distinct(_place, *(rows[c] for c in ("location", "admin1", "country"))),
            "source": rows["source"].tolist(),
        }

    def _dated(self, rows: pd.DataFrame) -> pd.DataFrame:
        day = parse_event_dates(rows["event_date"], rows["year"])
        years = day.dt.year
        no_id = (rows["event_id_cnty"] == "").to_numpy(dtype=bool)
        bad = day.isna() | no_id | (years < 1) | (years > LAST_YEAR)
        for row, event_id, written, year in rows.loc[
            bad, ["row", "event_id_cnty", "event_date", "year"]
        ].itertuples(index=False):
            reason = "no event_id_cnty" if not event_id else undated_reason(written, year)
            self._note(f"row {row} ({event_id or 'no id'})", f"{reason}: left out")
        if bad.any():  # else no copy: every column of a million rows took a second
            rows, day = rows.loc[~bad], day[~bad]
        precision = rows["time_precision"]
        return rows.assign(day=day, month_only=precision == "3", approximate=precision == "2")

    def _kind(self, event_type: str) -> str:
        kind = slugify(event_type or "event", "event").replace("-", "_")
        self.types[kind] = f"ACLED event type '{event_type}'"
        return kind

    def _country(self, country_name: str, iso_number: str) -> str | None:
        if not country_name:
            return None
        for code, country in self.countries.items():
            if country["name"] == country_name:
                return code
        code = _country_code(country_name, iso_number, set(self.countries))
        self.countries[code] = {"name": country_name}
        return code

    def _actor_lists(self, actors: EventActors) -> tuple[Coded[list[str]], Coded[list[str]]]:
        """Each event's actor ids and their names; ids are made in order of first appearance."""
        ids: dict[str, str] = {}

        def actor(name: str) -> str:
            if name not in ids:
                ids[name] = stable_slug(name)
                self.actors[ids[name]] = {"name": clip(name, 500)}
            return ids[name]

        id_sets = [
            list(dict.fromkeys(actor(name) for name in event.names)) for event in actors.sets
        ]
        name_sets = [[self.actors[actor_id]["name"] for actor_id in set_ids] for set_ids in id_sets]
        return Coded(actors.numbers, id_sets), Coded(actors.numbers, name_sets)


def _frame_order(day: pd.Series, month_only: pd.Series, ids: list[str]) -> np.ndarray:
    """The rows' positions in the frame's order: by start (a month's first day for a date
    known to the month), then by id."""
    start = day.where(~month_only, day.dt.to_period("M").dt.start_time).astype("datetime64[us]")
    keys = pa.table({"start": pa.array(start.to_numpy()), "id": text_array(ids)})
    order = pc.sort_indices(keys, sort_keys=[("start", "ascending"), ("id", "ascending")])
    positions: np.ndarray = order.to_numpy()
    return positions


def _ids(event_ids: pd.Series) -> pd.Series:
    """'UKR12345' -> 'ukr12345': lower case, any run of other characters a hyphen. Most ids are
    ASCII letters and digits, lowered in Arrow; the others one by one (see `_id`)."""
    written = arrow_text(event_ids)
    plain = pc.match_substring_regex(written, "^[A-Za-z0-9]+$").to_numpy(zero_copy_only=False)
    ids = np.array(pc.utf8_slice_codeunits(pc.ascii_lower(written), 0, 120).to_pylist(), object)
    for row in np.flatnonzero(~plain):
        ids[row] = _id(str(event_ids.iat[int(row)]))
    return pd.Series(ids, index=event_ids.index, dtype=object)


def _id(event_id: str) -> str:
    if event_id.isascii() and event_id.isalnum():  # most ids: nothing to replace or strip
        return event_id.lower()[:120]
    slug = _NOT_IN_IDS.sub("-", event_id.lower()).strip("-")
    return slug[:120].strip("-") or "acled-event"  # the id format's limit


def _titles(rows: pd.DataFrame, actors: EventActors) -> pa.Array:
    """'Air/drone strike in Kyiv: Military Forces of Russia – Civilians (Ukraine)', made in
    Arrow from each distinct head (what and where) and each distinct pair of actors: at
    100,000 rows, nearly every title is distinct, and making them one by one took 0.3 s."""
    columns = [rows[c] for c in ("sub_event_type", "event_type", "location", "admin1", "country")]
    numbers, first = distinct_rows(*columns)
    heads = [_head(*values) for values in zip(*(c.iloc[first] for c in columns), strict=True)]
    whos = [" – ".join(list(dict.fromkeys(event.principal))[:2]) for event in actors.sets]
    head = text_array(heads).take(pa.array(numbers))
    who = text_array(whos).take(pa.array(actors.numbers))
    colon = pa.scalar(": ", pa.large_string())
    titled = pc.if_else(pc.equal(who, ""), head, pc.binary_join_element_wise(head, who, colon))
    too_long = pc.greater(pc.utf8_length(titled), TITLE_LENGTH)
    if not pc.any(too_long).as_py():
        return titled
    clipped = [clip(title, TITLE_LENGTH) for title in titled.filter(too_long).to_pylist()]
    return pc.replace_with_mask(titled, too_long, text_array(clipped))


def _head(what: str, kind: str, place: str, admin: str, country: str) -> str:
    where = place or admin or country
    return f"{what or kind or 'Event'} in {where}" if where else (what or kind or "Event")


def _summaries(notes: pd.Series, fatalities: pd.Series) -> pa.Array:
    """The notes, then 'Fatalities reported: 3.' if there were any; none for neither. Made in
    Arrow: ACLED writes notes for each event, so there is a distinct summary per row."""
    codes, counts = pd.factorize(fatalities.to_numpy())
    said = text_array([_fatalities_note(count) for count in counts]).take(pa.array(codes))
    written = arrow_text(notes)
    space = pa.scalar(" ", pa.large_string())
    both = pc.binary_join_element_wise(written, said, space)
    text = pc.if_else(pc.equal(said, ""), written, pc.if_else(pc.equal(written, ""), said, both))
    too_long = pc.greater(pc.utf8_length(text), MAX_TEXT)
    if pc.any(too_long).as_py():
        clipped = [clip(summary) for summary in text.filter(too_long).to_pylist()]
        text = pc.replace_with_mask(text, too_long, text_array(clipped))
    return pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.large_string()), text)


def _fatalities_note(count: str) -> str:
    if count.isascii() and count.isdigit() and int(count) > 0:
        return f"Fatalities reported: {count}."
    return ""


def _tags(disorder: str, sub_type: str, tags: str) -> list[str]:
    parts = [disorder, sub_type, *tags.split(";")]
    kept = (clip(part.strip(), 200) for part in parts if part and part.strip())
    return list(dict.fromkeys(kept))


def _place(location: str, admin: str, country: str) -> str | None:
    return clip(", ".join(part for part in (location, admin, country) if part)) or None


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
