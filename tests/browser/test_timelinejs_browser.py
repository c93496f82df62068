"""Our TimelineJS export, opened by TimelineJS itself (3.9, from npm) in Chromium."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS
from tests.conftest import DATA, ROOT
from timeline.core.load import load_timeline
from timeline.data.dataset import Dataset
from timeline.data.filters import Filters
from timeline.data.views import ExportView
from timeline.export.dispatch import export

pytestmark = pytest.mark.browser
TIMELINEJS = ROOT / "tests" / "js" / "node_modules" / "@knight-lab" / "timelinejs" / "dist"


def test_timelinejs_opens_our_story(page: Page, tmp_path: Path) -> None:
    dataset = Dataset.from_timeline(load_timeline(DATA))
    story = export(
        ExportView(dataset, dataset.frame, Filters(group="type"), "events.yaml"), "timelinejs"
    )
    page_file = tmp_path / "story.html"
    page_file.write_text(
        f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{(TIMELINEJS / "css" / "timeline.css").as_uri()}">
<script src="{(TIMELINEJS / "js" / "timeline.js").as_uri()}"></script></head>
<body><div id="story" style="width: 1400px; height: 800px"></div><script>
const timeline = new TL.Timeline("story", {json.dumps(json.loads(story))}, {{hash_bookmark: false}});
timeline.on("loaded", () => {{ window.slides = timeline._storyslider._slides.length; }});
</script></body></html>""",
        "utf-8",
    )
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 1400, "height": 800})
    page.goto(page_file.as_uri())
    page.wait_for_function("() => window.slides !== undefined")
    assert page.evaluate("window.slides") == len(dataset.timeline.events) + 1  # and the title slide
    expect(page.locator(".tl-timegroup-message", has_text="negotiation round")).to_have_count(1)
    page.locator(".tl-slidenav-next").first.click()
    expect(page.locator(".tl-slide").nth(1)).to_contain_text(dataset.timeline.events[0].title)
    assert errors == []
    page.screenshot(path=ARTIFACTS / "timelinejs-story.png")
