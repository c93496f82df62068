"""The frame: one row per event, typed columns, spans that respect precision."""

from __future__ import annotations

import pandas as pd

from tests.conftest import DATA, TEST_DATA, WriteEvents
from timeline.core.load import load_timeline
from timeline.data.frame import to_frame

EVENTS = """\
- id: later
  date: 2025-08
  title: Month only
  type: summit
  status: proposed
  sources: [{url: "https://example.org/1"}]
- id: swap
  date: 2025-05-23
  end: 2025-05-25
  title: Three-day exchange
  type: exchange
  actors: [sybiha]
  sources: [{url: "https://example.org/2"}, {url: "https://example.org/3"}]
- id: attack
  date: 2025-05-25
  approximate: true
  title: Overnight attack
  type: military_action
  countries: [RU]
  quotes: [{actor: peskov, text: Behind closed doors}]
  sources: [{url: "https://example.org/4"}]
- id: timed
  date: 2025-06-02T10:00Z
  title: Round starts
  type: negotiation_round
  sources: [{url: "https://example.org/5"}]
"""


def test_frame_columns_and_dtypes(write_events: WriteEvents) -> None:
    frame = to_frame(load_timeline(write_events(EVENTS)))
    assert list(frame["id"]) == ["swap", "attack", "timed", "later"]
    assert frame["start"].dtype == "datetime64[us]"
    assert frame["span_end"].dtype == "datetime64[us]"
    assert isinstance(frame["type"].dtype, pd.CategoricalDtype)
    assert list(frame["status"].cat.categories) == [
        "happened",
        "scheduled",
        "proposed",
        "postponed",
        "cancelled",
    ]
    assert frame["approximate"].dtype == bool
    assert frame["source_count"].tolist() == [2, 1, 1, 1]
    assert frame["title"].dtype == "str"


def test_frame_values_a_user_sees(write_events: WriteEvents) -> None:
    frame = to_frame(load_timeline(write_events(EVENTS))).set_index("id")
    assert frame.loc["later", "date_label"] == "Aug 2025"
    assert frame.loc["swap", "date_label"] == "23–25 May 2025"
    assert frame.loc["attack", "date_label"] == "c. 25 May 2025"
    assert frame.loc["timed", "date_label"] == "2 Jun 2025, 10:00 UTC"
    assert frame.loc["swap", "countries"] == ["UA"]
    assert frame.loc["swap", "actor_names"] == ["Andrii Sybiha", "Andrei Sibiga"]
    assert frame.loc["attack", "quotes"] == "Behind closed doors"
    assert frame["location"].isna().tolist() == [True, True, True, True]


def test_spans_cover_what_the_date_may_mean(write_events: WriteEvents) -> None:
    frame = to_frame(load_timeline(write_events(EVENTS))).set_index("id")
    spans = {key: (str(row.span_start), str(row.span_end)) for key, row in frame.iterrows()}
    assert spans["later"] == ("2025-08-01 00:00:00", "2025-09-01 00:00:00")
    assert spans["swap"] == ("2025-05-23 00:00:00", "2025-05-26 00:00:00")
    assert spans["attack"] == ("2025-05-22 00:00:00", "2025-05-29 00:00:00")


def test_dataset_frame_has_a_row_per_event() -> None:
    timeline = load_timeline(DATA)
    frame = to_frame(timeline)
    assert len(frame) == len(timeline.events)
    assert frame["id"].is_unique


def test_frame_records_disputed_points_and_history() -> None:
    frame = to_frame(load_timeline(TEST_DATA / "truth.yaml")).set_index("id")
    assert frame.loc["istanbul-round-1", "disputed_points"] == ["duration"]  # 'venue': one
    assert frame.loc["istanbul-round-2", "disputed_points"] == ["bodies"]
    assert frame.loc["lavrov-proposes-second-round", "disputed_points"] == []
    assert frame["disputed"].tolist() == [True, False, True, False]
    round_2 = frame.loc["istanbul-round-2"]
    assert round_2["history_statuses"] == ["proposed", "scheduled", "happened"]
    assert [moment.day for moment in round_2["history_dates"]] == [28, 31, 2]
    assert round_2["known_from"] == pd.Timestamp("2025-05-28")
    assert frame.loc["istanbul-round-1", "known_from"] == pd.Timestamp("2025-05-16")
    assert frame["known_from"].dtype == "datetime64[us]"


def test_search_finds_what_accounts_say() -> None:
    frame = to_frame(load_timeline(TEST_DATA / "truth.yaml"))
    assert frame[frame["search_text"].str.contains("100 minutes")]["id"].tolist() == [
        "istanbul-round-1"
    ]
