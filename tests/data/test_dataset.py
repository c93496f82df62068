"""The dataset: events looked up by id, in the order asked, links followed backwards, and models
made from frame rows for imports that keep no model per event."""

from __future__ import annotations

import pandas as pd

from tests.conftest import DATA
from timeline.core.load import load_timeline
from timeline.core.model import Event
from timeline.data.dataset import Dataset, event_record

TIMELINE = load_timeline(DATA)
DATASET = Dataset.from_timeline(TIMELINE)
MODELS = {event.id: event for event in TIMELINE.events}


def rows_only(frame: pd.DataFrame | None = None) -> Dataset:
    """The curated data as a large import holds it: the header and the frame, no models."""
    header = TIMELINE.model_copy(update={"events": []})
    return Dataset(header, DATASET.frame.copy() if frame is None else frame)


def with_refused_row(event_id: str) -> Dataset:
    """A dataset of rows in which one row is something the model refuses (an empty title)."""
    frame = DATASET.frame.copy()
    frame.loc[frame["id"] == event_id, "title"] = ""
    return rows_only(frame)


def test_an_event_is_found_by_id() -> None:
    event = DATASET.event("istanbul-round-2")
    assert event is MODELS["istanbul-round-2"]
    assert event.title == "Second round of direct talks in Istanbul"
    assert DATASET.event("no-such-event") is None
    assert DATASET.event_count == 40


def test_events_come_in_the_order_asked_and_unknown_ids_are_skipped() -> None:
    asked = ["alaska-summit", "nope", "istanbul-round-1", "kyiv-meeting-ceasefire-demand", ""]
    assert [event.id for event in DATASET.events_in(asked)] == [
        "alaska-summit",
        "istanbul-round-1",
        "kyiv-meeting-ceasefire-demand",
    ]
    assert DATASET.events_in([]) == []


def test_indexed_events_pair_each_model_with_its_place_in_the_request() -> None:
    asked = ["nope", "istanbul-round-3", "also-nope", "alaska-summit"]
    pairs = DATASET.indexed_events(asked)
    assert [(index, event.id) for index, event in pairs] == [
        (1, "istanbul-round-3"),
        (3, "alaska-summit"),
    ]
    for index, event in pairs:
        assert asked[index] == event.id


def test_linking_to_finds_the_events_that_name_this_one() -> None:
    linking = [event.id for event in DATASET.linking_to("istanbul-round-1")]
    assert linking == [  # in date order (the two of 15 May by id)
        "putin-proposes-istanbul-talks",
        "kremlin-names-delegation",
        "fidan-receives-russian-delegation",
        "zelensky-erdogan-ankara",
    ]
    for event_id in linking:
        assert "istanbul-round-1" in {link.event for link in MODELS[event_id].related}
    assert DATASET.linking_to("spiders-web-drone-strikes") == [MODELS["trump-putin-call-june-4"]]
    assert DATASET.linking_to("trump-putin-call-june-4") == []  # it names others; none names it


def test_models_are_made_from_rows_when_the_dataset_keeps_none() -> None:
    dataset = rows_only()
    made = dataset.event("istanbul-round-2")
    original = MODELS["istanbul-round-2"]
    assert made is not None and made is not original
    assert (made.id, made.title, made.date, made.end, made.type, made.status) == (
        original.id,
        original.title,
        original.date,
        original.end,
        original.type,
        original.status,
    )
    assert made.actors == original.actors
    assert made.summary == original.summary
    assert [source.url for source in made.sources] == [
        source.url for source in original.sources if source.url
    ]
    assert dataset.event("istanbul-round-2") is made  # kept for the page that shows it
    assert dataset.event("no-such-event") is None


def test_row_models_keep_order_and_links_like_the_models_do() -> None:
    dataset = rows_only()
    asked = ["alaska-summit", "nope", "istanbul-round-1"]
    assert [(i, e.id) for i, e in dataset.indexed_events(asked)] == [
        (0, "alaska-summit"),
        (2, "istanbul-round-1"),
    ]
    # Rows carry the ids an event names, so links are found without models.
    assert [e.id for e in dataset.linking_to("istanbul-round-1")] == [
        e.id for e in DATASET.linking_to("istanbul-round-1")
    ]


def test_a_date_range_and_an_approximate_date_survive_the_row() -> None:
    frame = DATASET.frame
    for position in range(len(frame)):
        record = event_record(frame, position)
        original = MODELS[record["id"]]
        made = Event.model_validate(record)
        assert (made.date, made.end, made.approximate) == (
            original.date,
            original.end,
            original.approximate,
        )


def test_a_row_the_model_refuses_gives_none_and_is_passed_over() -> None:
    dataset = with_refused_row("istanbul-round-2")
    assert dataset.event("istanbul-round-2") is None
    assert dataset.event("istanbul-round-3") is not None
    asked = ["istanbul-round-1", "istanbul-round-2", "istanbul-round-3"]
    assert [e.id for e in dataset.events_in(asked)] == ["istanbul-round-1", "istanbul-round-3"]
    assert [i for i, _ in dataset.indexed_events(asked)] == [0, 2]


def test_a_cached_record_the_model_refuses_gives_none() -> None:
    frame = DATASET.frame.copy()
    records = {event.id: event.model_dump_json(by_alias=True) for event in TIMELINE.events}
    records["alaska-summit"] = records["alaska-summit"].replace('"type":"summit"', '"type":"?"')
    frame["record"] = frame["id"].map(records)
    dataset = rows_only(frame)
    assert dataset.event("alaska-summit") is None
    assert dataset.event("istanbul-round-1") == MODELS["istanbul-round-1"]  # lossless
