"""Dates as curators write them: ISO days, months and years, date-times, and unambiguous prose.

A `FlexibleDate` keeps what was written and how precise it is, so a month stays "Aug 2025" and
never turns into a false "1 Aug 2025". Date-only values carry no time zone and never shift day.
"""

from __future__ import annotations

import calendar
import re
import warnings
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser

from timeline.core.problems import did_you_mean

Precision = Literal["year", "month", "day", "minute", "second"]
PRECISIONS: tuple[Precision, ...] = ("year", "month", "day", "minute", "second")

_YEAR = re.compile(r"\d{4}")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DATETIME = re.compile(
    r"(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(:\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?"
)
# Only digits and separators: "02/06/2025" could be 2 June or 6 February.
_NUMERIC_ONLY = re.compile(r"[\d\s/.,\-]+")

LAST_YEAR = 9998

# How far an approximate date may stray, by precision: the span drawn for "about 25 May".
APPROXIMATE_MARGIN: dict[Precision, timedelta] = {
    "year": timedelta(days=183),
    "month": timedelta(days=15),
    "day": timedelta(days=3),
    "minute": timedelta(hours=1),
    "second": timedelta(hours=1),
}


class DateError(ValueError):
    """A date that cannot be read; `hint` says how to write it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class FlexibleDate:
    """A point in time at the precision it was written with.

    `start` is the first moment it may denote, as a naive wall-clock time. `utc_offset` is set
    only for date-times written with an offset; other date-times are in the file's time zone.
    """

    text: str
    precision: Precision
    start: datetime
    utc_offset: timedelta | None = None

    @property
    def has_time(self) -> bool:
        return self.precision in ("minute", "second")

    def local_start(self, zone: tzinfo) -> datetime:
        """The start as naive wall-clock time in `zone`; date-only values never move."""
        if self.utc_offset is None:
            return self.start
        aware = self.start.replace(tzinfo=timezone(self.utc_offset))
        return aware.astimezone(zone).replace(tzinfo=None)

    def local_end(self, zone: tzinfo) -> datetime:
        """The first moment after the period this date covers (exclusive end)."""
        return next_period(self.local_start(zone), self.precision)


def iso_at_precision(moment: datetime, precision: str) -> str:
    """ISO 8601 text that says no more than is known: '2025', '2025-08', '2025-05-10',
    '2025-06-02T13:00' (a wall-clock time in the file's zone)."""
    written = {"year": 4, "month": 7, "day": 10, "minute": 16}.get(precision)
    text = moment.isoformat(timespec="seconds")
    return text[:written] if written else text


def next_period(moment: datetime, precision: Precision) -> datetime:
    """The start of the period after the one holding `moment`, at `precision`."""
    if precision == "year":
        return moment.replace(year=moment.year + 1, month=1, day=1)
    if precision == "month":
        if moment.month == 12:
            return moment.replace(year=moment.year + 1, month=1, day=1)
        return moment.replace(month=moment.month + 1, day=1)
    step = {"day": timedelta(days=1), "minute": timedelta(minutes=1)}
    return moment + step.get(precision, timedelta(seconds=1))


def parse_date(value: str) -> FlexibleDate:
    """Read a date as a curator wrote it, or raise `DateError` saying how to fix it."""
    text = value.strip()
    if not text:
        raise DateError("empty date", "write a date such as 2025-05-19, 2025-05 or 2025")
    for reader in (_read_iso_date, _read_iso_datetime):
        found = reader(text)
        if found is not None:
            return _in_range(found)
    if _NUMERIC_ONLY.fullmatch(text):
        raise DateError(
            f"ambiguous date '{text}'",
            "write it as year-month-day, e.g. 2025-06-02, so nobody has to guess the order",
        )
    return _in_range(_read_written_date(text))


def _in_range(value: FlexibleDate) -> FlexibleDate:
    """Years 1 to 9998 (a clock time from year 2): every date then has a day after it, in
    any time zone, which the spans drawn for it need."""
    first_year = 2 if value.has_time else 1
    if not first_year <= value.start.year <= LAST_YEAR:
        raise DateError(
            f"'{value.text}' is outside the years this tool can draw",
            f"years {first_year} to {LAST_YEAR} are supported",
        )
    return value


def ends_before(start: FlexibleDate, end: FlexibleDate, zone: tzinfo) -> bool:
    """True when the period `end` denotes is over before `start` begins (both in `zone`)."""
    return end.local_end(zone) <= start.local_start(zone)


def _read_iso_date(text: str) -> FlexibleDate | None:
    if text[:4].isdigit() and int(text[:4]) == 0:
        raise DateError(f"'{text}' is in year 0", f"years 1 to {LAST_YEAR} are supported")
    if _YEAR.fullmatch(text):
        return FlexibleDate(text, "year", datetime(int(text), 1, 1))
    if match := _MONTH.fullmatch(text):
        year, month = int(match[1]), int(match[2])
        _check_month(text, month)
        return FlexibleDate(text, "month", datetime(year, month, 1))
    if match := _DAY.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        _check_month(text, month)
        last_day = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last_day:
            month_name = calendar.month_name[month]
            raise DateError(
                f"'{text}' is not a real day ({month_name} {year} has {last_day} days)",
                None,
            )
        return FlexibleDate(text, "day", datetime(year, month, day))
    return None


def _check_month(text: str, month: int) -> None:
    if not 1 <= month <= 12:
        raise DateError(f"'{text}' has no month {month:02d}", "months run from 01 to 12")


def _read_iso_datetime(text: str) -> FlexibleDate | None:
    match = _DATETIME.fullmatch(text)
    if match is None:
        return None
    _read_iso_date(match[1])  # reports an impossible day in the date part
    try:
        moment = datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError as error:
        raise DateError(
            f"'{text}' is not a valid date-time", "write e.g. 2025-06-02T13:00+03:00"
        ) from error
    precision: Precision = "second" if match[4] else "minute"
    offset = moment.utcoffset()
    return FlexibleDate(text, precision, moment.replace(tzinfo=None), offset)


def _read_written_date(text: str) -> FlexibleDate:
    """Prose dates like '19 May 2025' or 'May 2025': which parts were given decides precision."""
    first_guess = datetime(1, 1, 1, 0, 0, 0)
    second_guess = datetime(2, 2, 2, 1, 1, 1)
    try:
        with warnings.catch_warnings():
            # A zone name ('EST') that dateutil cannot resolve would be dropped with a warning.
            warnings.simplefilter("error", dateutil_parser.UnknownTimezoneWarning)
            first = dateutil_parser.parse(text, default=first_guess)
            second = dateutil_parser.parse(text, default=second_guess)
    except dateutil_parser.UnknownTimezoneWarning as error:
        raise DateError(
            f"'{text}' names a time zone by abbreviation", "write an offset such as -05:00"
        ) from error
    except (ValueError, OverflowError) as error:
        raise DateError(
            f"'{text}' is not a date", "write e.g. 2025-05-19, 19 May 2025, 2025-05 or 2025"
        ) from error
    if first.year != second.year:
        raise DateError(f"'{text}' has no year", f"write e.g. '{text} 2025'")
    if first.month != second.month:
        return FlexibleDate(text, "year", datetime(first.year, 1, 1))
    if first.day != second.day:
        return FlexibleDate(text, "month", datetime(first.year, first.month, 1))
    try:
        offset = first.utcoffset()
    except ValueError as error:  # an offset of a day or more
        raise DateError(
            f"'{text}' has an impossible UTC offset", "offsets lie within ±23:59"
        ) from error
    naive = first.replace(tzinfo=None)
    if first.hour != second.hour:
        return FlexibleDate(text, "day", naive.replace(hour=0, minute=0, second=0))
    precision: Precision = "minute" if first.second != second.second else "second"
    return FlexibleDate(
        text, precision, naive.replace(second=0) if precision == "minute" else naive, offset
    )


def format_date(value: FlexibleDate) -> str:
    """The date at its own precision, as written where it happened: '2025', 'Aug 2025',
    '19 May 2025', '2 Jun 2025, 13:00' (the file's zone), '8 Aug 2025, 18:03 UTC−4' (a time
    written with its own offset keeps it: an evening post in Washington is not shown as the
    next morning in Istanbul)."""
    moment = value.start
    if value.precision == "year":
        return str(moment.year)
    if value.precision == "month":
        return f"{calendar.month_abbr[moment.month]} {moment.year}"
    day_text = f"{moment.day} {calendar.month_abbr[moment.month]} {moment.year}"
    if value.precision == "day":
        return day_text
    clock = moment.strftime("%H:%M") if value.precision == "minute" else moment.strftime("%H:%M:%S")
    return f"{day_text}, {clock}{_offset_text(value.utc_offset)}"


def _offset_text(offset: timedelta | None) -> str:
    """' UTC−4', ' UTC+5:30', ' UTC' for a time written with an offset; '' without one."""
    if offset is None:
        return ""
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return " UTC"
    sign = "+" if minutes > 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f" UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def format_span(start: FlexibleDate, end: FlexibleDate | None, approximate: bool) -> str:
    """A precision-aware label for an event's date, e.g. 'c. 25 May 2025' or '26–27 May 2025'."""
    prefix = "c. " if approximate else ""
    first = format_date(start)
    if end is None:
        return prefix + first
    last = format_date(end)
    if start.precision == end.precision == "day":
        shared = _shared_day_suffix(start.start, end.start)
        if shared is not None:
            return prefix + shared
    return f"{prefix}{first} – {last}"


def _shared_day_suffix(first: datetime, last: datetime) -> str | None:
    """'26–27 May 2025' and '29 May – 1 Jun 2025' instead of repeating month and year."""
    if first.year != last.year:
        return None
    year = first.year
    if first.month == last.month:
        return f"{first.day}–{last.day} {calendar.month_abbr[first.month]} {year}"
    return (
        f"{first.day} {calendar.month_abbr[first.month]} – "
        f"{last.day} {calendar.month_abbr[last.month]} {year}"
    )


def zone_named(name: str) -> ZoneInfo:
    """The IANA time zone `name`; raises `DateError` with a suggestion when it is unknown."""
    from zoneinfo import ZoneInfoNotFoundError, available_timezones

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        hint = did_you_mean(name, available_timezones())
        raise DateError(
            f"unknown time zone '{name}'", hint or "use an IANA name such as Europe/Istanbul"
        ) from error
