"""The dashboard in headless Chromium: marks drawn, filters, links, clicks, and hostile text."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Dialog, Page, expect

from tests.browser.conftest import ARTIFACTS, Serve
from tests.conftest import DATA, TEST_DATA
from timeline.core.load import load_timeline
from timeline.data.frame import to_frame

pytestmark = pytest.mark.browser
CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot'
DRAWN_IDS = """() => {
    const chart = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    if (!chart || !chart.data) return null;
    // Each event once, however many lanes its marks sit in (the "labels" trace repeats them).
    const ids = chart.data.filter(trace => trace.name !== "labels")
        .flatMap(trace => Array.from(trace.customdata || []));
    return [...new Set(ids)];
}"""
POINT_POSITION = """(eventId) => {
    const chart = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    const layout = chart._fullLayout, box = chart.getBoundingClientRect();
    for (let t = 0; t < chart.data.length; t++) {
        const index = Array.from(chart.data[t].customdata || []).indexOf(eventId);
        if (index >= 0) {
            const point = chart.calcdata[t][index];
            return {x: box.left + layout._size.l + layout.xaxis.l2p(point.x),
                    y: box.top + layout._size.t + layout.yaxis.l2p(point.y)};
        }
    }
    return null;
}"""


def drawn_ids(page: Page) -> list[str]:
    ids: list[str] | None = page.evaluate(DRAWN_IDS)
    return ids or []


def wait_for_marks(page: Page, count: int) -> None:
    """Wait on the chart's data (not on text: the count updates before Plotly redraws)."""
    page.wait_for_function(
        f"() => {{ const ids = ({DRAWN_IDS})(); return ids && ids.length === {count}; }}"
    )


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(CHART)


def test_chart_draws_one_mark_per_event(page: Page, serve: Serve) -> None:
    open_page(page, serve(DATA))
    expected = sorted(event.id for event in load_timeline(DATA).events)
    wait_for_marks(page, len(expected))
    assert sorted(drawn_ids(page)) == expected
    expect(page.get_by_text(f"{len(expected)} of {len(expected)} events")).to_be_visible()
    page.screenshot(path=ARTIFACTS / "dashboard.png")


def test_choosing_a_country_redraws_and_updates_the_link(page: Page, serve: Serve) -> None:
    open_page(page, serve(DATA))
    country = page.get_by_test_id("stMultiSelect").filter(has_text="Country")
    country.locator("input").fill("Belarus")
    country.locator("input").press("Enter")
    wait_for_marks(page, 2)
    page.wait_for_url("**country=BY**")
    assert sorted(drawn_ids(page)) == [
        "prisoner-exchange-1000-for-1000",
        "young-wounded-pow-exchange-begins",
    ]
    page.screenshot(path=ARTIFACTS / "dashboard-belarus.png")


def test_a_link_with_filters_shows_that_view(page: Page, serve: Serve) -> None:
    timeline = load_timeline(DATA)
    frame = to_frame(timeline)
    expected = frame[(frame["type"] == "call") & frame["countries"].map(lambda c: "TR" in c)]
    open_page(page, serve(DATA) + "/?country=TR&type=call&group=actor")
    wait_for_marks(page, len(expected))
    assert sorted(drawn_ids(page)) == sorted(expected["id"])
    expect(page.get_by_text(f"{len(expected)} of {len(frame)} events")).to_be_visible()
    expect(page.get_by_test_id("stMultiSelect").filter(has_text="Country")).to_contain_text(
        "Türkiye"
    )


def test_clicking_an_event_shows_its_details(page: Page, serve: Serve) -> None:
    open_page(page, serve(DATA))
    wait_for_marks(page, len(load_timeline(DATA).events))
    page.locator(CHART).first.scroll_into_view_if_needed()
    position = page.evaluate(POINT_POSITION, "alaska-summit")
    page.mouse.click(position["x"], position["y"])
    details = page.locator(".st-key-details")
    expect(details.get_by_role("heading")).to_have_text("Trump and Putin meet in Alaska")
    expect(details).to_contain_text("Steve Witkoff")
    page.wait_for_url("**event=alaska-summit**")
    source = details.get_by_role("link").first
    assert (source.get_attribute("href") or "").startswith("https://")
    assert source.get_attribute("target") == "_blank"
    details.scroll_into_view_if_needed()
    page.screenshot(path=ARTIFACTS / "dashboard-details.png", full_page=True)


def test_hostile_text_runs_nothing_and_reaches_nothing_outside(page: Page, serve: Serve) -> None:
    url = serve(TEST_DATA / "hostile.yaml")
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    def record_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record_dialog)
    open_page(page, url + "/?event=hostile-event")
    details = page.locator(".st-key-details")
    expect(details).to_contain_text("<script>window.__pwned='event'</script><b>Bold?</b>")
    expect(details).to_contain_text("[here](javascript:window.__pwned='summary')")
    # Each tab as a reader opens it: click, then wait for what it shows before the next one.
    for tab, shown in (
        ("Table", '[data-testid="stDataFrame"]'),
        ("Actors", CHART),
        ("Timeline", CHART),
    ):
        page.get_by_role("tab", name=tab).click()
        expect(page.get_by_role("tab", name=tab)).to_have_attribute("aria-selected", "true")
        expect(page.get_by_role("tabpanel").locator(shown).first).to_be_visible()
    page.get_by_role("tabpanel").locator(CHART).first.hover()
    page.screenshot(path=ARTIFACTS / "dashboard-hostile.png", full_page=True)
    assert page.evaluate("() => window.__pwned") is None
    assert dialogs == []
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
    assert not [href for href in hrefs if href.startswith(("javascript:", "data:"))]
    outside = [r for r in requests if urlsplit(r).hostname not in ("127.0.0.1", "localhost", None)]
    assert outside == []
