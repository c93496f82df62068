"""What the details panel and the table show, prepared without Streamlit."""

from __future__ import annotations

from tests.conftest import DATA
from timeline.core.load import load_timeline
from timeline.data.dataset import Dataset
from timeline.data.frame import to_frame
from timeline.data.views import (
    actor_option_labels,
    describe_event,
    escape_markdown,
    markdown_link,
    to_table,
)

TIMELINE = load_timeline(DATA)
DATASET = Dataset.from_timeline(TIMELINE)


def test_details_show_roles_held_on_the_day() -> None:
    before = describe_event(DATASET, "istanbul-round-2")
    after = describe_event(DATASET, "istanbul-round-3")
    assert before is not None and after is not None
    umerov_before = next(a for a in before.actors if a.name == "Rustem Umerov")
    umerov_after = next(a for a in after.actors if a.name == "Rustem Umerov")
    assert umerov_before.role == "Minister of Defence of Ukraine"
    assert umerov_after.role == "Secretary of the National Security and Defence Council of Ukraine"


def test_details_list_links_both_ways() -> None:
    details = describe_event(DATASET, "istanbul-round-2")
    assert details is not None
    assert details.date == "2 Jun 2025"
    incoming = {line.event_id for line in details.related if line.incoming}
    assert "lavrov-proposes-second-round" in incoming
    assert all((source.url or "").startswith("https://") for source in details.sources)


def test_unknown_event_has_no_details() -> None:
    assert describe_event(DATASET, "nope") is None


def test_actor_labels_carry_aliases_for_search() -> None:
    labels = actor_option_labels(TIMELINE)
    assert "Sibiga" in labels["sybiha"]
    assert labels["sybiha"].startswith("Andrii Sybiha (")


def test_table_uses_names_and_first_source() -> None:
    table = to_table(to_frame(TIMELINE), TIMELINE)
    row = table[table["Title"] == "Trump and Putin meet in Alaska"].iloc[0]
    assert row["Countries"] == "United States, Russia"
    assert row["Source"].startswith("https://")
    assert row["Date"] == "15 Aug 2025"


def test_markdown_escaping_leaves_no_active_syntax() -> None:
    text = "[x](javascript:alert(1)) ![i](https://t.invalid/p.png) <b>hi</b> :red[a] $x$ **b**"
    escaped = escape_markdown(text)
    for active in ("[x](", "![i](", "<b>", ":red[", "$x$", "**b**"):
        assert active not in escaped
    assert escaped.replace("\\", "") == text


def test_markdown_link_keeps_the_url_in_one_piece() -> None:
    link = markdown_link("A [title]", "https://example.org/a_(b) c?q=<x>")
    assert link == "[A \\[title\\]](https://example.org/a_%28b%29%20c?q=%3Cx%3E)"


def test_the_table_writes_dates_at_their_precision() -> None:
    table = to_table(DATASET.frame, TIMELINE)
    assert "Start" not in table.columns
    by_title = dict(
        zip(table["Title"], zip(table["Date"], table["ISO date"], strict=True), strict=True)
    )
    month = TIMELINE.events[[e.id for e in TIMELINE.events].index("leaders-meeting-by-end-august")]
    assert by_title[month.title] == ("Aug 2025", "2025-08")
    assert all(":" not in iso for iso in table["ISO date"])  # the curated events are dated by day
