"""`timeline dashboard` opens the events file as its server starts: the first page reads what was
opened, and a page opened meanwhile waits for it rather than opening the file a second time."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from benchmarks.synthetic import synthetic_acled_csv
from tests.conftest import ROOT
from timeline.data import opening
from timeline.data.cache import CACHE_MIN_EVENTS
from timeline.data.dataset import Dataset
from timeline.ui import serve, source

EVENTS = CACHE_MIN_EVENTS + 100  # large enough to be cached on disk


@pytest.fixture
def acled_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "acled.csv"
    path.write_text(synthetic_acled_csv(EVENTS), "utf-8")
    monkeypatch.setenv("TIMELINE_DATA", str(path))
    return path


@pytest.fixture
def opened_files(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str]]]:
    """The files parsed (not read from the cache) while the test runs, and by whom: the thread
    that opens them ahead, or a page."""
    parsed: list[tuple[str, str]] = []
    real_open = opening.open_timeline

    def counted(content: bytes, name: str, format_name: str | None = None) -> Dataset:
        ahead = threading.current_thread().name == "timeline-open-ahead"
        parsed.append((Path(name).name, "ahead" if ahead else "page"))
        return real_open(content, name, format_name)

    monkeypatch.setattr(opening, "open_timeline", counted)
    monkeypatch.setattr(serve, "_opening_ahead", [])
    source.forget_opened_files()
    yield parsed
    serve.wait_for_opening_ahead()
    source.forget_opened_files()


def page_header(app: AppTest) -> str:
    assert not app.exception
    return str(app.markdown[0].value)


def test_the_first_page_shows_the_file_opened_as_the_server_started(
    acled_file: Path, opened_files: list[tuple[str, str]]
) -> None:
    serve.open_ahead(acled_file)
    serve.wait_for_opening_ahead()
    assert opened_files == [("acled.csv", "ahead")]
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.run()
    assert page_header(app) == f"**{EVENTS:,} of {EVENTS:,} events**"
    assert opened_files == [("acled.csv", "ahead")]  # read from the cache, not parsed again


def test_a_page_opened_while_the_file_is_opened_ahead_waits_for_it(
    acled_file: Path, opened_files: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    page_asked = threading.Event()
    counted_open = opening.open_timeline

    def held_open(content: bytes, name: str, format_name: str | None = None) -> Dataset:
        page_asked.wait(timeout=60)  # the opening ahead is still at work when the page comes
        return counted_open(content, name, format_name)

    def still_opening() -> bool:
        opening_now = serve.opening_ahead()
        page_asked.set()
        return opening_now

    monkeypatch.setattr(opening, "open_timeline", held_open)
    monkeypatch.setattr(source, "opening_ahead", still_opening)
    serve.open_ahead(acled_file)
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.run()
    assert page_header(app) == f"**{EVENTS:,} of {EVENTS:,} events**"
    assert opened_files == [("acled.csv", "ahead")]


def test_a_file_with_problems_is_left_for_the_page_to_show(
    tmp_path: Path, opened_files: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "events.yaml"  # long enough to be opened ahead
    broken.write_text("# a note\n" * CACHE_MIN_EVENTS + "title: A\nevents:\n  - id: [\n", "utf-8")
    monkeypatch.setenv("TIMELINE_DATA", str(broken))
    serve.open_ahead(broken)
    serve.wait_for_opening_ahead()
    assert opened_files == [("events.yaml", "ahead")]
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    app.run()
    assert not app.exception
    assert "events.yaml" in app.error[0].value
    assert opened_files == [("events.yaml", "ahead"), ("events.yaml", "page")]


def test_a_file_too_small_to_be_cached_is_left_for_the_page(
    tmp_path: Path, opened_files: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    small = tmp_path / "small.csv"
    small.write_text(synthetic_acled_csv(300), "utf-8")
    monkeypatch.setenv("TIMELINE_DATA", str(small))
    serve.open_ahead(small)
    serve.wait_for_opening_ahead()
    assert opened_files == []  # the page would open it again: not opened twice
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    app.run()
    assert page_header(app) == "**300 of 300 events**"
    assert opened_files == [("small.csv", "page")]
