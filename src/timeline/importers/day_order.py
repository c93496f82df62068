"""Dates written with numbers only ('4-1-2003', '31/5/2003'): day first or month first?

A file keeps one order, so the whole file decides: a number above 12 can only be a day, so
'31-5-2003' anywhere in the file means day first and '5-31-2003' month first. When nothing in
the file settles it, the user chooses (`timeline import --date-order mdy|dmy`); an import never
guesses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, get_args

from timeline.core.problems import problem_at

DateOrder = Literal["mdy", "dmy"]
DATE_ORDERS: tuple[str, ...] = get_args(DateOrder)
ORDER_NAMES = {"mdy": "month first (month-day-year)", "dmy": "day first (day-month-year)"}
ORDER_HINT = (
    "choose the order: timeline import FILE -o OUT --date-order mdy (month first) "
    "or --date-order dmy (day first)"
)
NUMERIC_DATE = re.compile(
    r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)
Written = tuple[str, object]  # where ("item 7"), the date as written (text or anything else)


@dataclass(frozen=True)
class SettledOrder:
    """The order to read numeric dates in (None when the file has none), and a note saying
    how it was decided."""

    order: DateOrder | None
    note: str | None = None


def settle_day_order(
    written: Iterable[Written], name: str, chosen: DateOrder | None = None
) -> SettledOrder:
    """The order of the file's numeric dates: the one chosen, else the one the file shows;
    a located problem when the file shows both or neither."""
    numeric = [(where, text.strip()) for where, text in written if isinstance(text, str)]
    numeric = [(where, text) for where, text in numeric if NUMERIC_DATE.fullmatch(text)]
    if not numeric:
        return SettledOrder(chosen)
    example = f"'{numeric[0][1]}' ({numeric[0][0]})"
    if chosen is not None:
        return SettledOrder(
            chosen, f"dates such as {example} read {ORDER_NAMES[chosen]}, as chosen"
        )
    day_first = next((pair for pair in numeric if _parts(pair[1])[0] > 12), None)
    month_first = next((pair for pair in numeric if _parts(pair[1])[1] > 12), None)
    if day_first and month_first:
        raise problem_at(
            name,
            f"numeric dates disagree on their order: {_shown(day_first)} puts the day first, "
            f"{_shown(month_first)} the month first",
            ORDER_HINT,
        )
    if day_first is None and month_first is None:
        raise problem_at(
            name,
            f"numeric dates such as {example} could be day-month-year or month-day-year, "
            "and no date in the file has a number above 12 that tells which",
            ORDER_HINT,
        )
    order: DateOrder = "dmy" if day_first else "mdy"
    evidence = day_first or month_first
    assert evidence is not None
    return SettledOrder(
        order, f"dates such as {example} read {ORDER_NAMES[order]}, as {_shown(evidence)} shows"
    )


def numeric_to_iso(text: str, order: DateOrder) -> str | None:
    """'5-31-2003' -> '2003-05-31' in the given order (a clock time kept); None when the text
    is not a numeric date."""
    found = NUMERIC_DATE.fullmatch(text.strip())
    if found is None:
        return None
    first, second, year = int(found[1]), int(found[2]), found[3]
    month, day = (first, second) if order == "mdy" else (second, first)
    iso = f"{year}-{month:02d}-{day:02d}"
    if found[4]:
        iso += f"T{int(found[4]):02d}:{found[5]}" + (f":{found[6]}" if found[6] else "")
    return iso


def _parts(text: str) -> tuple[int, int]:
    found = NUMERIC_DATE.fullmatch(text)
    assert found is not None
    return int(found[1]), int(found[2])


def _shown(pair: tuple[str, str]) -> str:
    return f"{pair[0]}'s '{pair[1]}'"
