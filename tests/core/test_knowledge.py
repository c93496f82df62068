"""Quotes, accounts and histories as loaded, and an event as known on a day."""

from __future__ import annotations

from datetime import date

from tests.conftest import TEST_DATA, WriteEvents
from timeline.core.knowledge import as_source, disputed_points, event_as_known, status_on
from timeline.core.load import load_timeline
from timeline.core.model import Event, Source

TRUTH = load_timeline(TEST_DATA / "truth.yaml")
ZONE = TRUTH.zone


def event(event_id: str) -> Event:
    return next(item for item in TRUTH.events if item.id == event_id)


def test_quotes_say_whether_they_are_the_speakers_words() -> None:
    direct = event("istanbul-round-2").quotes[0]
    reported = event("lavrov-proposes-second-round").quotes[0]
    assert (direct.reported, reported.reported) == (False, True)
    assert reported.source == "Interfax, 28 May 2025"  # a title, not an address


def test_accounts_keep_their_source_as_written() -> None:
    first, second, _ = event("istanbul-round-1").accounts
    assert first.source == "https://example.org/moscow-times"
    assert isinstance(second.source, Source) and second.source.publisher == "Pravda.ru"
    assert second.side == "UA"
    assert as_source(first.source) == Source(url="https://example.org/moscow-times")
    assert as_source("Interfax, 28 May 2025") == Source(title="Interfax, 28 May 2025")


def test_a_point_is_disputed_by_two_accounts() -> None:
    assert disputed_points(event("istanbul-round-1")) == ["duration"]
    assert disputed_points(event("lavrov-proposes-second-round")) == []


def test_status_on_a_day_follows_the_history() -> None:
    round_2 = event("istanbul-round-2")
    assert status_on(round_2, date(2025, 5, 30), ZONE) == "proposed"
    assert status_on(round_2, date(2025, 5, 31), ZONE) == "scheduled"
    assert status_on(round_2, date(2025, 6, 9), ZONE) == "happened"


def test_event_as_known_cuts_its_history_to_that_day() -> None:
    round_2 = event("istanbul-round-2")
    assert event_as_known(round_2, date(2025, 5, 27), ZONE) is None
    then = event_as_known(round_2, date(2025, 5, 31), ZONE)
    assert then is not None
    assert then.status == "scheduled"
    assert [change.status for change in then.history] == ["proposed", "scheduled"]
    assert event_as_known(event("istanbul-round-1"), date(2025, 5, 16), ZONE) is not None
    assert event_as_known(event("istanbul-round-1"), date(2025, 5, 15), ZONE) is None


def test_a_history_entry_with_a_clock_time_counts_on_its_local_day(
    write_events: WriteEvents,
) -> None:
    # 22:30 UTC on 30 May is 01:30 on 31 May in Istanbul, the file's zone.
    path = write_events(
        """\
        - id: a
          date: 2025-06-02
          title: Round
          type: negotiation_round
          sources: [{url: "https://example.org"}]
          history:
            - {date: 2025-05-28, status: proposed, source: "https://example.org/1"}
            - {date: "2025-05-30T22:30Z", status: scheduled, source: "https://example.org/2"}
            - {date: 2025-06-02, status: happened, source: "https://example.org/3"}
        """
    )
    timeline = load_timeline(path)
    only = timeline.events[0]
    assert status_on(only, date(2025, 5, 30), timeline.zone) == "proposed"
    assert status_on(only, date(2025, 5, 31), timeline.zone) == "scheduled"
