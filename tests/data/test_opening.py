"""Opening any file: our YAML or JSON, or another tool's timeline detected from its content;
imports for `timeline import`; and the disk cache that large files fill and read back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.synthetic import synthetic_acled_csv
from tests.conftest import DATA, TEST_DATA, WriteEvents
from timeline.core.problems import InvalidTimelineError
from timeline.data import opening
from timeline.data.cache import CACHE_MIN_EVENTS
from timeline.data.cache_index import content_digest, content_key, stamp_digest, stamped_digest
from timeline.data.dataset import Dataset
from timeline.data.opening import (
    import_events,
    open_timeline,
    open_timeline_cached,
    open_timeline_file,
    validated_timeline,
)

IMPORTS = TEST_DATA / "import"
OWN_JSON = {
    "title": "Our format in JSON",
    "events": [
        {
            "id": "call",
            "date": "2025-05-19",
            "title": "A call",
            "type": "call",
            "sources": [{"url": "https://example.org/call"}],
        }
    ],
}


def test_yaml_opens_as_an_events_file_with_every_model() -> None:
    dataset = open_timeline(DATA.read_bytes(), "istanbul.yaml")
    assert dataset.imported_from is None
    assert dataset.notes == ()
    assert dataset.event_count == len(dataset.timeline.events) == 40
    assert dataset.timeline.title == "Russia–Ukraine peace talks, 2025"


def test_yaml_under_any_name_is_read_as_yaml(write_events: WriteEvents) -> None:
    path = write_events(
        """\
        - {id: a, date: 2025-05-19, title: A, type: call, sources: [{url: "https://e.org"}]}
        """
    )
    dataset = open_timeline(path.read_bytes(), "events.txt")
    assert (dataset.imported_from, dataset.event_count) == (None, 1)


@pytest.mark.parametrize("name", ["events.json", "upload", "events.yaml"])
def test_our_format_in_json_is_not_taken_for_another_tools(name: str) -> None:
    dataset = open_timeline(json.dumps(OWN_JSON).encode(), name)
    assert dataset.imported_from is None
    assert [event.id for event in dataset.timeline.events] == ["call"]


@pytest.mark.parametrize(
    ("fixture", "name", "expected", "events"),
    [
        ("story-v3.json", "story.json", "timelinejs", 5),
        ("story-v3.json", "downloaded", "timelinejs", 5),  # the content decides, not the name
        ("story-v2.json", "story.json", "timelinejs", None),
        ("sheet.csv", "sheet.csv", "timelinejs-csv", None),
        ("items.json", "items.json", "vis", 5),
        ("items.json", "export.txt", "vis", 5),
        ("acled.csv", "acled.csv", "acled", 4),
    ],
)
def test_other_tools_files_are_detected_from_their_content(
    fixture: str, name: str, expected: str, events: int | None
) -> None:
    dataset = open_timeline((IMPORTS / fixture).read_bytes(), name)
    assert dataset.imported_from == expected
    assert dataset.event_count > 0
    if events is not None:
        assert dataset.event_count == events


def test_acled_keeps_columns_only_and_makes_models_on_demand() -> None:
    dataset = open_timeline((IMPORTS / "acled.csv").read_bytes(), "acled.csv")
    assert dataset.timeline.events == []  # no model per row
    assert list(dataset.frame["id"]) == ["rus200", "xkx300", "ukr101", "ukr100"]
    event = dataset.event("ukr100")
    assert event is not None and event.date.text == "2025-05-25"
    assert [str(note) for note in dataset.notes] == [
        "acled.csv: row 6 (UKR102): event_date 'not a date' is not a date: left out",
        "acled.csv: row 7: repeats row 2 in every field: left out",
    ]


def test_an_explicit_format_skips_detection() -> None:
    # A TimelineJS story named like an events file is read as YAML unless told otherwise.
    content = (IMPORTS / "story-v3.json").read_bytes()
    dataset = open_timeline(content, "story.yaml", "timelinejs")
    assert (dataset.imported_from, dataset.event_count) == ("timelinejs", 5)


def test_import_events_returns_the_document_and_notes() -> None:
    result = import_events((IMPORTS / "items.json").read_bytes(), "items.json")
    assert [event["id"] for event in result.document["events"]] == [
        "item-1",
        "item-b",
        "item-3",
        "item-4",
        "item-6",
    ]
    assert [str(note) for note in result.notes] == [
        "items.json: item 4 ('Backwards'): end 2025-06-01 is before start 2025-06-02: end left out",
        "items.json: item 5 ('No start'): start None is not a date: left out",
    ]
    validated_timeline(result.document, "items.json")  # what `timeline import` writes loads


def test_import_events_of_acled_keeps_the_files_order() -> None:
    result = import_events((IMPORTS / "acled.csv").read_bytes(), "acled.csv")
    assert [event["id"] for event in result.document["events"]] == [
        "ukr100",
        "ukr101",
        "rus200",
        "xkx300",
    ]
    assert len(result.notes) == 2
    assert len(validated_timeline(result.document, "acled.csv").events) == 4


def test_import_events_refuses_a_file_of_the_wrong_shape_with_a_message() -> None:
    with pytest.raises(InvalidTimelineError) as raised:
        import_events((IMPORTS / "items.json").read_bytes(), "items.json", "acled")
    message = raised.value.format_message()
    assert message.startswith("items.json:1:1: cannot import this ACLED file: ")


def test_import_events_says_an_empty_file_is_empty() -> None:
    with pytest.raises(InvalidTimelineError, match=r"^story\.json:1:1: the file is empty$"):
        import_events(b"  \n", "story.json")


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ({"title": "T", "events": [{"id": "a"}]}, "Field required"),
        ({"title": "T", "events": [], "bogus": 1}, "Extra inputs are not permitted"),
    ],
)
def test_an_invalid_imported_document_is_a_located_problem(
    document: dict[str, object], reason: str
) -> None:
    with pytest.raises(InvalidTimelineError) as raised:
        validated_timeline(document, "story.json")
    assert raised.value.format_message() == (
        f"story.json:1:1: the imported file is not a valid timeline: {reason}"
    )


def test_a_large_file_fills_the_cache_and_is_read_back_from_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(cache))
    content = synthetic_acled_csv(CACHE_MIN_EVENTS).encode()
    first = open_timeline_cached(content, "acled.csv")
    key = content_key(content, "acled.csv")
    assert sorted(path.name for path in cache.iterdir()) == [f"{key}.arrow", f"{key}.json"]

    def refuse(*arguments: object) -> Dataset:
        raise AssertionError("parsed again instead of read from the cache")

    monkeypatch.setattr(opening, "open_timeline", refuse)
    again = open_timeline_cached(content, "acled.csv")
    assert again.event_count == first.event_count == CACHE_MIN_EVENTS
    assert list(again.frame["id"][:20]) == list(first.frame["id"][:20])
    assert again.imported_from == "acled"
    some = str(first.frame["id"].iat[42])
    assert again.event(some) == first.event(some)


def test_a_small_file_is_opened_each_time_and_not_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(cache))
    dataset = open_timeline_file(DATA)
    assert dataset.event_count == 40
    assert not cache.exists() or list(cache.iterdir()) == []


def test_a_known_digest_opens_the_cache_without_reading_the_file(private_cache: Path) -> None:
    content = synthetic_acled_csv(CACHE_MIN_EVENTS).encode()
    first = open_timeline_cached(content, "acled.csv")

    def refuse() -> bytes:
        raise AssertionError("read although its cache entry was known")

    again = open_timeline_cached(refuse, "acled.csv", content_digest(content))
    assert list(again.frame["id"]) == list(first.frame["id"])
    reread = open_timeline_cached(lambda: content, "other.csv", content_digest(content))
    assert reread.event_count == first.event_count  # no entry under that name: the file is read


def test_a_large_files_digest_is_kept_by_signature(private_cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("x", "utf-8")
    stamp_digest(path, (1, 2, 3), "a" * 64)
    assert stamped_digest(path, (1, 2, 3)) == "a" * 64
    assert stamped_digest(path, (1, 2, 4)) is None  # saved since: read and hashed again
    assert stamped_digest(tmp_path / "other.csv", (1, 2, 3)) is None
