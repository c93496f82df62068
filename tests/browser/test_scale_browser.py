"""100,000 events in the dashboard: the chart draws them all, and a filter redraws it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import Page

from benchmarks.synthetic import synthetic_acled_csv
from tests.browser.conftest import ARTIFACTS, Serve
from tests.browser.test_dashboard_browser import CHART, drawn_ids, wait_for_marks
from timeline.data.filters import Filters, apply_filters
from timeline.data.opening import open_timeline

pytestmark = pytest.mark.browser
EVENTS = 100_000


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scale") / "acled-100k.csv"
    path.write_text(synthetic_acled_csv(EVENTS), "utf-8")
    return path


def test_a_hundred_thousand_events_draw_and_filter(
    page: Page, serve: Serve, big_file: Path
) -> None:
    dataset = open_timeline(big_file.read_bytes(), big_file.name)
    expected = apply_filters(dataset.frame, Filters(countries=("UA",)))
    page.set_default_timeout(90_000)
    page.goto(serve(big_file))
    page.wait_for_selector(CHART)
    wait_for_marks(page, EVENTS)
    country = page.get_by_test_id("stMultiSelect").filter(has_text="Country")
    country.locator("input").fill("Ukraine")
    started = time.monotonic()
    country.locator("input").press("Enter")
    wait_for_marks(page, len(expected))
    redraw = time.monotonic() - started
    assert sorted(drawn_ids(page)) == sorted(expected["id"])
    page.screenshot(path=ARTIFACTS / "dashboard-100k.png")
    (ARTIFACTS / "scale-redraw.txt").write_text(f"filter to redraw: {redraw:.2f} s\n", "utf-8")
