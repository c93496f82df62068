"""What the dashboard shows, prepared without Streamlit: event details, the table, option labels.

Everything here is plain data, so the page only has to lay it out, and tests need no browser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal, get_args
from urllib.parse import quote

import pandas as pd

from timeline.core.dates import format_date, format_span
from timeline.core.model import Event, Timeline
from timeline.data.dataset import Dataset
from timeline.data.filters import Filters

RELATION_LABELS = {
    "leads_to": "leads to",
    "responds_to": "responds to",
    "part_of": "part of",
    "reschedules": "reschedules",
}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&\"'^%@])")


@dataclass(frozen=True)
class ActorLine:
    name: str
    role: str | None
    country: str | None


@dataclass(frozen=True)
class QuoteLine:
    speaker: str | None
    text: str
    date: str | None
    source: str | None


@dataclass(frozen=True)
class SourceLine:
    label: str
    url: str | None


@dataclass(frozen=True)
class RelatedLine:
    relation: str
    event_id: str
    title: str
    date: str
    incoming: bool


@dataclass(frozen=True)
class EventDetails:
    id: str
    title: str
    date: str
    status: str
    type: str
    actors: list[ActorLine]
    countries: list[str]
    location: str | None
    summary: str | None
    quotes: list[QuoteLine]
    sources: list[SourceLine]
    related: list[RelatedLine]
    tags: list[str]


def describe_event(dataset: Dataset, event_id: str) -> EventDetails | None:
    """Everything the details panel shows for one event, or None for an unknown id."""
    event = dataset.event(event_id)
    if event is None:
        return None
    timeline = dataset.timeline
    zone = timeline.zone
    return EventDetails(
        id=event.id,
        title=event.title,
        date=format_span(event.date, event.end, event.approximate, zone),
        status=event.status,
        type=event.type.replace("_", " "),
        actors=[_actor_line(timeline, actor_id, event) for actor_id in event.actors],
        countries=[_country_name(timeline, code) for code in timeline.countries_of(event)],
        location=event.location,
        summary=event.summary,
        quotes=[
            QuoteLine(
                speaker=_actor_name(timeline, quote.actor) if quote.actor else None,
                text=quote.text,
                date=format_date(quote.date) if quote.date else None,
                source=quote.source,
            )
            for quote in event.quotes
        ],
        sources=[SourceLine(source.citation, source.url) for source in event.sources],
        related=_related_lines(dataset, event),
        tags=list(event.tags),
    )


def _actor_line(timeline: Timeline, actor_id: str, event: Event) -> ActorLine:
    actor = timeline.actors.get(actor_id)
    if actor is None:
        return ActorLine(actor_id, None, None)
    country = _country_name(timeline, actor.country) if actor.country else None
    return ActorLine(actor.name, actor.role_on(event.date.start.date()), country)


def _actor_name(timeline: Timeline, actor_id: str) -> str:
    actor = timeline.actors.get(actor_id)
    return actor.name if actor else actor_id


def _country_name(timeline: Timeline, code: str) -> str:
    country = timeline.countries.get(code)
    return country.name if country else code


def _related_lines(dataset: Dataset, event: Event) -> list[RelatedLine]:
    """Links this event makes, then links other events make to it ("led to by" ...)."""
    timeline = dataset.timeline
    lines = []
    for link in event.related:
        target = dataset.event(link.event)
        if target is not None:
            lines.append(_related_line(timeline, target, RELATION_LABELS[link.relation], False))
    for other in dataset.linking_to(event.id):
        for link in other.related:
            if link.event == event.id:
                label = f"{RELATION_LABELS[link.relation]} this"
                lines.append(_related_line(timeline, other, label, True))
    return lines


def _related_line(timeline: Timeline, other: Event, relation: str, incoming: bool) -> RelatedLine:
    date = format_span(other.date, other.end, other.approximate, timeline.zone)
    return RelatedLine(relation, other.id, other.title, date, incoming)


def event_option_label(row_title: str, row_date: str) -> str:
    """'19 May 2025 — Putin–Trump phone call' for the event chooser."""
    return f"{row_date} — {row_title}"


def actor_option_labels(timeline: Timeline) -> dict[str, str]:
    """Actor id -> 'Andrii Sybiha (Sibiga, Andriy Sybiha)', so typing any spelling finds them."""
    labels = {}
    for actor_id, actor in timeline.actors.items():
        aliases = f" ({', '.join(actor.aliases)})" if actor.aliases else ""
        labels[actor_id] = f"{actor.name}{aliases}"
    return _by_label(labels)


def country_option_labels(timeline: Timeline) -> dict[str, str]:
    """Country code -> 'Türkiye (TR, Turkey)'."""
    labels = {}
    for code, country in timeline.countries.items():
        aliases = f", {', '.join(country.aliases)}" if country.aliases else ""
        labels[code] = f"{country.name} ({code}{aliases})"
    return _by_label(labels)


def _by_label(labels: dict[str, str]) -> dict[str, str]:
    """Options in alphabetical order of what the user reads, whatever the case."""
    return dict(sorted(labels.items(), key=lambda item: item[1].casefold()))


def to_table(frame: pd.DataFrame, timeline: Timeline) -> pd.DataFrame:
    """The filtered events as the table view shows them: names, not ids; a link per source."""
    actor_names = {key: actor.name for key, actor in timeline.actors.items()}
    country_names = {code: country.name for code, country in timeline.countries.items()}
    return pd.DataFrame(
        {
            "Start": frame["start"],
            "Date": frame["date_label"],
            "Title": frame["title"],
            "Type": frame["type"].astype("str").str.replace("_", " "),
            "Status": frame["status"].astype("str"),
            "Countries": frame["countries"].map(
                lambda codes: ", ".join(country_names.get(c, c) for c in codes)
            ),
            "Actors": frame["actors"].map(
                lambda ids: ", ".join(actor_names.get(a, a) for a in ids)
            ),
            "Location": frame["location"],
            "Source": frame["source_urls"].map(lambda urls: urls[0] if len(urls) else None),
            "Sources": frame["source_count"],
        }
    ).reset_index(drop=True)


def describe_filters(filters: Filters, timeline: Timeline) -> str:
    """The view in words, for subtitles: 'Türkiye, Ukraine · call · happened · from 15 May 2025'."""
    countries = [
        timeline.countries[c].name if c in timeline.countries else c for c in filters.countries
    ]
    actors = [timeline.actors[a].name if a in timeline.actors else a for a in filters.actors]
    parts = [
        ", ".join(countries),
        ", ".join(actors),
        ", ".join(kind.replace("_", " ") for kind in filters.types),
        ", ".join(filters.statuses),
        _date_range_text(filters),
        f"matching “{filters.query}”" if filters.query else "",
        f"lanes by {filters.group}" if filters.group != "country" else "",
    ]
    return " · ".join(part for part in parts if part) or "all events"


def _date_range_text(filters: Filters) -> str:
    first = f"{filters.date_from.day} {filters.date_from:%b %Y}" if filters.date_from else ""
    last = f"{filters.date_to.day} {filters.date_to:%b %Y}" if filters.date_to else ""
    if first and last:
        return f"{first} – {last}"
    if first:
        return f"from {first}"
    return f"until {last}" if last else ""


def escape_markdown(text: str) -> str:
    """Text that Streamlit's Markdown shows exactly as written: no links, images, HTML or LaTeX."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def markdown_link(label: str, url: str) -> str:
    """A Markdown link to an http(s) URL (checked by the model) with an escaped label."""
    safe_url = quote(url, safe=":/?#[]@!$&'*+,;=%~-._")
    safe_url = safe_url.replace("(", "%28").replace(")", "%29")
    return f"[{escape_markdown(label)}]({safe_url})"


SizeName = Literal["slide", "a4", "column"]
SIZES: tuple[str, ...] = get_args(SizeName)
ReportSize = Literal["slide", "a4", "column", "briefing"]  # "briefing": the chart in a briefing


@dataclass(frozen=True)
class ExportView:
    """What an export shows: the data, the filtered rows, the filters, and how to title it."""

    dataset: Dataset
    view: pd.DataFrame
    filters: Filters
    data_name: str
    title: str | None = None
    size: ReportSize = "slide"

    @property
    def timeline(self) -> Timeline:
        return self.dataset.timeline

    @property
    def heading(self) -> str:
        return self.title or self.timeline.title

    @property
    def source_count(self) -> int:
        return len({url for urls in self.view["source_urls"] for url in urls})

    def events(self) -> list[Event]:
        """The view's events as models, in the view's (date) order."""
        return [event for event, _ in self.events_and_rows()]

    def events_and_rows(self, *columns: str) -> list[tuple[Event, tuple[Any, ...]]]:
        """Each event of the view as a model with these columns of its row, in the view's order.
        A row the model refuses is left out together with its columns, so they stay paired."""
        rows = list(zip(*(self.view[column] for column in columns), strict=True))
        rows = rows or [()] * len(self.view)
        return [
            (event, rows[index]) for index, event in self.dataset.indexed_events(self.view["id"])
        ]
