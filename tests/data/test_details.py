"""Details of an event with quotes, accounts and a history, now and as known on a day."""

from __future__ import annotations

from datetime import date

from tests.conftest import TEST_DATA
from timeline.core.load import load_timeline
from timeline.data.dataset import Dataset
from timeline.data.details import EventDetails, describe_event
from timeline.data.frame import to_frame
from timeline.data.views import to_table

TRUTH = load_timeline(TEST_DATA / "truth.yaml")
DATASET = Dataset.from_timeline(TRUTH)


def details_of(event_id: str, known: date | None = None) -> EventDetails:
    details = describe_event(DATASET, event_id, known)
    assert details is not None
    return details


def test_direct_quotes_in_quotation_marks_reported_speech_without() -> None:
    direct = details_of("istanbul-round-2").quotes[0]
    reported = details_of("lavrov-proposes-second-round").quotes[0]
    assert direct.wording == "“We are waiting for it in advance.”"
    assert reported.wording == "Dmitry Peskov said the talks should be held in private"
    assert reported.source is not None and reported.source.url is None
    assert reported.source.label == "Interfax, 28 May 2025"
    assert direct.source is not None and direct.source.url == "https://example.org/sybiha"


def test_accounts_are_grouped_by_point_with_source_and_side() -> None:
    points = details_of("istanbul-round-1").points
    assert [(point.about, point.disputed) for point in points] == [
        ("duration", True),
        ("venue", False),
    ]
    first, second = points[0].accounts
    assert (first.says, first.source.url, first.side) == (
        "about 100 minutes",
        "https://example.org/moscow-times",
        None,
    )
    assert (second.source.label, second.side) == ("Pravda.ru", "Ukraine")
    assert details_of("istanbul-round-1").disputed_points == ["duration"]
    sides = [account.side for account in details_of("istanbul-round-2").points[0].accounts]
    assert sides == ["Rustem Umerov", "Russia"]  # an actor's name, a country's name


def test_history_is_a_chain_of_dated_steps_with_sources() -> None:
    steps = details_of("istanbul-round-2").history
    assert [(step.status, step.date) for step in steps] == [
        ("proposed", "28 May 2025"),
        ("scheduled", "31 May 2025"),
        ("happened", "2 Jun 2025"),
    ]
    assert steps[1].source.url == "https://example.org/confirmed"


def test_details_as_known_on_a_day() -> None:
    then = details_of("istanbul-round-2", date(2025, 5, 29))
    assert then.status == "proposed"
    assert [step.status for step in then.history] == ["proposed"]
    assert describe_event(DATASET, "istanbul-round-2", date(2025, 5, 27)) is None


def test_table_lists_disputed_points() -> None:
    table = to_table(to_frame(TRUTH), TRUTH)
    assert table["Disputed"].tolist() == ["duration", "", "bodies", ""]
