"""The Streamlit page, run headless with AppTest: filters, the URL, details, data source."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from benchmarks.synthetic import synthetic_acled_csv
from tests.conftest import DATA, ROOT, TEST_DATA
from timeline.core.load import load_timeline
from timeline.data import cache
from timeline.data.cache import CACHE_MIN_EVENTS
from timeline.data.cache_index import cache_folder
from timeline.data.filters import Filters, Grouping, apply_filters
from timeline.data.opening import open_timeline, open_timeline_cached
from timeline.data.views import event_option_label
from timeline.figures.density import DENSITY_THRESHOLD
from timeline.figures.timeline import timeline_chart
from timeline.ui import panels, source

APP = str(ROOT / "dashboard.py")
TOTAL = len(load_timeline(DATA).events)


def start(
    monkeypatch: pytest.MonkeyPatch, data: Path = DATA, /, **query: str | list[str]
) -> AppTest:
    monkeypatch.setenv("TIMELINE_DATA", str(data))
    app = AppTest.from_file(APP, default_timeout=30)
    for name, value in query.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception
    return app


def count_line(app: AppTest) -> str:
    return next(block.value for block in app.markdown if " events**" in block.value)


def chart_event_ids(app: AppTest) -> list[str]:
    """The events drawn on the timeline chart, each once however many lanes it sits in (from
    the figure sent to the browser)."""
    chart = app.get("plotly_chart")[0]
    figure: dict[str, Any] = json.loads(chart.proto.spec)
    marks = [trace for trace in figure["data"] if trace.get("name") != "labels"]
    return list(dict.fromkeys(i for trace in marks for i in trace.get("customdata") or []))


def param(app: AppTest, name: str) -> list[str]:
    """A query parameter as a list (AppTest reads a single value back as a string)."""
    value = app.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def shown(app: AppTest) -> int:
    return int(count_line(app).strip("*").split(" of ")[0])


def test_first_page_shows_every_event_on_the_chart(monkeypatch: pytest.MonkeyPatch) -> None:
    app = start(monkeypatch)
    assert app.title[0].value == "Russia–Ukraine peace talks, 2025"
    assert count_line(app).startswith(f"**{TOTAL} of {TOTAL} events**")
    assert sorted(chart_event_ids(app)) == sorted(e.id for e in load_timeline(DATA).events)


@pytest.mark.parametrize(
    ("key", "value", "expected_ids"),
    [
        (
            "country",
            ["BY"],
            {"prisoner-exchange-1000-for-1000", "young-wounded-pow-exchange-begins"},
        ),
        ("actor", ["witkoff"], {"witkoff-meets-putin", "alaska-summit"}),
        (
            "type",
            ["negotiation_round"],
            {
                "istanbul-talks-proposed-15-may",
                "istanbul-round-1",
                "istanbul-round-2",
                "istanbul-round-3",
            },
        ),
        ("status", ["proposed"], {"leaders-meeting-by-end-august"}),
        ("q", "Spider", {"spiders-web-drone-strikes"}),
    ],
)
def test_each_filter_narrows_the_chart(
    monkeypatch: pytest.MonkeyPatch, key: str, value: object, expected_ids: set[str]
) -> None:
    app = start(monkeypatch)
    widget = app.get_by_key(key)
    widget.set_value(value).run()  # type: ignore[union-attr]
    assert set(chart_event_ids(app)) == expected_ids
    assert count_line(app).startswith(f"**{len(expected_ids)} of {TOTAL} events**")


def test_filters_combine_and_reset(monkeypatch: pytest.MonkeyPatch) -> None:
    app = start(monkeypatch)
    app.get_by_key("country").set_value(["TR"]).run()  # type: ignore[union-attr]
    turkey = shown(app)
    app.get_by_key("type").set_value(["call"]).run()  # type: ignore[union-attr]
    both = shown(app)
    assert 0 < both < turkey < TOTAL
    app.button(key="reset").click().run()
    assert shown(app) == TOTAL
    assert dict(app.query_params) == {}
    assert not app.warning


def test_date_range_keeps_events_that_overlap_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    app = start(monkeypatch)
    app.get_by_key("from").set_value(date(2025, 5, 24)).run()  # type: ignore[union-attr]
    app.get_by_key("to").set_value(date(2025, 5, 24)).run()  # type: ignore[union-attr]
    ids = set(chart_event_ids(app))
    assert "prisoner-exchange-1000-for-1000" in ids  # 23–25 May covers the 24th
    assert "russian-air-attack-may-25" in ids  # c. 25 May may be the 24th
    assert "putin-trump-call-may-19" not in ids


def test_actor_options_are_found_by_alias(monkeypatch: pytest.MonkeyPatch) -> None:
    app = start(monkeypatch)
    labels = app.get_by_key("actor").options  # type: ignore[union-attr]
    assert any("Sibiga" in label and "Andrii Sybiha" in label for label in labels)


def test_link_restores_the_view_and_changes_update_the_link(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = start(
        monkeypatch,
        country=["RU", "TR"],
        actor="peskov",
        type="statement",
        status="happened",
        **{"from": "2025-05-15", "to": "2025-06-05"},
        q="memorandum",
        group="actor",
    )
    assert app.get_by_key("country").value == ["RU", "TR"]  # type: ignore[union-attr]
    assert app.get_by_key("group").value == "actor"  # type: ignore[union-attr]
    assert set(chart_event_ids(app)) == {"peskov-delegation-to-istanbul"}
    app.get_by_key("status").set_value([]).run()  # type: ignore[union-attr]
    assert param(app, "q") == ["memorandum"]
    assert param(app, "status") == []
    assert param(app, "country") == ["RU", "TR"]
    assert param(app, "from") == ["2025-05-15"]


def test_reset_after_a_link_clears_the_links_filters(monkeypatch: pytest.MonkeyPatch) -> None:
    app = start(monkeypatch, country="BY", q="exchange", group="type")
    assert shown(app) == 2
    app.button(key="reset").click().run()
    assert shown(app) == TOTAL
    assert app.get_by_key("group").value == "country"  # type: ignore[union-attr]
    assert not app.warning
    app.run()
    assert shown(app) == TOTAL, "the link's filters do not come back"


def test_unknown_values_in_a_link_are_ignored_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    app = start(monkeypatch, country=["UA", "XX"], group="colour", event="no-such-event")
    notes = [warning.value.replace("\\", "") for warning in app.warning]  # Markdown escapes
    assert "Link: unknown country 'XX' ignored" in notes
    assert "Link: unknown group 'colour' ignored: use country, actor or type" in notes
    assert "Link: unknown event 'no-such-event' ignored" in notes
    assert app.get_by_key("country").value == ["UA"]  # type: ignore[union-attr]


def test_event_in_the_link_opens_its_details(monkeypatch: pytest.MonkeyPatch) -> None:
    app = start(monkeypatch, event="istanbul-round-2")
    text = "\n".join(block.value for block in app.markdown)
    assert app.subheader[0].value == "Second round of direct talks in Istanbul"
    assert "Rustem Umerov, Minister of Defence of Ukraine" in text
    assert "(https://tass.com/politics/1967455)" in text
    assert param(app, "event") == ["istanbul-round-2"]


def test_roles_are_those_held_at_the_time(monkeypatch: pytest.MonkeyPatch) -> None:
    app = start(monkeypatch, event="istanbul-round-3")
    text = "\n".join(block.value for block in app.markdown)
    assert (
        "Rustem Umerov, Secretary of the National Security and Defence Council of Ukraine" in text
    )


def test_clicking_a_mark_opens_the_event(monkeypatch: pytest.MonkeyPatch) -> None:
    app = start(monkeypatch)
    point = {"curve_number": 0, "point_index": 0, "customdata": ["alaska-summit"]}
    app.session_state[panels.CHART_KEY] = {"selection": {"points": [point], "point_indices": [0]}}
    app.run()
    assert app.subheader[0].value == "Trump and Putin meet in Alaska"
    assert param(app, "event") == ["alaska-summit"]


def test_related_events_open_in_turn(monkeypatch: pytest.MonkeyPatch) -> None:
    app = start(monkeypatch, event="lavrov-proposes-second-round")
    related = next(b for b in app.button if "Second round of direct talks" in b.label)
    related.click().run()
    assert app.subheader[0].value == "Second round of direct talks in Istanbul"
    assert param(app, "event") == ["istanbul-round-2"]


def test_table_lists_the_filtered_events_with_links(monkeypatch: pytest.MonkeyPatch) -> None:
    app = start(monkeypatch, country="BY")
    assert not app.dataframe, "closed tabs do not run"
    app.session_state["view"] = "Table"
    app.run()
    table = app.dataframe[0].value
    assert len(table) == 2
    assert all(url.startswith("https://") for url in table["Source"])


def test_actors_tab_shows_the_matrix_and_activity(monkeypatch: pytest.MonkeyPatch) -> None:
    app = start(monkeypatch)
    app.session_state["view"] = "Actors"
    app.run()
    assert [block.value for block in app.subheader] == [
        "Who met, called or negotiated with whom",
        "Each country's activity, week by week",
    ]
    assert len(app.get("plotly_chart")) == 2


def test_upload_is_checked_by_the_same_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    app = start(monkeypatch)
    content = (TEST_DATA / "bad" / "unknown-actor.yaml").read_bytes()
    app.file_uploader(key="upload").set_value(("mine.yaml", content, "application/yaml")).run()
    assert "1 problem in the events file" in app.error[0].value
    assert "mine.yaml:13:14: unknown actor 'peskof'" in app.code[0].value
    fixed = content.replace(b"peskof", b"peskov")
    app.file_uploader(key="upload").set_value(("mine.yaml", fixed, "application/yaml")).run()
    assert not app.error
    assert app.title[0].value == "Test"


def test_changed_file_is_picked_up_and_bad_version_keeps_last_good(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "events.yaml"
    shutil.copy(DATA, path)
    app = start(monkeypatch, path)
    original = path.read_text("utf-8")
    path.write_text(
        original.replace("title: Russia–Ukraine peace talks, 2025", "title: Edited"), "utf-8"
    )
    app.run()
    assert app.title[0].value == "Edited"
    path.write_text(original.replace("type: summit", "type: sumit", 1), "utf-8")
    app.run()
    assert "1 problem in the events file; still showing the last good version" in app.error[0].value
    assert "unknown type 'sumit' (did you mean 'summit'?)" in app.code[0].value
    assert app.title[0].value == "Edited"
    assert len(chart_event_ids(app)) == TOTAL


def test_invalid_file_at_start_shows_located_problems(monkeypatch: pytest.MonkeyPatch) -> None:
    app = start(monkeypatch, TEST_DATA / "bad" / "unknown-actor.yaml")
    assert "1 problem in the events file" in app.error[0].value
    assert "13:14: unknown actor 'peskof'" in app.code[0].value


def test_filter_change_does_no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = open_timeline_cached

    def counting(content: bytes, name: str, digest: str | None = None) -> Any:
        calls.append(name)
        return original(content, name, digest)

    monkeypatch.setattr(source, "open_timeline_cached", counting)
    source.forget_opened_files()
    app = start(monkeypatch)
    app.get_by_key("country").set_value(["UA"]).run()  # type: ignore[union-attr]
    app.get_by_key("q").set_value("Istanbul").run()  # type: ignore[union-attr]
    assert calls == [str(DATA)]


def test_large_views_list_and_tabulate_a_bounded_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(panels, "MAX_LISTED_EVENTS", 5)
    monkeypatch.setattr(panels, "MAX_TABLE_ROWS", 3)
    app = start(monkeypatch)
    chooser = app.get_by_key("event")
    assert len(chooser.options) == 6  # type: ignore[union-attr]
    assert chooser.help == f"The first 5 of {TOTAL}: search or narrow the filters."
    app.session_state["view"] = "Table"
    app.run()
    assert len(app.dataframe[0].value) == 3
    assert app.caption[0].value == f"The first 3 of {TOTAL} events; export CSV for all of them."


def test_a_counted_view_lists_its_first_thousand_events_and_says_how_to_find_others(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "acled.csv"
    path.write_text(synthetic_acled_csv(DENSITY_THRESHOLD + 500), "utf-8")
    chooser = start(monkeypatch, path).get_by_key("event")
    assert len(chooser.options) == DENSITY_THRESHOLD + 1  # type: ignore[union-attr]
    note = f"The first 1,000 of {DENSITY_THRESHOLD + 500:,}: search or narrow the filters."
    assert chooser.help == note


def test_link_dates_outside_the_data_are_brought_within_it(monkeypatch: pytest.MonkeyPatch) -> None:
    app = start(monkeypatch, **{"from": "2025-01-01", "to": "2100-01-01"})
    assert app.get_by_key("from").value.isoformat() == "2025-05-10"  # type: ignore[union-attr]
    assert shown(app) == TOTAL


def test_link_notes_show_markdown_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    app = start(monkeypatch, country="[Click here](https://evil.example)")
    note = app.warning[0].value
    assert "[Click here](" not in note
    assert (
        note.replace("\\", "")
        == "Link: unknown country '[Click here](https://evil.example)' ignored"
    )


def test_related_buttons_show_titles_as_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(
        "title: T\nevents:\n"
        "  - {id: first, date: 2025-05-19, title: '![x](https://tracker.invalid/p.png)', type: call, sources: [{url: 'https://e.org'}]}\n"
        "  - {id: second, date: 2025-05-20, title: Second, type: call, sources: [{url: 'https://e.org'}], related: [{event: first, relation: responds_to}]}\n",
        "utf-8",
    )
    app = start(monkeypatch, path, event="second")
    label = next(button.label for button in app.button if "responds to" in button.label)
    assert "![x](" not in label


@pytest.mark.parametrize("group", ["country", "actor", "type"])
def test_a_counted_view_has_the_lanes_of_its_grouping(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, group: Grouping
) -> None:
    path = tmp_path / "acled.csv"
    path.write_text(synthetic_acled_csv(DENSITY_THRESHOLD + 500), "utf-8")
    dataset = open_timeline_cached(path.read_bytes(), path.name)
    expected = timeline_chart(dataset.frame, dataset.timeline, group).figure
    app = start(monkeypatch, path, group=group)
    figure: dict[str, Any] = json.loads(app.get("plotly_chart")[0].proto.spec)
    assert figure["layout"]["yaxis"]["ticktext"] == list(expected.layout.yaxis.ticktext)
    assert len(figure["layout"]["yaxis"]["ticktext"]) > 1


def test_a_cached_file_in_many_chunks_lists_the_events_the_import_does(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Written 1,000 rows at a time, each text and list column is read back in several chunks.
    monkeypatch.setattr(cache, "WRITE_SLICE_ROWS", 1_000)
    path = tmp_path / "acled.csv"
    path.write_text(synthetic_acled_csv(CACHE_MIN_EVENTS + 500), "utf-8")
    imported = open_timeline(path.read_bytes(), path.name)  # not cached: one chunk or none
    country = str(next(iter(imported.frame["countries"].iloc[7])))
    first_day = imported.frame["start"].sort_values().iloc[len(imported.frame) // 2].date()
    chosen = Filters(countries=(country,), date_from=first_day, query="attack")
    expected = apply_filters(imported.frame, chosen)
    assert 0 < len(expected) <= DENSITY_THRESHOLD
    app = start(monkeypatch, path, country=country, q="attack", **{"from": str(first_day)})
    (entry,) = cache_folder().glob("*.arrow")
    assert pa.ipc.open_file(str(entry)).num_record_batches > 1
    assert shown(app) == len(expected)
    assert sorted(chart_event_ids(app)) == sorted(expected["id"])
    options = app.get_by_key("event").options  # type: ignore[union-attr]
    labels = map(event_option_label, expected["title"], expected["date_label"])
    assert options[1:] == list(labels)
