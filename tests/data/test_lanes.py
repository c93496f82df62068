"""Lanes: each event in every lane it belongs to (its countries and its actors' countries, each
of its actors, its type), lanes in the file's order so that a filter never moves an event, and
the quietest merged into one "others" lane beyond MAX_LANES."""

from __future__ import annotations

from tests.conftest import DATA, WriteEvents
from timeline.core.load import load_timeline
from timeline.data.dataset import Dataset
from timeline.data.filters import Filters, apply_filters
from timeline.data.frame import to_frame
from timeline.data.lanes import MAX_LANES, NO_ACTOR, NO_COUNTRY, Lanes, assign_lanes

TIMELINE = load_timeline(DATA)
FRAME = Dataset.from_timeline(TIMELINE).frame


def lanes_of(lanes: Lanes, frame_ids: list[str], event_id: str) -> list[str]:
    return [lanes.order[lane] for lane in lanes.members[frame_ids.index(event_id)]]


def test_by_country_an_event_sits_in_each_of_its_countries_in_file_order() -> None:
    lanes = assign_lanes(FRAME, TIMELINE, "country")
    ids = list(FRAME["id"])
    assert lanes_of(lanes, ids, "istanbul-round-3") == ["Russia", "Ukraine", "Türkiye"]
    assert lanes.order[:3] == ["Russia", "Ukraine", "Türkiye"]  # as the file lists them
    assert lanes.labels[ids.index("istanbul-round-3")] == "Russia"  # its home: the first


def test_a_filter_keeps_every_event_in_the_same_lanes() -> None:
    full = assign_lanes(FRAME, TIMELINE, "country")
    view = apply_filters(FRAME, Filters(countries=("TR",)))
    narrowed = assign_lanes(view, TIMELINE, "country")
    for event_id in view["id"]:
        assert lanes_of(narrowed, list(view["id"]), event_id) == lanes_of(
            full, list(FRAME["id"]), event_id
        )


def test_by_actor_each_actor_by_name_and_a_lane_for_no_actor(write_events: WriteEvents) -> None:
    path = write_events(
        """\
        - {id: a, date: 2025-05-19, title: A, type: call, actors: [sybiha, peskov], sources: [{url: "https://e.org"}]}
        - {id: b, date: 2025-05-20, title: B, type: call, sources: [{url: "https://e.org"}]}
        """
    )
    timeline = load_timeline(path)
    lanes = assign_lanes(to_frame(timeline), timeline, "actor")
    assert lanes.order == ["Dmitry Peskov", "Andrii Sybiha", NO_ACTOR]  # the file's order
    assert [[lanes.order[i] for i in members] for members in lanes.members] == [
        ["Dmitry Peskov", "Andrii Sybiha"],
        [NO_ACTOR],
    ]


def test_by_type_one_lane_each_read_as_words() -> None:
    lanes = assign_lanes(FRAME, TIMELINE, "type")
    assert all(len(members) == 1 for members in lanes.members)
    assert lanes_of(lanes, list(FRAME["id"]), "istanbul-round-2") == ["negotiation round"]


def test_by_type_a_view_has_lanes_only_for_the_types_it_holds() -> None:
    view = apply_filters(FRAME, Filters(types=("statement", "call")))
    assert assign_lanes(view, TIMELINE, "type").order == ["call", "statement"]


def test_an_event_without_a_country_has_a_lane_of_its_own(write_events: WriteEvents) -> None:
    path = write_events(
        """\
        - {id: a, date: 2025-05-19, title: A, type: call, sources: [{url: "https://e.org"}]}
        """
    )
    timeline = load_timeline(path)
    assert assign_lanes(to_frame(timeline), timeline, "country").order == [NO_COUNTRY]


def test_lanes_beyond_the_limit_are_merged_into_others(write_events: WriteEvents) -> None:
    actors = "".join(f"  a{n}: {{name: Actor {n}}}\n" for n in range(MAX_LANES + 6))
    events = "".join(
        f"- {{id: e{n}, date: 2025-05-{n % 28 + 1:02d}, title: E, type: call, actors: [a{n}], "
        f"sources: [{{url: 'https://e.org'}}]}}\n"
        for n in range(MAX_LANES + 6)
    )
    path = write_events(events)
    text = path.read_text().replace("actors:\n", "actors:\n" + actors, 1)
    path.write_text(text)
    timeline = load_timeline(path)
    lanes = assign_lanes(to_frame(timeline), timeline, "actor")
    assert len(lanes.order) == MAX_LANES
    assert lanes.order[-1] == "others (7 lanes)"
    assert max(lane for members in lanes.members for lane in members) == MAX_LANES - 1
