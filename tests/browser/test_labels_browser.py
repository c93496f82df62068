"""Every event readable without hovering, checked where a reader meets it: exported SVGs opened in
Chromium at each size, filtered and not, with lanes by country, actor and type; and the
dashboard's chart. Text boxes are measured by the browser that draws them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import ARTIFACTS, Serve
from tests.browser.test_dashboard_browser import CHART, open_page
from tests.conftest import SHIPPED
from timeline.core.load import load_timeline
from timeline.data.dataset import Dataset
from timeline.data.filters import Filters, Grouping, apply_filters
from timeline.data.views import ExportView, SizeName
from timeline.export.dispatch import export
from timeline.export.images import ImageRenderer

pytestmark = pytest.mark.browser
TIMELINE = load_timeline(SHIPPED)
DATASET = Dataset.from_timeline(TIMELINE)

# Every text element's box in page pixels, with its words (lines joined by spaces) and whether
# it is a tick label of the time axis.
TEXT_BOXES = """(root) => [...root.querySelectorAll('text')].map(text => {
    const box = text.getBoundingClientRect();
    const lines = [...text.querySelectorAll('tspan.line')];
    const words = (lines.length ? lines.map(line => line.textContent) : [text.textContent]);
    return {left: box.left, top: box.top, right: box.right, bottom: box.bottom,
            text: words.join(' ').replace(/\\s+/g, ' ').trim(),
            xtick: !!text.closest('g.xtick'),
            annotation: !!text.closest('g.annotation')};
}).filter(box => box.text && box.right > box.left)"""


@pytest.fixture(scope="module")
def renderer() -> Iterator[ImageRenderer]:
    with ImageRenderer() as shared:
        yield shared


def overlapping(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [
        (first["text"][:40], second["text"][:40])
        for index, first in enumerate(boxes)
        for second in boxes[index + 1 :]
        if first["left"] < second["right"] - 1
        and second["left"] < first["right"] - 1
        and first["top"] < second["bottom"] - 1
        and second["top"] < first["bottom"] - 1
    ]


def check_readable(
    boxes: list[dict[str, Any]],
    titles: list[str],
    width: float,
    height: float,
    elsewhere: str = "",
) -> None:
    """No two texts overlap; every title is there in full; all text is on the canvas; the time
    axis names days, never clock times (the curated events are dated by day)."""
    assert overlapping(boxes) == []
    shown = " ".join([*(box["text"] for box in boxes), elsewhere])  # the chart, and its key
    missing = [title for title in titles if " ".join(title.split()) not in shown]
    assert missing == []
    outside = [
        b["text"][:30]
        for b in boxes
        if b["left"] < 0 or b["top"] < 0 or b["right"] > width + 1 or b["bottom"] > height + 1
    ]
    assert outside == []
    ticks = [box["text"] for box in boxes if box["xtick"]]
    assert ticks and not [tick for tick in ticks if ":" in tick]


VIEWS = [
    ("all", Filters()),
    ("ukraine", Filters(countries=("UA",))),
    ("turkey-to-june", Filters(countries=("TR",), date_to=date(2025, 6, 30))),
]


@pytest.mark.parametrize("size", ["slide", "a4", "column"])
@pytest.mark.parametrize("group", ["country", "actor", "type"])
@pytest.mark.parametrize(("name", "filters"), VIEWS, ids=[name for name, _ in VIEWS])
def test_exported_svg_is_readable_in_chromium(
    page: Page,
    renderer: ImageRenderer,
    tmp_path: Path,
    size: SizeName,
    group: Grouping,
    name: str,
    filters: Filters,
) -> None:
    chosen = replace(filters, group=group)
    view = ExportView(
        DATASET, apply_filters(DATASET.frame, chosen), chosen, "events.yaml", None, size
    )
    svg = tmp_path / "chart.svg"
    svg.write_bytes(export(view, "svg", renderer))
    page.goto(svg.as_uri())
    root = page.locator("svg").first
    width = float(root.get_attribute("width") or 0)
    height = float(root.get_attribute("height") or 0)
    boxes = page.evaluate(TEXT_BOXES, page.query_selector("svg"))
    check_readable(boxes, list(view.view["title"]), width, height)


def test_the_dashboards_chart_shows_every_title_in_full(page: Page, serve: Serve) -> None:
    open_page(page, serve(SHIPPED))
    chart = page.locator(CHART).first
    box = chart.bounding_box()
    assert box is not None
    boxes = page.evaluate(TEXT_BOXES, chart.element_handle())
    labels = [b for b in boxes if b["annotation"]]
    assert len(labels) >= len(TIMELINE.events)  # every event's title or number, and the as-of note
    key = " ".join(" ".join(page.locator(".st-key-chart_key").all_inner_texts()).split())
    laid_out, drawn = page.evaluate(
        "el => [el.layout.width, el._fullLayout.width]", chart.element_handle()
    )
    assert drawn == laid_out  # drawn at the width its labels were laid out for, not squeezed
    # Boxes relative to the chart, so 'on the canvas' means inside the chart's own area.
    relative = [
        {
            **b,
            "left": b["left"] - box["x"],
            "right": b["right"] - box["x"],
            "top": b["top"] - box["y"],
            "bottom": b["bottom"] - box["y"],
        }
        for b in boxes
    ]
    titles = [event.title for event in TIMELINE.events]
    check_readable(relative, titles, box["width"], box["height"], key)
    page.screenshot(path=ARTIFACTS / "dashboard-labels.png")
