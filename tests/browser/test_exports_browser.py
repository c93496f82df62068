"""Exports opened where users open them: the HTML file offline, downloads from the dashboard."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS, Serve
from tests.conftest import DATA
from timeline.core.load import load_timeline
from timeline.data.dataset import Dataset
from timeline.data.filters import Filters, apply_filters
from timeline.data.frame import to_frame
from timeline.data.views import ExportView
from timeline.export.dispatch import export
from timeline.figures.report import PRESETS

pytestmark = pytest.mark.browser
TIMELINE = load_timeline(DATA)
FRAME = to_frame(TIMELINE)


def test_html_export_draws_offline(page: Page, tmp_path: Path) -> None:
    filters = Filters(countries=("TR",))
    view = ExportView(
        Dataset.from_timeline(TIMELINE), apply_filters(FRAME, filters), filters, "events.yaml"
    )
    path = tmp_path / "view.html"
    path.write_bytes(export(view, "html"))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_function(
        "() => { const c = document.querySelector('.js-plotly-plot');"
        " return c && c.data && c.data.some(t => t.customdata); }"
    )
    drawn = page.evaluate(
        "() => document.querySelector('.js-plotly-plot').data.flatMap(t => Array.from(t.customdata || []))"
    )
    assert sorted(set(drawn)) == sorted(view.view["id"])  # an event has a mark in each of its lanes
    expect(page.locator("tbody tr")).to_have_count(len(view.view))
    assert {urlsplit(url).scheme for url in requests} <= {"file", "data", "blob"}
    page.screenshot(path=ARTIFACTS / "export-html.png", full_page=True)


def test_dashboard_downloads_reflect_the_view(page: Page, serve: Serve, tmp_path: Path) -> None:
    page.goto(serve(DATA) + "/?country=TR&type=call")
    page.get_by_role("tab", name="Export").click()
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Events as CSV").click()
    assert csv_download.value.suggested_filename == "timeline-tr-call.csv"
    saved = tmp_path / "view.csv"
    csv_download.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text("utf-8-sig"))))
    expected = apply_filters(FRAME, Filters(countries=("TR",), types=("call",)))
    assert [row["id"] for row in rows] == list(expected["id"])
    page.get_by_role("radio", name="column").click(force=True)  # the input hides behind its label
    # A button clicked before the rerun has drawn points at a file that rerun replaced.
    expect(page.get_by_text("Charts 640 px wide")).to_be_visible()
    # The tab was clicked before the first run was drawn; the link's filters must survive it.
    expect(page.get_by_text(f"{len(expected)} of {len(FRAME)} events")).to_be_visible()
    assert "country=TR" in page.url
    with page.expect_download(timeout=60_000) as png_download:
        page.get_by_role("button", name="Chart as PNG (2× scale)").click()
    png = tmp_path / "chart.png"
    png_download.value.save_as(png)
    with Image.open(png) as image:
        assert image.size[0] == PRESETS["column"].width * 2
    page.screenshot(path=ARTIFACTS / "dashboard-export.png", full_page=True)
