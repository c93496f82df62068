"""vis-timeline quirks met in real files (issue 11): items with no content or title, fields of
other tools, numeric dates whose order the whole file settles."""

from __future__ import annotations

import pytest

from tests.conftest import TEST_DATA
from timeline.core.model import Timeline
from timeline.core.problems import InvalidTimelineError
from timeline.data.opening import import_events
from timeline.importers.common import ImportResult
from timeline.importers.day_order import numeric_to_iso, settle_day_order

IMPORTS = TEST_DATA / "import"


def imported(name: str, date_order: str | None = None) -> ImportResult:
    content = (IMPORTS / name).read_bytes()
    return import_events(content, name, None, date_order)  # type: ignore[arg-type]


def notes_of(result: ImportResult) -> list[str]:
    return [f"{note.where}: {note.message}" for note in result.notes]


def test_items_without_content_are_titled_by_their_text_then_their_id() -> None:
    result = imported("items-untitled.json")
    events = {event.id: event for event in Timeline.model_validate(result.document).events}
    assert {event_id: event.title for event_id, event in events.items()} == {
        "item-1": "Talks resume in Geneva",
        "item-2": "A second round",
        "untitled-item-3": "Untitled item 3",
        "item-x": "Item x",
        "item-5": "Has content",
    }
    assert events["item-5"].summary == "A tooltip\nAnd a description"
    assert notes_of(result) == [
        "item 3: no content, title or text: titled 'Untitled item 3'",
        "item 4: no content, title or text: titled 'Item x'",
        "items 1–3: field 'score' not kept",
        "item 1: field 'source_count' not kept",
    ]


def test_numeric_dates_are_read_in_the_order_one_date_of_the_file_settles() -> None:
    result = imported("items-month-first.json")
    events = Timeline.model_validate(result.document).events
    assert len(events) == 62
    assert [event.date.text for event in events[:2]] == ["2003-04-01", "2003-04-02"]
    assert events[1].end is not None and events[1].end.text == "2003-04-09"
    assert events[6].date.text == "2003-05-31"
    assert notes_of(result) == [
        "dates: dates such as '4-1-2003' (item 1) read month first (month-day-year), "
        "as item 7's '5-31-2003' shows"
    ]


def test_numeric_dates_nothing_settles_are_refused_naming_the_option() -> None:
    with pytest.raises(InvalidTimelineError) as raised:
        imported("items-ambiguous.json")
    problem = raised.value.problems[0]
    assert "'4-1-2003' (item 1) could be day-month-year or month-day-year" in problem.message
    assert problem.hint is not None and "--date-order mdy" in problem.hint


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("dmy", ["2003-01-04", "2003-02-05T10:30", "2003-05-31"]),
        ("mdy", ["2003-04-01", "2003-05-02T10:30", "2003-05-31"]),
    ],
)
def test_the_chosen_order_is_honoured(order: str, expected: list[str]) -> None:
    result = imported("items-ambiguous.json", order)
    events = Timeline.model_validate(result.document).events
    assert [event.date.text for event in events] == expected
    assert notes_of(result)[0].endswith("as chosen")


def test_a_file_showing_both_orders_is_refused() -> None:
    with pytest.raises(InvalidTimelineError, match="item 1's '31-5-2003' puts the day first"):
        imported("items-both-orders.json")


def test_settling_the_order_and_reading_a_numeric_date() -> None:
    assert settle_day_order([("a", "2003-04-01"), ("b", 5)], "x").order is None
    assert settle_day_order([("a", "13/1/2003")], "x").order == "dmy"
    assert numeric_to_iso("5/31/2003 9:05", "mdy") == "2003-05-31T09:05"
    assert numeric_to_iso("31.5.2003", "dmy") == "2003-05-31"
    assert numeric_to_iso("2003-05-31", "dmy") is None
