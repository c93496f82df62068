"""Where the page's data comes from: the last good version of the file, kept for every viewer
(new ones too), and the banner over it when a save is broken or still being written."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import DATA, ROOT, TEST_DATA
from timeline.core.load import load_timeline
from timeline.core.problems import InvalidTimelineError, Problem, UnreadableFileError
from timeline.data.opening import LastGoodVersions, file_signature
from timeline.ui import source

APP = str(ROOT / "dashboard.py")
EVENTS = len(load_timeline(DATA).events)


@pytest.fixture
def live_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "events.yaml"
    shutil.copy(DATA, path)
    monkeypatch.setenv("TIMELINE_DATA", str(path))
    return path


def viewer() -> AppTest:
    """A new session of the page, as a viewer who opens it now."""
    app = AppTest.from_file(APP, default_timeout=30)
    app.run()
    assert not app.exception
    return app


def chart_event_ids(app: AppTest) -> list[str]:
    """The events on the chart, each once however many lanes it sits in."""
    figure: dict[str, Any] = json.loads(app.get("plotly_chart")[0].proto.spec)
    marks = [trace for trace in figure["data"] if trace.get("name") != "labels"]
    return list(dict.fromkeys(i for trace in marks for i in trace.get("customdata") or []))


def test_the_last_good_version_is_kept_per_file_and_an_older_read_never_replaces_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept: LastGoodVersions[str] = LastGoodVersions()
    first, other = tmp_path / "a.yaml", tmp_path / "b.yaml"
    kept.keep(first, "v2", saved=2)
    kept.keep(first, "v1", saved=1)  # a slow reader of the version before
    kept.keep(other, "b", saved=1)
    assert (kept.last(first), kept.last(other), kept.last(tmp_path / "c.yaml")) == ("v2", "b", None)
    monkeypatch.chdir(tmp_path)
    assert kept.last("a.yaml") == "v2"  # the same file by another name


def test_a_kept_version_stands_for_the_file_only_while_its_signature_holds(
    tmp_path: Path,
) -> None:
    kept: LastGoodVersions[str] = LastGoodVersions()
    path = tmp_path / "a.yaml"
    kept.keep(path, "v1", saved=1, signature=(7, 10, 1))
    assert kept.unchanged(path, (7, 10, 1)) == "v1"
    assert kept.unchanged(path, (7, 11, 2)) is None  # saved since: read again
    assert kept.unchanged(tmp_path / "b.yaml", (7, 10, 1)) is None


def test_a_save_changes_the_signature_and_a_missing_file_has_none(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    assert file_signature(path) is None
    path.write_text("title: A\n", "utf-8")
    before = file_signature(path)
    os.utime(path, ns=(1, 1))
    assert file_signature(path) != before  # the same size, saved again


@pytest.mark.parametrize(
    ("error", "shown", "heading"),
    [
        (
            InvalidTimelineError([Problem("/data/events.yaml", 3, 1, "x")] * 2),
            "events.yaml",
            "events.yaml: 2 problems in the events file; still showing the last good version "
            "of events.yaml",
        ),
        (
            UnreadableFileError("/data/events.yaml: the file is changing while it is read"),
            None,
            "events.yaml: the file is changing while it is read",
        ),
    ],
)
def test_the_banner_names_the_file_and_what_is_shown(
    error: InvalidTimelineError | UnreadableFileError, shown: str | None, heading: str
) -> None:
    assert source.problems_heading(error, "/data/events.yaml", shown) == heading


def test_a_viewer_who_opens_the_page_during_a_broken_save_sees_the_last_good_data(
    live_file: Path,
) -> None:
    first = viewer()
    assert first.title[0].value == "Russia–Ukraine peace talks, 2025"
    live_file.write_text(live_file.read_text("utf-8").replace("type: summit", "type: sumit", 1))
    newcomer = viewer()
    assert newcomer.error[0].value == (
        "events.yaml: 1 problem in the events file; still showing the last good version of "
        "events.yaml"
    )
    assert "unknown type 'sumit' (did you mean 'summit'?)" in newcomer.code[0].value
    assert len(chart_event_ids(newcomer)) == EVENTS
    first.run()
    assert first.error[0].value == newcomer.error[0].value
    assert len(chart_event_ids(first)) == EVENTS


def reads_fail(monkeypatch: pytest.MonkeyPatch, error: Callable[[Path], Exception]) -> None:
    """Every later read of the events file raises the error made for its path."""

    def read(path: Path, *_: object) -> bytes:
        raise error(path)

    monkeypatch.setattr(source, "read_stable_file", read)


def test_a_file_being_written_keeps_the_view_with_a_banner(
    live_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    viewer()
    reads_fail(
        monkeypatch,
        lambda path: UnreadableFileError(
            f"{path}: the file is changing while it is read; try again"
        ),
    )
    written = live_file.stat().st_mtime_ns + 1_000_000  # a writer is at work: the file changed
    os.utime(live_file, ns=(written, written))
    newcomer = viewer()
    assert newcomer.error[0].value == (
        "events.yaml: the file is changing while it is read; try again; still showing the last "
        "good version of events.yaml"
    )
    assert len(chart_event_ids(newcomer)) == EVENTS


def test_an_unchanged_file_is_not_read_again(
    live_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    viewer()
    reads_fail(monkeypatch, lambda path: AssertionError(f"{path} read again although unchanged"))
    newcomer = viewer()
    assert not newcomer.error and len(chart_event_ids(newcomer)) == EVENTS


def test_an_upload_stays_in_its_own_session(live_file: Path) -> None:
    uploader = viewer()
    content = (TEST_DATA / "bad" / "unknown-actor.yaml").read_bytes().replace(b"peskof", b"peskov")
    uploader.file_uploader(key="upload").set_value(("mine.yaml", content, "text/yaml")).run()
    assert uploader.title[0].value == "Test"
    live_file.write_text("title: [broken\n", "utf-8")
    other = viewer()
    assert other.title[0].value == "Russia–Ukraine peace talks, 2025"  # not the upload
    assert "still showing the last good version of events.yaml" in other.error[0].value


def test_a_file_broken_from_the_start_shows_its_problems_and_no_view(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "events.yaml"
    path.write_text("title: [broken\n", "utf-8")
    monkeypatch.setenv("TIMELINE_DATA", str(path))
    app = viewer()
    assert app.error[0].value == "events.yaml: 1 problem in the events file"
    assert not app.get("plotly_chart")
    shutil.copy(DATA, path)
    app.run()
    assert not app.error and len(chart_event_ids(app)) == EVENTS
