"""The disk cache: large datasets read back as they were, small ones and broken entries skipped."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from benchmarks.synthetic import synthetic_acled_csv, synthetic_yaml
from tests.conftest import DATA
from timeline.data import cache
from timeline.data.cache import CACHE_MIN_EVENTS, read_cached, write_cached
from timeline.data.cache_index import content_key
from timeline.data.filters import Filters, Grouping, apply_filters, with_every_column
from timeline.data.lanes import assign_lanes
from timeline.data.opening import open_timeline, open_timeline_cached

COMPARED = ["id", "title", "date_label", "start", "span_end", "type", "status", "approximate"]


def test_a_large_import_reads_back_from_the_cache(private_cache: Path) -> None:
    content = synthetic_acled_csv(CACHE_MIN_EVENTS + 100).encode()
    fresh = open_timeline(content, "acled.csv")
    assert write_cached(content_key(content, "acled.csv"), fresh)
    cached = read_cached(content_key(content, "acled.csv"))
    assert cached is not None
    assert read_cached(content_key(content, "other.csv")) is None  # the name is part of the key
    pd.testing.assert_frame_equal(cached.frame[COMPARED], fresh.frame[COMPARED])
    assert [list(ids) for ids in cached.frame["actors"][:50]] == list(fresh.frame["actors"][:50])
    some = str(fresh.frame["id"].iat[123])
    assert cached.event(some) == fresh.event(some)
    assert cached.timeline.actors == fresh.timeline.actors
    assert cached.imported_from == "acled"
    assert len(list(private_cache.glob("*.arrow"))) == 1


def test_files_half_written_by_an_ended_process_are_removed_by_the_next_write(
    private_cache: Path,
) -> None:
    private_cache.mkdir(parents=True, exist_ok=True)
    ended = private_cache / ".partial-99999999-x1.arrow"  # above Linux's largest process id
    writing = private_cache / f".partial-{os.getpid()}-x2.arrow"  # still being written
    for partial in (ended, writing):
        partial.write_bytes(b"half")
    content = synthetic_acled_csv(CACHE_MIN_EVENTS + 10).encode()
    assert write_cached(content_key(content, "acled.csv"), open_timeline(content, "acled.csv"))
    assert not ended.exists()
    assert writing.exists()


def test_events_with_quotes_and_relations_survive_the_cache() -> None:
    content = synthetic_yaml(CACHE_MIN_EVENTS).encode()
    fresh = open_timeline(content, "big.yaml")
    assert write_cached(content_key(content), fresh)
    cached = read_cached(content_key(content))
    assert cached is not None and not cached.timeline.events  # the models are records now
    linked = next(event for event in fresh.timeline.events if event.related)
    assert cached.event(linked.id) == linked


def test_small_files_are_not_cached(private_cache: Path) -> None:
    content = DATA.read_bytes()
    assert not write_cached(content_key(content), open_timeline(content, "events.yaml"))
    assert list(private_cache.iterdir()) == []


def test_a_broken_entry_is_ignored_and_the_file_opened_again(private_cache: Path) -> None:
    content = synthetic_acled_csv(CACHE_MIN_EVENTS).encode()
    key = content_key(content, "acled.csv")
    (private_cache / f"{key}.arrow").write_bytes(b"not arrow")
    (private_cache / f"{key}.json").write_text("{}", "utf-8")
    assert read_cached(key) is None
    assert open_timeline_cached(content, "acled.csv").event_count == CACHE_MIN_EVENTS


def test_an_unwritable_cache_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", "utf-8")
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(blocked / "cache"))
    content = synthetic_acled_csv(CACHE_MIN_EVENTS).encode()
    assert not write_cached(content_key(content), open_timeline(content, "acled.csv"))


def test_a_cache_written_in_slices_filters_and_lanes_like_the_import(
    private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "WRITE_SLICE_ROWS", 1_000)  # several chunks per column
    content = synthetic_acled_csv(CACHE_MIN_EVENTS + 100).encode()
    fresh = open_timeline(content, "acled.csv")
    assert write_cached(content_key(content, "acled.csv"), fresh)
    cached = read_cached(content_key(content, "acled.csv"))
    assert cached is not None
    some = str(next(iter(fresh.frame["countries"].iloc[0])))
    middle = fresh.frame["start"].sort_values().iloc[len(fresh.frame) // 2].date()
    for chosen in (Filters(countries=(some,)), Filters(date_from=middle), Filters(known=middle)):
        ours, theirs = apply_filters(cached.frame, chosen), apply_filters(fresh.frame, chosen)
        assert 0 < len(ours) < len(cached.frame)
        assert list(ours["id"]) == list(theirs["id"])
        assert list(ours["title"]) == list(theirs["title"])
        assert [list(c) for c in ours["countries"]] == [list(c) for c in theirs["countries"]]
        # A view of a few columns given the others is the view of them all.
        narrow = apply_filters(cached.frame, chosen, ["id", "start"])
        pd.testing.assert_frame_equal(with_every_column(cached.frame, narrow), ours)
    groups: tuple[Grouping, ...] = ("country", "actor", "type")
    for group in groups:
        lanes = assign_lanes(cached.frame, cached.timeline, group)
        imported = assign_lanes(fresh.frame, fresh.timeline, group)
        assert lanes.order == imported.order
        assert lanes.home.tolist() == imported.home.tolist()
