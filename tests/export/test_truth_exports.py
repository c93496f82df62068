"""Quotes, accounts and histories in every export, and exports of a view as known on a day."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from icalendar import Calendar

from tests.conftest import TEST_DATA, WriteEvents, run_timeline
from timeline.core.load import load_timeline, parse_timeline
from timeline.data.dataset import Dataset
from timeline.data.filters import Filters, apply_filters
from timeline.data.views import ExportView
from timeline.export.dispatch import export
from timeline.export.documents import briefing_html
from timeline.figures.report import subtitle

TRUTH_FILE = TEST_DATA / "truth.yaml"
TRUTH = load_timeline(TRUTH_FILE)
DATASET = Dataset.from_timeline(TRUTH)
MAY_29 = Filters(known=date(2025, 5, 29))
ALL = Filters()


def view_of(filters: Filters = ALL) -> ExportView:
    return ExportView(DATASET, apply_filters(DATASET.frame, filters), filters, "truth.yaml")


def csv_rows(filters: Filters = ALL) -> dict[str, dict[str, str]]:
    text = export(view_of(filters), "csv").decode("utf-8-sig")
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text))}


def test_csv_lists_disputed_points_and_statuses_as_known() -> None:
    rows = csv_rows()
    assert rows["istanbul-round-1"]["disputed_points"] == "duration"
    assert rows["lavrov-proposes-second-round"]["disputed_points"] == ""
    assert rows["istanbul-round-2"]["status"] == "happened"
    then = csv_rows(MAY_29)
    assert then["istanbul-round-2"]["status"] == "proposed"
    assert "istanbul-round-2" not in csv_rows(Filters(known=date(2025, 5, 27)))


def test_yaml_and_json_round_trip_quotes_accounts_and_history(tmp_path: Path) -> None:
    path = tmp_path / "again.yaml"
    path.write_bytes(export(view_of(), "yaml"))
    assert load_timeline(path).events == TRUTH.events
    document = json.loads(export(view_of(), "json"))
    round_2 = next(event for event in document["events"] if event["id"] == "istanbul-round-2")
    assert round_2["history"][0] == {
        "date": "2025-05-28",
        "status": "proposed",
        "source": "https://example.org/proposal",
    }
    assert parse_timeline(json.dumps(document).encode(), "again.json").events == TRUTH.events
    assert {"RU", "UA"} <= set(document["countries"])  # sides named by country are kept


def test_yaml_of_a_view_as_known_is_a_valid_file_as_of_that_day(tmp_path: Path) -> None:
    path = tmp_path / "then.yaml"
    path.write_bytes(export(view_of(MAY_29), "yaml"))
    then = load_timeline(path)
    assert then.as_of is not None and then.as_of.text == "2025-05-29"
    round_2 = next(event for event in then.events if event.id == "istanbul-round-2")
    assert round_2.status == "proposed"
    assert [change.status for change in round_2.history] == ["proposed"]


def test_calendar_carries_status_then_reported_speech_and_disputes() -> None:
    calendar = Calendar.from_ical(export(view_of(MAY_29), "ics"))
    entries = {str(entry["uid"]): entry for entry in calendar.walk("VEVENT")}
    assert str(entries["istanbul-round-2@timeline"]["status"]) == "TENTATIVE"
    proposal = str(entries["lavrov-proposes-second-round@timeline"]["description"])
    assert "Dmitry Peskov said the talks should be held in private" in proposal
    assert "“the talks" not in proposal
    round_1 = str(entries["istanbul-round-1@timeline"]["description"])
    assert "Disputed, duration:" in round_1
    assert "about two hours (https://example.org/pravda)" in round_1


def test_timelinejs_slides_hold_accounts_and_history() -> None:
    story = json.loads(export(view_of(), "timelinejs"))
    slides = {slide["unique_id"]: slide["text"]["text"] for slide in story["events"]}
    round_1, round_2 = slides["istanbul-round-1"], slides["istanbul-round-2"]
    assert "<strong>duration</strong> (disputed): about 100 minutes" in round_1
    assert '<a href="https://example.org/pravda">Pravda.ru</a>, Ukraine)' in round_1
    assert "<strong>venue</strong>: Dolmabahçe Palace" in round_1
    history = re.search(r"<p>History: (.*?)</p>", round_2)
    assert history is not None
    steps = [step.split(" (")[0] for step in history.group(1).split(" → ")]
    assert steps == ["proposed 28 May 2025", "scheduled 31 May 2025", "happened 2 Jun 2025"]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.references: dict[str, str] = {}  # ref-N -> address
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "li" and (found.get("id") or "").startswith("ref-"):
            self._in = found["id"]
        if tag == "a" and self._in and found.get("href"):
            self.references[self._in] = str(found["href"])
            self._in = None


def test_briefing_cites_every_account_of_a_disputed_point() -> None:
    html = briefing_html(view_of(), None)
    parser = _Links()
    parser.feed(html)
    numbers = {address: ref for ref, address in parser.references.items()}
    for address in ("https://example.org/moscow-times", "https://example.org/pravda"):
        number = numbers[address].removeprefix("ref-")
        assert f'<a href="#ref-{number}">[{number}]</a>' in html
    assert "<strong>duration (disputed)</strong>: about 100 minutes" in html
    assert "Dmitry Peskov said the talks should be held in private (28 May 2025)." in html
    assert "<blockquote>“We are waiting for it in advance.”" in html
    assert "History: proposed 28 May 2025" in html


def test_briefing_and_subtitle_of_a_view_as_known() -> None:
    view = view_of(MAY_29)
    assert subtitle(view) == "4 of 4 events · as known on 29 May 2025"
    assert subtitle(view_of(Filters(known=date(2025, 5, 27)))).startswith("2 of 4 events")
    html = briefing_html(view, None)
    assert "as known on 29 May 2025" in html
    assert "scheduled 31 May" not in html  # the history as it stood then
    assert subtitle(view_of(Filters(disputed=True))).endswith(
        "disputed points only · as of 10 Jun 2025"
    )


def test_cli_exports_a_view_as_known(tmp_path: Path) -> None:
    target = tmp_path / "then.csv"
    result = run_timeline(
        "export", str(TRUTH_FILE), "--format", "csv", "-o", str(target), "--known", "2025-05-31"
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8-sig"))))
    assert {row["id"]: row["status"] for row in rows}["istanbul-round-2"] == "scheduled"


def test_accounts_and_history_are_escaped_in_html_exports(write_events: WriteEvents) -> None:
    path = write_events(
        """\
        - id: a
          date: 2025-05-19
          title: Talks
          type: meeting
          sources: [{url: "https://example.org"}]
          quotes: [{text: "<img src=x onerror=alert(1)>", reported: true, source: "<b>T</b>"}]
          accounts:
            - {about: "<i>x</i>", says: "<script>alert(1)</script>", source: "https://e.org/?a=<b>"}
            - {about: "<i>x</i>", says: two, source: "Title <svg onload=alert(1)>"}
          history:
            - {date: 2025-05-19, status: happened, source: "<script>"}
        """
    )
    timeline = load_timeline(path)
    dataset = Dataset.from_timeline(timeline)
    view = ExportView(dataset, dataset.frame, Filters(), path.name)
    story = json.loads(export(view, "timelinejs"))["events"][0]["text"]["text"]
    for html in (briefing_html(view, None), story):
        assert "<script>" not in html and "<img" not in html and "<svg" not in html
        assert "<i>x</i>" not in html and "<b>T</b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert 'href="https://e.org/?a=&lt;b&gt;"' in html
