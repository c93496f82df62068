"""ACLED exports as real projects save them (issue 11): opened and saved by a spreadsheet
('5-Aug-24'), and monadic (one row per actor of an event)."""

from __future__ import annotations

import pandas as pd

from tests.conftest import TEST_DATA
from timeline.core.model import Event
from timeline.core.text import MAX_TEXT
from timeline.data.dataset import Dataset
from timeline.data.opening import import_events, open_timeline, open_timeline_file

IMPORTS = TEST_DATA / "import"


def events_of(dataset: Dataset) -> dict[str, Event]:
    return {event.id: event for event in dataset.events_in(dataset.frame["id"])}


def notes_of(dataset: Dataset) -> list[str]:
    return [f"{note.where}: {note.message}" for note in dataset.notes]


def test_spreadsheet_dates_take_their_century_from_the_rows_year() -> None:
    dataset = open_timeline_file(IMPORTS / "acled-spreadsheet.csv")
    events = events_of(dataset)
    assert {event_id: event.date.text for event_id, event in events.items()} == {
        "ukr500": "2024-08-05",
        "ukr501": "1999-12-31",
        "ukr502": "2024-08-07",
    }
    assert events["ukr502"].approximate
    assert notes_of(dataset) == [
        "row 5 (UKR503): event_date '6-Aug-24' has a two-digit year, and the row's year is 2023: left out",
        "row 6 (UKR504): event_date '6-Aug-24' has a two-digit year, and the row has no year: left out",
    ]


def test_monadic_rows_of_one_event_become_one_event_with_every_actor() -> None:
    dataset = open_timeline_file(IMPORTS / "acled-monadic.csv")
    events = events_of(dataset)
    assert list(events) == ["syr100", "syr101"]
    clash = events["syr100"]
    names = [dataset.timeline.actors[actor].name for actor in clash.actors]
    assert names == [
        "Military Forces of Syria (2024-)",
        "HTS: Hayat Tahrir al Sham",
        "Civilians (Syria)",
        "Militia (Local)",
        "Rebels (Syria)",
    ]
    assert clash.title == (
        "Armed clash in Saraqib: Military Forces of Syria (2024-) – HTS: Hayat Tahrir al Sham"
    )
    assert clash.summary == "Clashes near Saraqib. Fatalities reported: 4."
    attack = events["syr101"]
    assert [dataset.timeline.actors[actor].name for actor in attack.actors] == [
        "Unidentified Armed Group (Syria)",
        "Civilians (Syria)",
    ]


def test_only_rows_equal_in_every_field_are_repeats() -> None:
    assert notes_of(open_timeline_file(IMPORTS / "acled-monadic.csv")) == [
        "row 5: repeats row 3 in every field: left out",
        "row 7 (SYR100): merged into row 2, the same event, though 'notes' differs: row 2's kept",
        "rows 3, 6–7: merged into the first row with the same event_id_cnty, their actors added "
        "(one row per actor: a monadic export)",
    ]


def test_timeline_import_writes_the_merged_events() -> None:
    content = (IMPORTS / "acled-monadic.csv").read_bytes()
    document = import_events(content, "acled-monadic.csv").document
    assert [len(event["actors"]) for event in document["events"]] == [5, 2]


def test_hidden_characters_and_spaces_leave_values_that_repeat_on_many_rows() -> None:
    # Values are cleaned once per distinct value: each row must still get the cleaned one.
    rows = "".join(
        f"UKR{n},2025-05-0{n},\u200e Battles ,Police\x07 (Ukraine) ,Kyiv\u202a\n"
        for n in range(1, 4)
    )
    content = f"event_id_cnty,event_date,event_type,actor1,location\n{rows}UKR4,2025-05-04,,,\n"
    dataset = open_timeline(content.encode(), "acled.csv")
    assert dataset.frame["title"].tolist() == [
        "Battles in Kyiv: Police (Ukraine)",
        "Battles in Kyiv: Police (Ukraine)",
        "Battles in Kyiv: Police (Ukraine)",
        "Event",
    ]
    assert dataset.frame["type"].tolist() == ["battles", "battles", "battles", "event"]
    assert [actor.name for actor in dataset.timeline.actors.values()] == ["Police (Ukraine)"]


def test_events_of_one_day_are_ordered_by_id_whatever_the_files_order() -> None:
    header = "event_id_cnty,event_date,event_type\n"
    shuffled = "C3,2025-05-02,Battles\nB2,2025-05-01,Battles\nA1,2025-05-02,Battles\n"
    in_order = "B2,2025-05-01,Battles\nA1,2025-05-02,Battles\nC3,2025-05-02,Battles\n"
    for rows in (shuffled, in_order):
        dataset = open_timeline((header + rows).encode(), "acled.csv")
        assert dataset.frame["id"].tolist() == ["b2", "a1", "c3"]
        assert list(dataset.frame.index) == [0, 1, 2]


def test_summaries_are_the_notes_then_the_fatalities_cut_at_the_models_limit() -> None:
    header = "event_id_cnty,event_date,event_type,notes,fatalities\n"
    rows = "A1,2025-05-01,Battles,Clash.,3\nA2,2025-05-02,Battles,,0\nA3,2025-05-03,Battles,,2\n"
    long_note = f"A4,2025-05-04,Battles,{'word ' * 5_000},1\n"
    dataset = open_timeline((header + rows + long_note).encode(), "acled.csv")
    summaries = dict(zip(dataset.frame["id"], dataset.frame["summary"], strict=True))
    assert summaries["a1"] == "Clash. Fatalities reported: 3."
    assert pd.isna(summaries["a2"])
    assert summaries["a3"] == "Fatalities reported: 2."
    assert len(summaries["a4"]) == MAX_TEXT
    assert summaries["a4"].endswith("word word…")
