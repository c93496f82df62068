"""Importers against fixtures that reproduce real files' quirks (tests/data/import/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import TEST_DATA, run_timeline
from timeline.core.load import load_timeline
from timeline.core.model import Event, Timeline
from timeline.core.problems import InvalidTimelineError
from timeline.data.dataset import Dataset
from timeline.data.opening import import_events, open_timeline, open_timeline_file
from timeline.importers import detect_format

IMPORTS = TEST_DATA / "import"


def opened(name: str) -> Dataset:
    return open_timeline_file(IMPORTS / name)


def by_id(timeline: Timeline | Dataset) -> dict[str, Event]:
    """Events by id, in date order (from the models, or from a large import's records)."""
    if isinstance(timeline, Dataset):
        return {event.id: event for event in timeline.events_in(timeline.frame["id"])}
    return {event.id: event for event in timeline.events}


def notes_of(result: Dataset) -> list[str]:
    return [f"{note.where}: {note.message}" for note in result.notes]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("story-v3.json", "timelinejs"),
        ("story-v2.json", "timelinejs"),
        ("story-slides.json", "timelinejs"),
        ("items-untitled.json", "vis"),
        ("sheet.csv", "timelinejs-csv"),
        ("sheet-new.csv", "timelinejs-csv"),
        ("items.json", "vis"),
        ("items-with-groups.json", "vis"),
        ("acled.csv", "acled"),
    ],
)
def test_format_is_detected_from_the_content(name: str, expected: str) -> None:
    text = (IMPORTS / name).read_text("utf-8-sig")
    assert detect_format(text, name) == expected


def test_timelinejs_v3_dates_texts_and_sources() -> None:
    result = opened("story-v3.json")
    timeline = result.timeline
    assert (timeline.title, timeline.description) == (
        "Talks in Istanbul",
        "A story told in slides.",
    )
    events = by_id(timeline)
    assert list(events) == [
        "second-round",
        "some-day-in-may",
        "a-whole-year",
        "same-moment-another-slide",
        "ends-before-it-starts",
    ]
    second = events["second-round"]
    assert (second.date.text, second.date.precision) == ("2025-06-02T13:30", "minute")
    assert second.summary == "Held at Çırağan with Fidan."
    assert [s.url for s in second.sources] == [
        "https://example.org/ciragan",
        "https://upload.wikimedia.org/c.jpg",
    ]
    assert (second.type, second.tags) == ("rounds", ["Rounds"])
    assert events["some-day-in-may"].date.precision == "month"
    whole_year = events["a-whole-year"]
    assert (whole_year.date.text, whole_year.end.text if whole_year.end else None) == (
        "2025",
        "2026",
    )
    assert whole_year.sources[0].title == "story-v3.json, event 3 ('A whole year')"
    assert events["same-moment-another-slide"].date == second.date


def test_timelinejs_v3_says_what_it_cannot_express() -> None:
    assert notes_of(opened("story-v3.json")) == [
        "event 3 ('A whole year'): media '/static/img/a.png' is not a web address: not kept as a source",
        "event 4 ('Ancient treaty'): year -300 cannot be expressed (years 1 to 9998 only): left out",
        "event 5 ('The Big Bang'): year -13800000000 cannot be expressed (years 1 to 9998 only): left out",
        "event 6 ('Same moment, another slide'): display date 'Early afternoon' not kept: dates show at their precision",
        "event 7 ('Ends before it starts'): end 2025-05-10 is before start 2025-05-16: end left out",
        "event 8 ('No date at all'): no start date (only a title slide may have none): left out",
        "era 1 ('Era'): not kept: the events format has no eras",
    ]


def test_timelinejs_legacy_v2() -> None:
    result = opened("story-v2.json")
    events = by_id(result.timeline)
    assert result.timeline.title == "Legacy story"
    assert events["born"].date.text == "1963-08-09"
    assert events["born"].sources[0].url == "http://example.org/born.jpg"
    debut = events["debut"]
    assert (debut.date.text, debut.end.text if debut.end else None, debut.type) == (
        "1985",
        "1986-02",
        "music",
    )
    assert notes_of(result) == [
        "date 3 ('Undated'): no start date (only a title slide may have none): left out"
    ]


def test_timelinejs_sheet_with_crlf_quotes_and_title_row() -> None:
    result = opened("sheet.csv")
    timeline = result.timeline
    assert (timeline.title, timeline.description) == ("My sheet", 'An "intro", with a comma')
    events = by_id(timeline)
    ada = events["ada-lovelace"]
    assert (ada.date.text, ada.end.text if ada.end else None) == ("1815-12-10", "1852-11-27")
    assert ada.summary == "First line\nsecond line about Ada"
    assert [s.url for s in ada.sources] == [
        "https://en.wikipedia.org/wiki/Ada_Lovelace",
        "https://example.org/ada.jpg",
    ]
    assert events["year-only"].date.precision == "year"
    assert events["year-and-month"].date.text == "1943-07"
    assert events["year-and-month"].summary == "Quote as media\nSomeone"
    assert events["timed"].date.text == "2000-01-01T10:30"
    assert notes_of(result) == [
        "row 7 ('An era'): era not kept: the events format has no eras",
        "row 8 ('Bad year'): 'Rózsa' is not a number: left out",
    ]


def test_timelinejs_newer_sheet_columns() -> None:
    events = by_id(opened("sheet-new.csv").timeline)
    assert (
        events["newer-layout"].end is not None and events["newer-layout"].end.text == "2025-05-17"
    )
    assert events["newer-layout"].tags == ["Talks"]
    assert events["newer-layout"].summary == "Spärck Jones"
    assert events["written-date"].date.precision == "day"


def test_vis_items() -> None:
    result = opened("items.json")
    events = by_id(result.timeline)
    assert events["item-1"].title == "Call between leaders"
    assert events["item-1"].summary == "Two hours"
    meeting = events["item-b"]
    assert (meeting.date.text, meeting.end.text if meeting.end else None) == (
        "2025-05-16T10:00:00.000Z",
        "2025-05-16T12:00:00Z",
    )
    assert events["item-3"].date.text == "2025-05-19T12:00:00Z"  # milliseconds since 1970
    assert notes_of(result) == [
        "item 4 ('Backwards'): end 2025-06-01 is before start 2025-06-02: end left out",
        "item 5 ('No start'): start None is not a date: left out",
    ]


def test_vis_groups_become_types_with_their_names() -> None:
    timeline = opened("items-with-groups.json").timeline
    assert [event.type for event in timeline.events] == ["ukraine", "russia"]
    assert timeline.types == {
        "ukraine": "vis-timeline group 'Ukraine'",
        "russia": "vis-timeline group 'Russia'",
    }


def test_acled_precision_actors_countries_and_sources() -> None:
    result = opened("acled.csv")
    timeline = result.timeline
    events = by_id(result)
    assert list(events) == ["rus200", "xkx300", "ukr101", "ukr100"]  # in date order
    strike, protest, agreement = events["ukr100"], events["ukr101"], events["rus200"]
    assert (strike.date.text, strike.approximate) == ("2025-05-25", False)
    assert (protest.date.text, protest.approximate) == (
        "2025-05-24",
        True,
    )  # dd-mm-yyyy, precision 2
    assert (agreement.date.text, agreement.date.precision) == ("2025-05", "month")  # precision 3
    assert strike.countries == ["UA"] and agreement.countries == ["RU"]
    assert timeline.countries["KOSOVO"].name == "Kosovo"  # no ISO code: made from the name
    assert [timeline.actors[a].name for a in protest.actors] == [
        "Protesters (Ukraine)",
        "Women (Ukraine)",
        "Students (Ukraine)",
    ]
    assert (
        strike.summary
        == 'On 25 May 2025, Russian forces struck Kyiv with drones, "the largest" attack. Fatalities reported: 12.'
    )
    assert strike.sources[0].model_dump(exclude_none=True) == {
        "title": "ACLED event UKR100",
        "publisher": "Ukrainska Pravda; Kyiv Independent",
    }
    assert strike.type == "explosions_remote_violence"
    assert (
        timeline.types["explosions_remote_violence"]
        == "ACLED event type 'Explosions/Remote violence'"
    )
    assert notes_of(result) == [
        "row 6 (UKR102): event_date 'not a date' is not a date: left out",
        "row 7: repeats row 2 in every field: left out",
    ]


def test_acled_actor_ids_are_stable_across_imports() -> None:
    first = opened("acled.csv").timeline
    content = (IMPORTS / "acled.csv").read_bytes()
    document = import_events(content, "other-name.csv").document
    again = Timeline.model_validate(document)
    assert list(first.actors) == list(again.actors)
    assert [event.id for event in again.events] == ["ukr100", "ukr101", "rus200", "xkx300"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b'{"events": [', "JSON syntax: Expecting value"),
        (b"a,b,c\n1,2,3\n", "not a format timeline can import"),
        (b'{"something": 1}', "JSON, but neither a TimelineJS story nor vis-timeline items"),
    ],
)
def test_what_cannot_be_imported_is_refused_with_a_message(content: bytes, message: str) -> None:
    with pytest.raises(InvalidTimelineError, match=message):
        import_events(content, "bad.csv" if content.startswith(b"a,") else "bad.json")


def test_import_command_writes_a_valid_events_file(tmp_path: Path) -> None:
    out = tmp_path / "story.yaml"
    result = run_timeline("import", str(IMPORTS / "story-v3.json"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{out}: 5 events from {IMPORTS / 'story-v3.json'}\n"
    assert "note: " in result.stderr and "year -300 cannot be expressed" in result.stderr
    assert len(load_timeline(out).events) == 5


def test_import_command_with_an_explicit_format_and_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"events": [}', "utf-8")
    result = run_timeline(
        "import", str(broken), "--format", "timelinejs", "-o", str(tmp_path / "x.yaml")
    )
    assert result.returncode == 1
    assert result.stderr.startswith(f"{broken}:1:13: JSON syntax")
    assert "Traceback" not in result.stderr


def test_own_format_in_json_opens_as_an_events_file(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    path.write_text(
        json.dumps(
            {
                "title": "T",
                "events": [
                    {
                        "id": "a",
                        "date": "2025-05-19",
                        "title": "A",
                        "type": "call",
                        "sources": [{"url": "https://e.org"}],
                    },
                ],
            }
        ),
        "utf-8",
    )
    result = open_timeline_file(path)
    assert (result.imported_from, len(result.timeline.events)) == (None, 1)


def test_timelinejs_export_round_trips(tmp_path: Path) -> None:
    from tests.conftest import DATA
    from timeline.data.filters import Filters
    from timeline.data.views import ExportView
    from timeline.export.dispatch import export

    original = load_timeline(DATA)
    filters = Filters(group="type")
    dataset = Dataset.from_timeline(original)
    story = export(ExportView(dataset, dataset.frame, filters, "events.yaml"), "timelinejs")
    assert json.loads(story)["events"][0]["group"] == "meeting"
    result = import_events(story, "story.json")
    assert result.notes == []
    imported = {event.id: event for event in Timeline.model_validate(result.document).events}
    assert set(imported) == {event.id for event in original.events}
    for event in original.events:
        again = imported[event.id]
        kept = ("date", "end", "approximate", "title", "summary", "type")
        assert {f: getattr(again, f) for f in kept} == {f: getattr(event, f) for f in kept}
        assert [s.url for s in again.sources] == [s.url for s in event.sources]


@pytest.mark.parametrize(
    ("name", "content", "outcome"),
    [
        ("a.json", b'{"timeline":{"date":5}}', "timeline.date: not a list of dates: no events"),
        ("c.json", b'{"events":[{"start_date":"2020","text":{"headline":"x"}}]}', "no start date"),
        (
            "d.json",
            b'{"events":[{"start_date":{"year":"2020","month":"14"},"text":{"headline":"x"}}]}',
            "has no month 14",
        ),
        ("f.json", b'{"items":5}', "no items"),
        (
            "g.json",
            b'[{"id":1,"content":"x","start":1e20},{"id":3,"content":"z","start":true}]',
            "start 1e+20 is not a date",
        ),
        ("h.json", b"[" * 100_000 + b"]" * 100_000, "JSON nested too deeply"),
        ("i.json", b"[" + b"1" * 5000 + b"]", "JSON that cannot be read"),
        ("j.json", b'{"events":[1,"x",null]}', "event 1: not an object: left out"),
        (
            "k.csv",
            b'event_id_cnty,event_date,event_type\n"UKR1,2025-05-01,Battles\n',
            "cannot import this ACLED file",
        ),
        (
            "l.csv",
            b"event_id_cnty,event_date,event_type\nUKR-1,2025-05-01,Battles\nUKR_1,2025-05-02,Battles\n",
            "event UKR_1 would share the id 'ukr-1' with event UKR-1 (row 2): left out",
        ),
    ],
)
def test_odd_shapes_give_notes_or_messages_never_tracebacks(
    name: str, content: bytes, outcome: str
) -> None:
    try:
        dataset = open_timeline(content, name)
    except InvalidTimelineError as error:
        assert outcome in str(error)
    else:
        assert any(outcome in str(note) for note in dataset.notes), dataset.notes


def test_acled_row_with_too_many_fields_is_refused_not_shifted() -> None:
    content = (
        b"event_id_cnty,event_date,event_type\nA1,2025-05-01,Battles,extra\nA2,2025-05-02,Battles\n"
    )
    with pytest.raises(InvalidTimelineError, match="a row has more fields than the header"):
        open_timeline(content, "shifted.csv")


def test_acled_dates_and_ids_beyond_the_formats_limits() -> None:
    long_id = "X" * 200
    content = (
        "event_id_cnty,event_date,event_type\n"
        f"A1,9999-12-31,Battles\nA2,0001-01-01,Battles\n{long_id},2025-05-01,Battles\n"
    ).encode()
    dataset = open_timeline(content, "limits.csv")
    assert [str(note.message) for note in dataset.notes] == [
        "event_date '9999-12-31' is not a date: left out"
    ]
    ancient = dataset.event("a2")
    assert ancient is not None and ancient.date.text == "0001-01-01"
    long_event = dataset.event("x" * 120)
    assert long_event is not None
