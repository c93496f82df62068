"""The Streamlit page, run headless with AppTest."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import DATA, ROOT, TEST_DATA
from timeline.load import load_timeline

APP = str(ROOT / "dashboard.py")


@pytest.fixture(autouse=True)
def quiet_streamlit_logging() -> None:
    # Every AppTest logs "missing ScriptRunContext"; it says nothing about our page.
    logging.getLogger("streamlit").setLevel(logging.ERROR)


def run_app(monkeypatch: pytest.MonkeyPatch, data: Path) -> AppTest:
    monkeypatch.setenv("TIMELINE_DATA", str(data))
    app = AppTest.from_file(APP, default_timeout=30)
    return app.run()


def test_first_page_shows_title_count_and_events(monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(monkeypatch, DATA)
    assert not app.exception
    timeline = load_timeline(DATA)
    assert app.title[0].value == timeline.title
    assert app.metric[0].value == str(len(timeline.events))
    table = app.dataframe[0].value
    assert len(table) == len(timeline.events)
    assert set(table["title"]) == {event.title for event in timeline.events}


def test_invalid_file_shows_located_problems(monkeypatch: pytest.MonkeyPatch) -> None:
    bad = TEST_DATA / "bad" / "unknown-actor.yaml"
    app = run_app(monkeypatch, bad)
    assert not app.exception
    assert "has problems" in app.error[0].value
    assert "13:14: unknown actor 'peskof'" in app.code[0].value
