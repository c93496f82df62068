"""Images and PDFs from a browser we never download: found where users keep one, explained when
missing, stopped when it hangs, and a real PDF when it works."""

from __future__ import annotations

import io
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import plotly.graph_objects as go
import pytest
from pypdf import PdfReader

from timeline.core.problems import ExportError
from timeline.export import images
from timeline.export.images import ImageRenderer, find_browser, print_pdf

A4_POINTS = (595, 842)
SMALL_FIGURE = go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2]), layout={"template": "plotly_white"})


def executable(path: Path, script: str) -> Path:
    path.write_text("#!/bin/sh\n" + script, "utf-8")
    path.chmod(0o755)
    return path


def is_running(pid: int) -> bool:
    """True while the process exists and is not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


@pytest.fixture
def no_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without Chrome or Chromium: nothing on PATH, nothing in Debian's place."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(images, "BROWSER_FILES", ())


@pytest.fixture
def hung_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A 'browser' that starts a child and never answers; yields the file listing the ids of
    both, and kills what is left of them after the test (they are this test's processes)."""
    pids = tmp_path / "pids"
    browser = executable(
        tmp_path / "chromium", f'echo $$ >> "{pids}"\nsleep 600 &\necho $! >> "{pids}"\nwait\n'
    )
    monkeypatch.setenv("BROWSER_PATH", str(browser))
    yield pids
    for pid in started(pids):
        if is_running(pid):
            os.kill(pid, signal.SIGKILL)


def started(pids: Path) -> list[int]:
    return [int(line) for line in pids.read_text().split()] if pids.exists() else []


def assert_all_stopped(pids: Path) -> None:
    deadline = time.monotonic() + 10
    while any(is_running(pid) for pid in started(pids)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(started(pids)) == 2, "the fake browser started, with its child"
    assert not [pid for pid in started(pids) if is_running(pid)], "the browser's group was killed"


def test_browser_path_is_used_when_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = executable(tmp_path / "my-chrome", "exit 0\n")
    monkeypatch.setenv("BROWSER_PATH", str(chosen))
    assert find_browser() == str(chosen)


def test_a_browser_path_that_does_not_exist_finds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "missing"))
    assert find_browser() is None  # not silently some other browser


@pytest.mark.parametrize("name", ["chromium", "chromium-browser", "google-chrome", "chrome"])
def test_a_browser_on_path_is_found_by_its_usual_names(
    name: str, no_browser: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    found = executable(folder / name, "exit 0\n")
    monkeypatch.setenv("PATH", str(folder))
    assert find_browser() == str(found)


def test_without_a_browser_images_say_what_to_install(no_browser: None) -> None:
    assert find_browser() is None
    with ImageRenderer() as renderer, pytest.raises(ExportError) as raised:
        renderer.render(SMALL_FIGURE, "png", 400, 300)
    message = raised.value.format_message()
    assert message.startswith("Image export needs Chrome or Chromium, and none was found.")
    assert "sudo apt-get install chromium fonts-liberation" in message
    assert "set BROWSER_PATH to a Chrome or Chromium binary" in message
    assert "CSV, JSON, YAML, iCalendar and HTML exports work without a browser" in message
    assert "download" not in message.lower()  # never plotly's advice to download Chrome


def test_without_a_browser_the_pdf_briefing_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(images, "find_browser", lambda: None)
    with pytest.raises(
        ExportError, match=r"^The PDF briefing needs Chrome or Chromium.*BROWSER_PATH"
    ):
        print_pdf("<p>Hello</p>")


def test_a_browser_that_never_starts_is_stopped_with_a_message(hung_browser: Path) -> None:
    started_at = time.monotonic()
    with ImageRenderer(timeout=3) as renderer, pytest.raises(ExportError) as raised:
        renderer.render(SMALL_FIGURE, "png", 400, 300)
    assert time.monotonic() - started_at < 30
    message = raised.value.format_message()
    assert message.startswith(f"Could not start the browser at {os.environ['BROWSER_PATH']}: ")
    assert message.endswith("Set BROWSER_PATH to choose another.")
    assert_all_stopped(hung_browser)


def test_a_browser_that_never_starts_is_said_not_to_answer(hung_browser: Path) -> None:
    with ImageRenderer(timeout=3) as renderer, pytest.raises(ExportError) as raised:
        renderer.render(SMALL_FIGURE, "png", 400, 300)
    message = raised.value.format_message()
    assert "choreo_get_chrome" not in message  # no advice to download a browser
    assert message == (
        f"Could not start the browser at {os.environ['BROWSER_PATH']}: it did not answer in "
        "time. Is it a working Chrome or Chromium? Set BROWSER_PATH to choose another."
    )


def test_a_pdf_print_that_hangs_is_stopped_with_a_message(hung_browser: Path) -> None:
    started_at = time.monotonic()
    with pytest.raises(ExportError) as raised:
        print_pdf("<p>Hello</p>", timeout=2)
    assert time.monotonic() - started_at < 15
    assert raised.value.format_message() == (
        "The browser did not print the PDF within 2 s; it was stopped."
    )
    assert_all_stopped(hung_browser)


def test_a_browser_that_prints_nothing_is_named_as_not_working(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(executable(tmp_path / "chromium", "exit 0\n")))
    with pytest.raises(ExportError, match=r"^The browser printed no PDF; is it a working Chrome"):
        print_pdf("<p>Hello</p>", timeout=10)


def test_the_pdf_is_a_real_a4_document_with_the_text() -> None:
    if find_browser() is None:
        pytest.fail("Chromium is needed for this test: see scripts/ensure-chromium.sh")
    html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><style>@page { size: A4 }</style>"
        "</head><body><h1>Briefing: talks in İstanbul</h1>"
        + "".join(f"<p>Event number {n}</p>" for n in range(120))
        + "</body></html>"
    )
    pdf = print_pdf(html)
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2  # 120 paragraphs do not fit on one page
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4_POINTS
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Briefing: talks in İstanbul" in text
    assert "Event number 0" in text and "Event number 119" in text
    assert "file://" not in text  # no header or footer with the temporary file's address


def test_after_a_hung_browser_the_next_export_starts_a_fresh_one(
    hung_browser: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BROWSER_PATH")
    working = find_browser()
    if working is None:
        pytest.fail("Chromium is needed for this test: see scripts/ensure-chromium.sh")
    monkeypatch.setenv("BROWSER_PATH", str(hung_browser.parent / "chromium"))
    with ImageRenderer(timeout=3) as renderer:
        with pytest.raises(ExportError):
            renderer.render(SMALL_FIGURE, "svg", 400, 300)
        monkeypatch.setenv("BROWSER_PATH", working)
        renderer.timeout = 30
        svg = renderer.render(SMALL_FIGURE, "svg", 400, 300)
    assert svg.lstrip().startswith(b"<svg") and b'width="400"' in svg
    assert_all_stopped(hung_browser)
