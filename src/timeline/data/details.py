"""An event's details as plain data: what the details panel and the briefing show for it.

Quotes say whether they are the speaker's words; accounts are grouped by the point they are
about; the history is a chain of steps, each with its source. With a `known` day, the event is
described as it stood then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from timeline.core.dates import format_date, format_span
from timeline.core.knowledge import as_source, event_as_known, quote_wording
from timeline.core.model import Account, Citation, Event, Quote, StatusChange, Timeline
from timeline.data.dataset import Dataset

RELATION_LABELS = {
    "leads_to": "leads to",
    "responds_to": "responds to",
    "part_of": "part of",
    "reschedules": "reschedules",
}


@dataclass(frozen=True)
class ActorLine:
    name: str
    role: str | None
    country: str | None


@dataclass(frozen=True)
class SourceLine:
    label: str
    url: str | None

    @property
    def short_label(self) -> str:
        """The label, or the site's name ('unn.ua') for a source cited by its address alone."""
        if self.url and self.label == self.url:
            host = urlsplit(self.url).hostname or self.url
            return host.removeprefix("www.")
        return self.label


@dataclass(frozen=True)
class QuoteLine:
    speaker: str | None
    text: str
    date: str | None
    source: SourceLine | None
    reported: bool = False  # reported speech or a paraphrase: shown without quotation marks

    @property
    def wording(self) -> str:
        """“The words.” for a direct quote; 'Dmitry Peskov said the talks...' when reported."""
        return quote_wording(self.text, self.reported, self.speaker)


@dataclass(frozen=True)
class AccountLine:
    says: str
    source: SourceLine
    side: str | None  # the country's or actor's name whose version this is


@dataclass(frozen=True)
class PointLines:
    """The accounts of one point of an event; disputed when there are two or more."""

    about: str
    accounts: list[AccountLine]

    @property
    def disputed(self) -> bool:
        return len(self.accounts) >= 2


@dataclass(frozen=True)
class StepLine:
    """One step of an event's history: 'proposed 28 May 2025', with its source."""

    status: str
    date: str
    source: SourceLine


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
    points: list[PointLines]
    history: list[StepLine]

    @property
    def disputed_points(self) -> list[str]:
        return [point.about for point in self.points if point.disputed]


def describe_event(
    dataset: Dataset, event_id: str, known: date | None = None
) -> EventDetails | None:
    """Everything the details panel shows for one event, or None for an unknown id; with
    `known`, the event as known at the end of that day (None if it was not known yet)."""
    event = dataset.event(event_id)
    timeline = dataset.timeline
    zone = timeline.zone
    if event is not None and known is not None:
        event = event_as_known(event, known, zone)
    if event is None:
        return None
    return EventDetails(
        id=event.id,
        title=event.title,
        date=format_span(event.date, event.end, event.approximate),
        status=event.status,
        type=event.type.replace("_", " "),
        actors=[_actor_line(timeline, actor_id, event) for actor_id in event.actors],
        countries=[_country_name(timeline, code) for code in timeline.countries_of(event)],
        location=event.location,
        summary=event.summary,
        quotes=[_quote_line(timeline, quote) for quote in event.quotes],
        sources=[SourceLine(source.citation, source.url) for source in event.sources],
        related=_related_lines(dataset, event),
        tags=list(event.tags),
        points=_point_lines(timeline, event.accounts),
        history=[_step_line(timeline, change) for change in event.history],
    )


def _source_line(citation: Citation) -> SourceLine:
    source = as_source(citation)
    return SourceLine(source.citation, source.url)


def _quote_line(timeline: Timeline, quote: Quote) -> QuoteLine:
    return QuoteLine(
        speaker=_actor_name(timeline, quote.actor) if quote.actor else None,
        text=quote.text,
        date=format_date(quote.date) if quote.date else None,
        source=_source_line(quote.source) if quote.source else None,
        reported=quote.reported,
    )


def _point_lines(timeline: Timeline, accounts: list[Account]) -> list[PointLines]:
    """Accounts grouped by point, points in the order they first appear."""
    grouped: dict[str, list[AccountLine]] = {}
    for account in accounts:
        side = timeline.name_of(account.side) if account.side else None
        line = AccountLine(account.says, _source_line(account.source), side)
        grouped.setdefault(account.about, []).append(line)
    return [PointLines(about, lines) for about, lines in grouped.items()]


def _step_line(timeline: Timeline, change: StatusChange) -> StepLine:
    day = format_date(change.date)
    return StepLine(change.status, day, _source_line(change.source))


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
    date = format_span(other.date, other.end, other.approximate)
    return RelatedLine(relation, other.id, other.title, date, incoming)
