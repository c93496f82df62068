"""Date rules: precision kept, ambiguity refused, no shifting of date-only values."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from timeline.core.dates import DateError, format_date, format_span, parse_date


@pytest.mark.parametrize(
    ("written", "precision", "start", "shown"),
    [
        ("2025", "year", datetime(2025, 1, 1), "2025"),
        ("2025-08", "month", datetime(2025, 8, 1), "Aug 2025"),
        ("2025-05-19", "day", datetime(2025, 5, 19), "19 May 2025"),
        ("19 May 2025", "day", datetime(2025, 5, 19), "19 May 2025"),
        ("May 19, 2025", "day", datetime(2025, 5, 19), "19 May 2025"),
        ("August 2025", "month", datetime(2025, 8, 1), "Aug 2025"),
        ("2025-06-02T13:00", "minute", datetime(2025, 6, 2, 13), "2 Jun 2025, 13:00"),
        ("2025-06-02 13:00:05", "second", datetime(2025, 6, 2, 13, 0, 5), "2 Jun 2025, 13:00:05"),
    ],
)
def test_dates_keep_their_precision(
    written: str, precision: str, start: datetime, shown: str
) -> None:
    value = parse_date(written)
    assert (value.precision, value.start, value.text) == (precision, start, written)
    assert format_date(value) == shown


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("02/06/2025", "ambiguous date '02/06/2025'"),
        ("2025-02-30", "'2025-02-30' is not a real day (February 2025 has 28 days)"),
        ("2024-02-30", "'2024-02-30' is not a real day (February 2024 has 29 days)"),
        ("2025-13", "'2025-13' has no month 13"),
        ("19 May", "'19 May' has no year"),
        ("next week", "'next week' is not a date"),
        ("", "empty date"),
    ],
)
def test_bad_dates_are_refused_with_a_reason(written: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(written)
    assert caught.value.message == message
    assert caught.value.hint is not None or "real day" in message


def test_offset_date_time_is_shown_in_the_file_zone() -> None:
    value = parse_date("2025-06-02T10:00Z")
    assert value.utc_offset == timedelta(0)
    assert value.local_start(ZoneInfo("Europe/Istanbul")) == datetime(2025, 6, 2, 13, 0)


def test_date_only_never_shifts_day_in_any_zone() -> None:
    value = parse_date("2025-05-19")
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"):
        assert value.local_start(ZoneInfo(zone)) == datetime(2025, 5, 19)


@pytest.mark.parametrize(
    ("first", "last", "approximate", "label"),
    [
        ("2025-05-26", "2025-05-27", False, "26–27 May 2025"),
        ("2025-05-29", "2025-06-01", False, "29 May – 1 Jun 2025"),
        ("2025-05-25", None, True, "c. 25 May 2025"),
        ("2025-08", None, False, "Aug 2025"),
        ("2025-12-30", "2026-01-02", False, "30 Dec 2025 – 2 Jan 2026"),
    ],
)
def test_span_labels(first: str, last: str | None, approximate: bool, label: str) -> None:
    end = parse_date(last) if last else None
    assert format_span(parse_date(first), end, approximate) == label


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("0000", "'0000' is in year 0"),
        ("9999", "'9999' is outside the years this tool can draw"),
        (
            "0001-01-01T00:30+01:00",
            "'0001-01-01T00:30+01:00' is outside the years this tool can draw",
        ),
        ("19 May 2025 10:00 EST", "'19 May 2025 10:00 EST' names a time zone by abbreviation"),
        ("19 May 2025 10:00 +99:00", "'19 May 2025 10:00 +99:00' has an impossible UTC offset"),
    ],
)
def test_dates_that_could_not_be_drawn_are_refused(written: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(written)
    assert caught.value.message == message


def test_a_time_written_with_its_offset_is_shown_where_it_happened() -> None:
    # Posted on the evening of 8 August in Washington: already 9 August in Istanbul, but the
    # event is dated where it happened, and its clock time names its offset.
    value = parse_date("2025-08-08T18:03-04:00")
    assert format_date(value) == "8 Aug 2025, 18:03 UTC−4"
    assert format_date(parse_date("2025-06-02T10:00Z")) == "2 Jun 2025, 10:00 UTC"
    assert format_date(parse_date("2025-06-02T13:00+05:30")) == "2 Jun 2025, 13:00 UTC+5:30"
    assert value.local_start(ZoneInfo("Europe/Istanbul")) == datetime(
        2025, 8, 9, 1, 3
    )  # for calendars
