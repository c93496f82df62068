"""The page with quotes, accounts and histories: the view as known on a day, the disputed filter,
their link, and the details of an event, run headless with AppTest."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import TEST_DATA, WriteEvents
from tests.ui.test_app import chart_event_ids, count_line, param, start

TRUTH = TEST_DATA / "truth.yaml"


def page_text(app: AppTest) -> str:
    """Every Markdown block, with Markdown's escapes taken out (what a reader sees)."""
    return "\n".join(block.value for block in app.markdown).replace("\\", "")


def test_link_with_known_shows_the_view_as_known_then(monkeypatch: pytest.MonkeyPatch) -> None:
    app = start(monkeypatch, TRUTH, known="2025-05-27")
    assert app.get_by_key("known").value == date(2025, 5, 27)  # type: ignore[union-attr]
    assert count_line(app) == "**2 of 4 events** · as known on 27 May 2025"
    assert set(chart_event_ids(app)) == {"istanbul-round-1", "leaders-meeting"}
    app.get_by_key("known").set_value(date(2025, 5, 29)).run()  # type: ignore[union-attr]
    assert "istanbul-round-2" in chart_event_ids(app)
    assert param(app, "known") == ["2025-05-29"]


def test_without_known_the_header_gives_the_files_as_of(monkeypatch: pytest.MonkeyPatch) -> None:
    app = start(monkeypatch, TRUTH)
    assert count_line(app) == "**4 of 4 events** · as of 10 Jun 2025"
    assert app.get_by_key("known").value is None  # type: ignore[union-attr]


def test_disputed_checkbox_keeps_disputed_events_and_goes_in_the_link(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = start(monkeypatch, TRUTH)
    app.get_by_key("disputed").check().run()  # type: ignore[union-attr]
    assert set(chart_event_ids(app)) == {"istanbul-round-1", "istanbul-round-2"}
    assert param(app, "disputed") == ["1"]
    app.button(key="reset").click().run()
    assert count_line(app).startswith("**4 of 4 events**")
    assert dict(app.query_params) == {}


def test_link_with_disputed_and_known_restores_both(monkeypatch: pytest.MonkeyPatch) -> None:
    app = start(monkeypatch, TRUTH, known="2025-05-20", disputed="1")
    assert app.get_by_key("disputed").value is True  # type: ignore[union-attr]
    assert set(chart_event_ids(app)) == {"istanbul-round-1"}
    app.button(key="reset").click().run()
    assert app.get_by_key("known").value is None  # type: ignore[union-attr]
    assert app.get_by_key("disputed").value is False  # type: ignore[union-attr]


def test_details_show_accounts_by_point_and_the_history_chain(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = start(monkeypatch, TRUTH, event="istanbul-round-2")
    text = page_text(app)
    assert "*bodies (disputed)*" in text
    assert (
        "- 6,000 for 6,000 — [example.org](https://example.org/umerov) · side: Rustem Umerov"
        in (text)
    )
    assert "side: Russia" in text
    assert "**History:** proposed 28 May 2025 ([example.org](https://example.org/proposal))" in (
        text
    )
    assert text.count(" → ") == 2
    assert "> “We are waiting for it in advance.”" in text


def test_reported_speech_is_shown_without_quotation_marks(monkeypatch: pytest.MonkeyPatch) -> None:
    app = start(monkeypatch, TRUTH, event="lavrov-proposes-second-round")
    text = page_text(app)
    assert "Dmitry Peskov said the talks should be held in private _(reported, 28 May 2025" in text
    assert "“the talks" not in text
    assert "Interfax, 28 May 2025" in text


def test_accounts_and_history_show_markdown_as_text(
    monkeypatch: pytest.MonkeyPatch, write_events: WriteEvents
) -> None:
    path: Path = write_events(
        """\
        - id: a
          date: 2025-05-19
          title: Talks
          type: meeting
          sources: [{url: "https://example.org"}]
          accounts:
            - {about: "**bold**", says: "[click](javascript:alert(1)) <b>x</b>", source: "T [x](y)"}
            - {about: "**bold**", says: "![img](https://t.invalid/p.png)", source: "https://e.org"}
          history:
            - {date: 2025-05-19, status: happened, source: "Title with <script>"}
        """
    )
    app = start(monkeypatch, path, event="a")
    raw = "\n".join(block.value for block in app.markdown)
    assert "](javascript" not in raw and "![img](" not in raw and "[x](y)" not in raw
    assert "<b>" not in raw and "<script>" not in raw
    text = page_text(app)
    assert "[click](javascript:alert(1)) <b>x</b>" in text  # shown as the text it is
