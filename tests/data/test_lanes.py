"""Lanes: each event in the lane of its type, country or actor, busiest lanes first, and the
quietest merged into one "others" lane beyond MAX_LANES."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import DATA, WriteEvents
from timeline.core.load import load_timeline
from timeline.core.model import Timeline
from timeline.data.dataset import Dataset
from timeline.data.frame import to_frame
from timeline.data.lanes import MAX_LANES, NO_COUNTRY, assign_lanes

TIMELINE = load_timeline(DATA)
FRAME = Dataset.from_timeline(TIMELINE).frame


def lane_of(event_id: str, labels: list[str]) -> str:
    return labels[list(FRAME["id"]).index(event_id)]


def test_lanes_by_type_read_as_words_busiest_first() -> None:
    lanes = assign_lanes(FRAME, TIMELINE, "type")
    labels = list(lanes.labels)
    assert len(labels) == len(FRAME)
    assert lane_of("istanbul-round-2", labels) == "negotiation round"
    assert lane_of("putin-trump-call-may-19", labels) == "call"
    assert "negotiation_round" not in lanes.order
    counts = [labels.count(lane) for lane in lanes.order]
    assert counts == sorted(counts, reverse=True)
    assert set(labels) == set(lanes.order)


def test_lanes_by_country_use_the_first_country_by_name() -> None:
    lanes = assign_lanes(FRAME, TIMELINE, "country")
    labels = list(lanes.labels)
    # Countries UA, GB, FR, DE, PL and RU (Peskov): the first one.
    assert lane_of("kyiv-meeting-ceasefire-demand", labels) == "Ukraine"
    assert lanes.order == ["Russia", "Ukraine", "Türkiye", "United States"]


def test_a_preferred_country_takes_the_events_it_is_in() -> None:
    lanes = assign_lanes(FRAME, TIMELINE, "country", preferred=["RU"])
    assert lane_of("kyiv-meeting-ceasefire-demand", list(lanes.labels)) == "Russia"
    turkey_first = assign_lanes(FRAME, TIMELINE, "country", preferred=["TR"])
    assert turkey_first.order[0] == "Türkiye"


def test_lanes_by_actor_use_names_and_a_lane_for_no_actor() -> None:
    lanes = assign_lanes(FRAME, TIMELINE, "actor")
    labels = list(lanes.labels)
    assert lane_of("kyiv-meeting-ceasefire-demand", labels) == "Volodymyr Zelensky"
    assert "(no actor)" in lanes.order
    assert not any(label in TIMELINE.actors for label in labels)  # names, never ids
    by_peskov = assign_lanes(FRAME, TIMELINE, "actor", preferred=["peskov"])
    assert lane_of("kyiv-meeting-ceasefire-demand", list(by_peskov.labels)) == "Dmitry Peskov"


def test_an_event_without_country_or_actor_gets_a_lane_of_its_own(
    write_events: WriteEvents,
) -> None:
    timeline = load_timeline(
        write_events(
            """\
            - {id: a, date: 2025-05-19, title: Somewhere, type: call, sources: [{url: "https://e.org"}]}
            - {id: b, date: 2025-05-20, title: Kremlin, type: statement, actors: [peskov], sources: [{url: "https://e.org"}]}
            """
        )
    )
    frame = to_frame(timeline)
    assert list(assign_lanes(frame, timeline, "country").labels) == [NO_COUNTRY, "Russia"]
    assert list(assign_lanes(frame, timeline, "actor").labels) == ["(no actor)", "Dmitry Peskov"]


def many_countries(count: int) -> Timeline:
    """Country Cnn has nn events, so the lanes have clear sizes (C01 the quietest)."""
    countries = {f"C{n:02}": {"name": f"Country {n:02}"} for n in range(1, count + 1)}
    events: list[dict[str, Any]] = [
        {
            "id": f"c{n:02}-{k}",
            "date": f"2025-05-{1 + k % 28:02}",
            "title": f"Event {k} of country {n}",
            "type": "meeting",
            "countries": [f"C{n:02}"],
            "sources": [{"url": "https://example.org"}],
        }
        for n in range(1, count + 1)
        for k in range(n)
    ]
    return Timeline.model_validate({"title": "Many", "countries": countries, "events": events})


def test_lanes_beyond_the_limit_are_merged_into_others() -> None:
    timeline = many_countries(MAX_LANES + 6)
    lanes = assign_lanes(to_frame(timeline), timeline, "country")
    merged = 7  # the quietest six beyond the limit and the one whose place "others" takes
    assert len(lanes.order) == MAX_LANES
    assert lanes.order[-1] == f"others ({merged} lanes)"
    assert lanes.order[:3] == ["Country 30", "Country 29", "Country 28"]
    assert "Country 08" in lanes.order and "Country 07" not in lanes.order
    labels = list(lanes.labels)
    assert labels.count(f"others ({merged} lanes)") == sum(range(1, merged + 1))
    assert set(labels) == set(lanes.order)


@pytest.mark.parametrize("count", [MAX_LANES - 1, MAX_LANES])
def test_up_to_the_limit_every_lane_is_kept(count: int) -> None:
    timeline = many_countries(count)
    lanes = assign_lanes(to_frame(timeline), timeline, "country")
    assert len(lanes.order) == count
    assert not any(lane.startswith("others") for lane in lanes.order)
