"""Display dates: which mark a guess, which only reword the slide's dates."""

from __future__ import annotations

import pytest

from timeline.importers.display_dates import DisplayReading, read_display_date


@pytest.mark.parametrize(
    ("display", "start", "end", "approximate", "says_more"),
    [
        ("C. 1677", "1677", None, True, False),
        ("c.1677", "1677", None, True, False),
        ("around 1706", "1706", None, True, False),
        ("Circa 1700", "1700", None, True, False),
        ("ca. 1650", "1650", None, True, False),
        ("about 1690", "1690", None, True, False),
        ("early 1720s", "1720", None, True, False),
        ("1677?", "1677", None, True, False),
        ("between 1678 and 1680", "1678", "1680", True, False),
        ("between 1678 and 1680", "1678", None, True, True),
        ("September 1665", "1665-09", None, False, False),
        ("Sept. 1665", "1665-09", None, False, False),
        ("1665", "1665-09-02", None, False, False),  # less than the date: nothing more
        ("2 June 2025", "2025-06", None, False, True),  # a day the date does not hold
        ("26–27 May 2025", "2025-05-26", "2025-05-27", False, False),
        ("May – Jun 2025", "2025-05", "2025-06", False, False),
        ("c. 25 May 2025", "2025-05-25", None, True, False),  # timeline's own export
        ("Monday, 2 June 2025", "2025-06-02", None, False, False),
        ("10 Sept 1896, 12:06 pm", "1896-09-10T12:06", None, False, False),
        ("2:06 pm", "1896-09-10T14:06", None, False, False),
        ("Early afternoon", "2025-06-02T13:30", None, False, True),  # no date: no guess
        ("The Moon Landing", "1969-07-20", None, False, True),
        ("Summer 1665", "1665-07", None, False, True),
        ("1666", "1665", None, False, True),
    ],
)
def test_display_dates(
    display: str, start: str, end: str | None, approximate: bool, says_more: bool
) -> None:
    assert read_display_date(display, start, end) == DisplayReading(approximate, says_more)
