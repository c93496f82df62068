"""What the dashboard shows, prepared without Streamlit: the table, option labels, the view in
words, and the `ExportView`; event details live in `timeline.data.details` (re-exported here).

Everything here is plain data, so the page only has to lay it out, and tests need no browser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, get_args
from urllib.parse import quote

import pandas as pd

from timeline.core.dates import format_date, iso_at_precision
from timeline.core.knowledge import event_as_known
from timeline.core.model import Event, Timeline
from timeline.data.dataset import Dataset
from timeline.data.details import (
    RELATION_LABELS,
    AccountLine,
    ActorLine,
    EventDetails,
    PointLines,
    QuoteLine,
    RelatedLine,
    SourceLine,
    StepLine,
    describe_event,
)
from timeline.data.filters import Filters

# Re-exported: the details were part of this module, and pages and exports import them from here.
__all__ = [
    "RELATION_LABELS",
    "SIZES",
    "AccountLine",
    "ActorLine",
    "EventDetails",
    "ExportView",
    "PointLines",
    "QuoteLine",
    "RelatedLine",
    "ReportSize",
    "SizeName",
    "SourceLine",
    "StepLine",
    "actor_option_labels",
    "as_of_text",
    "country_option_labels",
    "day_text",
    "describe_event",
    "describe_filters",
    "escape_markdown",
    "event_option_label",
    "markdown_link",
    "to_table",
]

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&\"'^%@])")


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
            "Date": frame["date_label"],
            "ISO date": [  # sorts in time order, and says no more than is known
                iso_at_precision(start, str(precision))
                for start, precision in zip(frame["start"], frame["precision"], strict=True)
            ],
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
            "Disputed": frame["disputed_points"].map(", ".join),
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
        "disputed points only" if filters.disputed else "",
    ]
    return " · ".join(part for part in parts if part) or "all events"


def day_text(day: date) -> str:
    """'29 May 2025'."""
    return f"{day.day} {day:%b %Y}"


def as_of_text(timeline: Timeline, filters: Filters) -> str | None:
    """'as known on 29 May 2025' for a view as known on a day, else 'as of 4 Mar 2026' (the
    file's `as_of`), or None when the file has none."""
    if filters.known is not None:
        return f"as known on {day_text(filters.known)}"
    return f"as of {format_date(timeline.as_of)}" if timeline.as_of else None


def _date_range_text(filters: Filters) -> str:
    first = day_text(filters.date_from) if filters.date_from else ""
    last = day_text(filters.date_to) if filters.date_to else ""
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
        """Each event of the view as a model with these columns of its row, in the view's order;
        in a view as known on a day, each as known then (status and history of that day). A row
        the model refuses is left out together with its columns, so they stay paired."""
        rows = list(zip(*(self.view[column] for column in columns), strict=True))
        rows = rows or [()] * len(self.view)
        paired = [
            (self._as_known(event), rows[index])
            for index, event in self.dataset.indexed_events(self.view["id"])
        ]
        return [(event, row) for event, row in paired if event is not None]

    def _as_known(self, event: Event) -> Event | None:
        known = self.filters.known
        return event if known is None else event_as_known(event, known, self.timeline.zone)
