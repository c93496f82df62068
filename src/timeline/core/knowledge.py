"""What was known when, and where sources disagree: an event's history and accounts read as data.

An event is known from its first history date, or, without history, from its date. On a given
day its status is that of the last history entry on or before that day. A point of an event is
disputed when two or more accounts share its `about`.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from timeline.core.model import Citation, Event, Source, Status, StatusChange


def disputed_points(event: Event) -> list[str]:
    """The `about` names with two or more accounts, in the order they first appear."""
    counts: dict[str, int] = {}
    for account in event.accounts:
        counts[account.about] = counts.get(account.about, 0) + 1
    return [about for about, count in counts.items() if count >= 2]


def known_from(event: Event, zone: tzinfo) -> datetime:
    """The first moment the event is known (naive wall-clock time in `zone`)."""
    first = event.history[0].date if event.history else event.date
    return first.local_start(zone)


def change_day(change: StatusChange, zone: tzinfo) -> date:
    """The day a history entry took effect (the first day of a month or year written alone)."""
    return change.date.local_start(zone).date()


def history_until(event: Event, day: date, zone: tzinfo) -> list[StatusChange]:
    """The history entries on or before `day`."""
    return [change for change in event.history if change_day(change, zone) <= day]


def status_on(event: Event, day: date, zone: tzinfo) -> Status:
    """The status as known at the end of `day` (the event's own status without history)."""
    known = history_until(event, day, zone)
    return known[-1].status if known else event.status


def is_known_on(event: Event, day: date, zone: tzinfo) -> bool:
    return known_from(event, zone).date() <= day


def event_as_known(event: Event, day: date, zone: tzinfo) -> Event | None:
    """The event as it stood at the end of `day`: None before it was known, else its status then
    and its history up to then (so the copy is a valid event of a file as of that day)."""
    if not is_known_on(event, day, zone):
        return None
    if not event.history:
        return event
    known = history_until(event, day, zone)
    return event.model_copy(update={"status": known[-1].status, "history": known})


def as_source(citation: Citation) -> Source:
    """A citation written as text (an address or a title) as a `Source`."""
    if isinstance(citation, Source):
        return citation
    if citation.startswith(("https://", "http://")):
        return Source(url=citation)
    return Source(title=citation)


def quote_wording(text: str, reported: bool, speaker: str | None) -> str:
    """A quote as a reader sees it: “the words” in quotation marks, or reported speech without
    them, as indirect speech ('Dmitry Peskov said the talks should be held in private')."""
    if not reported:
        return f"“{text}”"
    return f"{speaker} said {text}" if speaker else text
