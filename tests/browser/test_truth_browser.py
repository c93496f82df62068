"""The view as known on a day and an event's accounts and history, in headless Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS, Serve
from tests.browser.test_dashboard_browser import CHART, drawn_ids, open_page, wait_for_marks
from tests.conftest import TEST_DATA

pytestmark = pytest.mark.browser
TRUTH = TEST_DATA / "truth.yaml"


def test_a_known_link_shows_the_view_then_and_an_events_accounts_and_history(
    page: Page, serve: Serve
) -> None:
    open_page(page, serve(TRUTH) + "/?known=2025-05-27")
    wait_for_marks(page, 2)  # the second round is known only from 28 May
    assert sorted(drawn_ids(page)) == ["istanbul-round-1", "leaders-meeting"]
    expect(page.get_by_text("2 of 4 events")).to_be_visible()
    expect(page.get_by_text("as known on 27 May 2025").first).to_be_visible()
    # The chart's as-of line has moved to that day and says so too.
    expect(page.locator(CHART).get_by_text("as known on 27 May 2025")).to_be_visible()
    known = page.get_by_test_id("stDateInput").filter(has_text="As known on")
    expect(known.locator("input")).to_have_value("2025-05-27")

    open_page(page, serve(TRUTH) + "/?known=2025-05-31&event=istanbul-round-2")
    wait_for_marks(page, 4)
    details = page.locator(".st-key-details")
    expect(details.get_by_role("heading")).to_have_text("Second round of direct talks in Istanbul")
    expect(details).to_contain_text("bodies (disputed)")
    expect(details).to_contain_text("6,000 for 6,000 — example.org · side: Rustem Umerov")
    expect(details).to_contain_text(
        "6,000 handed over by Russia alone — loqal.com.ua · side: Russia"
    )
    expect(details).to_contain_text("History: proposed 28 May 2025 (example.org) → scheduled")
    chain = details.get_by_role("link", name="example.org")
    hrefs = [chain.nth(index).get_attribute("href") for index in range(chain.count())]
    assert "https://example.org/confirmed" in hrefs
    expect(details).to_contain_text("“We are waiting for it in advance.”")
    details.scroll_into_view_if_needed()
    page.screenshot(path=ARTIFACTS / "dashboard-known-details.png", full_page=True)


def test_the_disputed_checkbox_keeps_disputed_events(page: Page, serve: Serve) -> None:
    open_page(page, serve(TRUTH))
    wait_for_marks(page, 4)
    page.get_by_test_id("stCheckbox").filter(has_text="sources disagree").locator("label").click()
    wait_for_marks(page, 2)
    assert sorted(drawn_ids(page)) == ["istanbul-round-1", "istanbul-round-2"]
    page.wait_for_url("**disputed=1**")
