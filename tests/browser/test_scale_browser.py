"""100,000 events in the dashboard: counted per week in each lane, exactly; a narrower view
draws each of its events."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from benchmarks.synthetic import synthetic_acled_csv
from tests.browser.conftest import ARTIFACTS, Serve
from tests.browser.test_dashboard_browser import CHART, drawn_ids, wait_for_marks
from timeline.data.filters import Filters, apply_filters
from timeline.data.opening import open_timeline
from timeline.figures.density import DENSITY_THRESHOLD

pytestmark = pytest.mark.browser
EVENTS = 100_000
# The events counted in the chart's heat strip (an event counts once in each of its lanes).
COUNTED = """() => {
    const chart = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    if (!chart || !chart.data) return null;
    const strip = chart.data.find(trace => trace.type === "heatmap");
    if (!strip) return null;
    return strip.z.flat().reduce((sum, count) => sum + (count || 0), 0);
}"""


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scale") / "acled-100k.csv"
    path.write_text(synthetic_acled_csv(EVENTS), "utf-8")
    return path


def wait_for_count(page: Page, count: int) -> None:
    page.wait_for_function(f"() => ({COUNTED})() === {count}")


def test_a_hundred_thousand_events_are_counted_and_a_narrow_view_drawn(
    page: Page, serve: Serve, big_file: Path
) -> None:
    dataset = open_timeline(big_file.read_bytes(), big_file.name)
    ukraine = apply_filters(dataset.frame, Filters(countries=("UA",)))
    assert len(ukraine) > DENSITY_THRESHOLD  # still counted, not drawn one by one
    page.set_default_timeout(90_000)
    page.goto(serve(big_file))
    page.wait_for_selector(CHART)
    wait_for_count(page, EVENTS)  # each synthetic ACLED event has one country
    page.screenshot(path=ARTIFACTS / "dashboard-100k.png")
    country = page.get_by_test_id("stMultiSelect").filter(has_text="Country")
    country.locator("input").fill("Ukraine")
    started = time.monotonic()
    country.locator("input").press("Enter")
    wait_for_count(page, len(ukraine))
    redraw = time.monotonic() - started
    (ARTIFACTS / "scale-redraw.txt").write_text(f"filter to redraw: {redraw:.2f} s\n", "utf-8")
    first = ukraine["start"].min().date()
    narrow = apply_filters(ukraine, Filters(date_from=first, date_to=first.replace(day=28)))
    page.goto(f"{serve(big_file)}/?country=UA&from={first}&to={first.replace(day=28)}")
    wait_for_marks(page, len(narrow))
    assert sorted(drawn_ids(page)) == sorted(narrow["id"])
    assert page.get_by_text(f"{len(narrow):,} of {EVENTS:,} events").is_visible()
    page.screenshot(path=ARTIFACTS / "dashboard-100k-narrow.png")


def test_the_dashboard_opens_a_large_file_as_it_starts_before_any_page_asks(
    page: Page, serve: Serve, tmp_path: Path, private_cache: Path
) -> None:
    events = 6_000
    path = tmp_path / "acled-6000.csv"
    path.write_text(synthetic_acled_csv(events, seed=5), "utf-8")
    url = serve(path)

    # No page is open yet: the server alone fills the disk cache. An entry's header is written
    # last, once its frame is complete (a file being written starts with '.partial-').
    def entries() -> list[Path]:
        return [path for path in private_cache.glob("*.json") if not path.name.startswith(".")]

    deadline = time.monotonic() + 60
    while not entries() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(entries()) == 1
    assert len(list(private_cache.glob("*.arrow"))) == 1
    page.goto(url)
    page.wait_for_selector(CHART)
    expect(page.get_by_text(f"{events:,} of {events:,} events")).to_be_visible()
