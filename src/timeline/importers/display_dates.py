"""TimelineJS display dates ("c. 1677", "September 1665", "between 1678 and 1680"): whether one
marks its date approximate, and whether it says more than the slide's dates already say.

A display date that only rewords the dates ("September 1665" for 1665-09) needs no note; one that
holds anything else ("Early afternoon", "before the war") is noted, since it is not kept.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime

from timeline.core.dates import PRECISIONS, DateError, FlexibleDate, parse_date

# Words that make the date a guess. They mark it approximate only when the text holds a date.
APPROXIMATE_WORDS = frozenset(
    {
        *("c", "c.", "ca", "ca.", "circa", "around", "about", "approx", "approx.", "~", "?"),
        *("approximately", "roughly", "early", "mid", "late", "between", "or", "perhaps"),
        *("probably", "possibly", "likely", "sometime"),
    }
)
# Words that join the parts of a date and say nothing of their own.
JOINING_WORDS = frozenset(
    {
        *("and", "to", "until", "till", "through", "from", "of", "the", "on", "in", "at"),
        *("-", "–", "—", ",", "/", ".", "(", ")", ":", "ad", "ce", "am", "pm", "a.m.", "p.m."),
    }
)
MONTHS = {
    **{name.lower(): number for number, name in enumerate(calendar.month_name) if name},
    **{name.lower(): number for number, name in enumerate(calendar.month_abbr) if name},
    **{name.lower() + ".": number for number, name in enumerate(calendar.month_abbr) if name},
    "sept": 9,
    "sept.": 9,
}
WEEKDAYS = frozenset(
    name.lower().rstrip(".") for name in (*calendar.day_name, *calendar.day_abbr) if name
)
_TOKEN = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?|\d+(?:'?s|st|nd|rd|th)?|[^\W\d_]+\.?|\S", re.UNICODE)
_DECADE = re.compile(r"(\d{3,4})'?s")
_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)")


@dataclass(frozen=True)
class DisplayReading:
    """What a display date adds: `approximate` (a guess at a date), `says_more` (words the
    dates do not hold, worth a note)."""

    approximate: bool
    says_more: bool


def read_display_date(display: str, start: str, end: str | None = None) -> DisplayReading:
    """How `display` relates to the slide's start (and end), both ISO texts."""
    dates = [_parsed(start), *([_parsed(end)] if end else [])]
    tokens = _TOKEN.findall(display.lower())
    unknown = [token for token in tokens if not _is_known(token, dates)]
    has_date = any(_is_date_token(token) for token in tokens)
    guessed = has_date and any(
        token in APPROXIMATE_WORDS or _DECADE.fullmatch(token) for token in tokens
    )
    return DisplayReading(approximate=guessed, says_more=bool(unknown))


def _parsed(text: str) -> FlexibleDate | None:
    try:
        return parse_date(text)
    except DateError:
        return None


def _is_date_token(token: str) -> bool:
    return token[0].isdigit() or token in MONTHS


def _is_known(token: str, dates: list[FlexibleDate | None]) -> bool:
    """A word that joins or guesses, or a date part that one of the dates holds."""
    if token in APPROXIMATE_WORDS or token in JOINING_WORDS or token.rstrip(".") in WEEKDAYS:
        return True
    known = [date for date in dates if date is not None]
    return any(_holds(date, token) for date in known)


def _holds(date: FlexibleDate, token: str) -> bool:
    moment, precision = date.start, PRECISIONS.index(date.precision)
    if token in MONTHS:
        return precision >= 1 and moment.month == MONTHS[token]
    if ":" in token:
        return precision >= 3 and _same_clock(moment, token)
    decade = _DECADE.fullmatch(token)
    if decade:
        return moment.year // 10 == int(decade[1]) // 10
    ordinal = _ORDINAL.fullmatch(token)
    if ordinal or (token.isdigit() and len(token) <= 2):
        day = int(ordinal[1] if ordinal else token)
        return precision >= 2 and moment.day == day
    if token.isdigit():
        return moment.year == int(token)
    return False


def _same_clock(moment: datetime, token: str) -> bool:
    hour, minute = (int(part) for part in token.split(":")[:2])
    return minute == moment.minute and hour in (moment.hour, moment.hour - 12)
