"""What every importer shares: notes about what could not be carried over, HTML to plain text,
ids, dates from parts, and the assembly of a valid events document."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from pydantic import TypeAdapter, ValidationError

from timeline.core.checks import find_reference_problems
from timeline.core.dates import LAST_YEAR, DateError
from timeline.core.model import Event
from timeline.core.problems import ImportNote, problem_at
from timeline.core.text import HIDDEN_CHARACTERS, MAX_TEXT, TIMELINEJS_SOURCES_CLASS, clip

BUG_HINT = "this is a bug in timeline: please report it with the file"
_SPACES = re.compile(r"[ \t\r\f\v]+")


@dataclass
class ImportResult:
    """An events document (the YAML format's shape) and the notes made while building it."""

    document: dict[str, Any]
    notes: list[ImportNote] = field(default_factory=list)


class _TextAndLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self._in_sources = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "p", "div", "li", "blockquote", "cite"):
            self.parts.append("\n")
        if tag == "p" and TIMELINEJS_SOURCES_CLASS in (dict(attrs).get("class") or ""):
            self._in_sources = True
        href = dict(attrs).get("href") if tag == "a" else None
        if href and href.startswith(("http://", "https://")):
            self.links.append(href.strip())

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "div", "li", "blockquote"):
            self.parts.append("\n")
        if tag == "p":
            self._in_sources = False

    def handle_data(self, data: str) -> None:
        if not self._in_sources:
            self.parts.append(data)


def plain_text(html: object) -> tuple[str, list[str]]:
    """HTML (or plain text) as plain text, and the http(s) links it held."""
    if html is None:
        return "", []
    parser = _TextAndLinks()
    parser.feed(str(html))
    parser.close()
    text = HIDDEN_CHARACTERS.sub("", "".join(parser.parts))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line), parser.links


def slugify(text: str, fallback: str = "item", limit: int = 60) -> str:
    """'Ada Lovelace (1815)' -> 'ada-lovelace-1815': our id form."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")
    return slug or fallback


class IdMaker:
    """Unique slugs: a repeated one gets '-2', '-3'..."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, text: str, fallback: str) -> str:
        base = slugify(text, fallback)
        candidate, number = base, 1
        while candidate in self.used:
            number += 1
            candidate = f"{base}-{number}"
        self.used.add(candidate)
        return candidate


def stable_slug(text: str, limit: int = 50) -> str:
    """A slug that stays the same for the same text in every import, never empty, never shared:
    a short digest of the text follows the readable part."""
    digest = hashlib.sha1(text.encode()).hexdigest()[:6]
    return f"{slugify(text, 'x', limit)}-{digest}"


def date_from_parts(
    year: object,
    month: object = None,
    day: object = None,
    hour: object = None,
    minute: object = None,
    second: object = None,
) -> str | None:
    """ISO text at the precision the parts give, None when there is no year at all."""
    parts = [_number(value) for value in (year, month, day, hour, minute, second)]
    if parts[0] is None:
        return None
    year_number = parts[0]
    if not 1 <= year_number <= LAST_YEAR:
        raise DateError(f"year {year_number} cannot be expressed (years 1 to {LAST_YEAR} only)")
    text = f"{year_number:04d}"
    if parts[1] is None:
        return text
    text += f"-{parts[1]:02d}"
    if parts[2] is None:
        return text
    text += f"-{parts[2]:02d}"
    if parts[3] is None:
        return text
    text += f"T{parts[3]:02d}:{(parts[4] or 0):02d}"
    return text + (f":{parts[5]:02d}" if parts[5] is not None else "")


def _number(value: object) -> int | None:
    """Date parts come as numbers, strings ("05"), empty strings or nothing."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    if not text:
        return None
    try:
        return int(float(text)) if "." in text else int(text)
    except ValueError as error:
        raise DateError(f"'{text}' is not a number") from error


Located = tuple[str, dict[str, Any]]  # where it was in the source ("row 12"), the event


def build_document(
    title: str,
    events: list[Located],
    notes: list[ImportNote],
    source_name: str,
    *,
    description: str | None = None,
    countries: dict[str, Any] | None = None,
    actors: dict[str, Any] | None = None,
    types: dict[str, str] | None = None,
) -> ImportResult:
    """A valid events document: events that fail the model are left out with a note each."""
    header: dict[str, Any] = {"title": clip(title or source_name, 500)}
    if description:
        header["description"] = clip(description, MAX_TEXT)
    for key, value in (("countries", countries), ("actors", actors), ("types", types)):
        if value:
            header[key] = value
    document = {**header, "events": _valid_events(events, notes, source_name)}
    broken = list(find_reference_problems(document))
    if broken:  # a bug of ours, not a problem of the user's data: still a message, not a trace
        raise problem_at(source_name, f"the import is inconsistent: {broken[0]}", BUG_HINT)
    return ImportResult(document, notes)


def _valid_events(
    events: list[Located], notes: list[ImportNote], source_name: str
) -> list[dict[str, Any]]:
    """Validate all at once (fast); only if that fails, one by one to find and drop the bad."""
    plain = [event for _, event in events]
    try:
        TypeAdapter(list[Event]).validate_python(plain)
        return plain
    except ValidationError:
        pass
    kept = []
    for where, event in events:
        try:
            Event.model_validate(event)
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            field_name = ".".join(str(part) for part in first["loc"])
            notes.append(ImportNote(source_name, where, f"left out: {field_name}: {first['msg']}"))
            continue
        kept.append(event)
    return kept


def places(noun: str, numbers: list[int], shown: int = 8) -> str:
    """'item 3', 'items 1–62', 'rows 3, 5, 7–9 and 12 more': where a note applies."""
    runs: list[tuple[int, int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    parts = [f"{first}" if first == last else f"{first}–{last}" for first, last in runs]
    more = sum(last - first + 1 for first, last in runs[shown:])
    listed = ", ".join(parts[:shown]) + (f" and {more} more" if more else "")
    return f"{noun}{'s' if len(set(numbers)) > 1 else ''} {listed}"


def refuse_empty_import(result: ImportResult, name: str) -> None:
    """An import that kept no event is refused, with the reason: what left the events out."""
    if result.document["events"]:
        return
    left_out = [note for note in result.notes if note.message.endswith("left out")]
    if not left_out:
        raise problem_at(name, "nothing to import: the file holds no events")
    first = left_out[0]
    raise problem_at(
        name,
        f"nothing to import: all {len(left_out)} events were left out; the first, "
        f"{first.where}: {first.message.removesuffix(': left out')}",
        "the notes say why each was left out",
    )
