"""Filters: any value within a filter, all filters together, and the URL form of a view."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import DATA, TEST_DATA
from timeline.core.load import load_timeline
from timeline.data.filters import (
    Filters,
    apply_filters,
    filters_from_query,
    filters_to_query,
    view_as_of,
)
from timeline.data.frame import to_frame

TIMELINE = load_timeline(DATA)
FRAME = to_frame(TIMELINE)


def ids(filters: Filters) -> set[str]:
    return set(apply_filters(FRAME, filters)["id"])


def test_no_filters_keep_everything_in_order() -> None:
    assert apply_filters(FRAME, Filters())["id"].tolist() == FRAME["id"].tolist()
    assert Filters().is_empty
    assert Filters(group="actor", event="alaska-summit").is_empty


def test_values_within_a_filter_are_alternatives() -> None:
    belarus, finland = ids(Filters(countries=("BY",))), ids(Filters(countries=("FI",)))
    assert ids(Filters(countries=("BY", "FI"))) == belarus | finland
    assert belarus and finland


def test_filters_together_must_all_hold() -> None:
    turkey, calls = ids(Filters(countries=("TR",))), ids(Filters(types=("call",)))
    assert ids(Filters(countries=("TR",), types=("call",))) == turkey & calls


def test_country_filter_counts_the_actors_countries() -> None:
    # The Alaska summit lists US and RU; Italy takes part through Meloni at the White House.
    assert "white-house-meeting-aug-18" in ids(Filters(countries=("IT",)))


def test_search_needs_every_word_in_any_case() -> None:
    found = ids(Filters(query="MEMORANDUM istanbul"))
    assert found
    assert found <= ids(Filters(query="memorandum"))
    assert ids(Filters(query="no-such-word-anywhere")) == set()


def test_search_finds_quotes_and_alias_spellings() -> None:
    assert "peskov-delegation-to-istanbul" in ids(Filters(query="behind closed doors"))
    assert ids(Filters(query="Sibiga")) == ids(Filters(actors=("sybiha",)))


def test_date_range_keeps_what_overlaps_it() -> None:
    in_range = ids(Filters(date_from=date(2025, 8, 20), date_to=date(2025, 8, 31)))
    assert in_range == {"leaders-meeting-by-end-august"}  # the month-precision event covers it


def test_query_round_trip() -> None:
    filters = Filters(
        countries=("UA", "TR"),
        actors=("peskov",),
        types=("call",),
        statuses=("happened",),
        date_from=date(2025, 5, 15),
        date_to=date(2025, 6, 5),
        query="memorandum",
        group="actor",
        event="istanbul-round-2",
    )
    query = filters_to_query(filters)
    assert query == {
        "country": ["UA", "TR"],
        "actor": ["peskov"],
        "type": ["call"],
        "status": ["happened"],
        "from": ["2025-05-15"],
        "to": ["2025-06-05"],
        "q": ["memorandum"],
        "group": ["actor"],
        "event": ["istanbul-round-2"],
    }
    assert filters_from_query(query, TIMELINE) == (filters, [])


def test_default_view_has_an_empty_query() -> None:
    assert filters_to_query(Filters()) == {}


@pytest.mark.parametrize(
    ("params", "note"),
    [
        ({"country": ["ZZ"]}, "unknown country 'ZZ' ignored"),
        ({"status": "done"}, "unknown status 'done' ignored"),
        ({"from": "31/05/2025"}, "from date '31/05/2025' ignored: write it as YYYY-MM-DD"),
        ({"group": "colour"}, "unknown group 'colour' ignored: use country, actor or type"),
        ({"utm_source": "mail"}, "unknown parameter 'utm_source' ignored"),
        ({"actor": "x" * 100}, "unknown actor '" + "x" * 39 + "…' ignored"),
    ],
)
def test_bad_values_are_ignored_with_a_note(params: dict[str, str | list[str]], note: str) -> None:
    filters, notes = filters_from_query(params, TIMELINE)
    assert notes == [note]
    assert filters == Filters()


TRUTH = load_timeline(TEST_DATA / "truth.yaml")
TRUTH_FRAME = to_frame(TRUTH)


def statuses_known_on(day: date) -> dict[str, str]:
    view = apply_filters(TRUTH_FRAME, Filters(known=day))
    return dict(zip(view["id"], view["status"].astype(str), strict=True))


def test_view_as_known_leaves_out_what_was_not_known_yet() -> None:
    # Round 2 is known from its first history entry (28 May); the proposal from its date.
    assert set(statuses_known_on(date(2025, 5, 27))) == {"istanbul-round-1", "leaders-meeting"}
    assert "istanbul-round-2" in statuses_known_on(date(2025, 5, 28))


def test_view_as_known_shows_the_status_of_that_day() -> None:
    assert statuses_known_on(date(2025, 5, 29))["istanbul-round-2"] == "proposed"
    assert statuses_known_on(date(2025, 5, 31))["istanbul-round-2"] == "scheduled"
    assert statuses_known_on(date(2025, 6, 2))["istanbul-round-2"] == "happened"
    # Without history, an event keeps its own status from its date on.
    assert statuses_known_on(date(2025, 5, 29))["istanbul-round-1"] == "happened"


def test_status_filter_applies_to_the_status_as_known_then() -> None:
    view = apply_filters(TRUTH_FRAME, Filters(known=date(2025, 5, 30), statuses=("proposed",)))
    assert set(view["id"]) == {"istanbul-round-2", "leaders-meeting"}
    assert TRUTH_FRAME.loc[TRUTH_FRAME["id"] == "istanbul-round-2", "status"].item() == "happened"


def test_disputed_keeps_events_with_two_accounts_on_one_point() -> None:
    view = apply_filters(TRUTH_FRAME, Filters(disputed=True))
    assert view["id"].tolist() == ["istanbul-round-1", "istanbul-round-2"]
    assert ids(Filters(disputed=True)) == set()  # the first dataset records no accounts


def test_view_as_of_is_the_known_day_else_the_files_as_of() -> None:
    assert view_as_of(TRUTH, Filters(known=date(2025, 5, 29))) == date(2025, 5, 29)
    assert view_as_of(TRUTH, Filters()) == date(2025, 6, 10)
    assert view_as_of(TRUTH.model_copy(update={"as_of": None}), Filters()) is None


def test_known_and_disputed_in_the_link() -> None:
    filters = Filters(known=date(2025, 5, 29), disputed=True)
    query = filters_to_query(filters)
    assert query == {"known": ["2025-05-29"], "disputed": ["1"]}
    assert filters_from_query(query, TRUTH) == (filters, [])
    assert not filters.is_empty


@pytest.mark.parametrize(
    ("params", "note"),
    [
        ({"known": "29 May"}, "known date '29 May' ignored: write it as YYYY-MM-DD"),
        ({"disputed": "yes"}, "disputed 'yes' ignored: write disputed=1"),
    ],
)
def test_bad_known_or_disputed_is_ignored_with_a_note(
    params: dict[str, str | list[str]], note: str
) -> None:
    assert filters_from_query(params, TRUTH) == (Filters(), [note])
