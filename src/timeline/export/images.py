"""Static images and PDFs, drawn by a headless Chrome or Chromium that we never download.

`ImageRenderer` keeps one browser (kaleido) running for a series of exports, bounds every export
with a timeout, and stops and forgets a browser that hangs or crashes, so the next export starts
a fresh one. `print_pdf` prints an HTML file with the same browser binary. Both say what to
install when no browser is found; every other format works without one.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Coroutine
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, TypeVar

import plotly.graph_objects as go

from timeline.core.problems import ExportError

ImageFormat = Literal["png", "svg", "pdf"]
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
BROWSER_FILES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
# Flags for a headless browser that must not reach the network or leave state behind.
QUIET_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-extensions",
    "--mute-audio",
)
T = TypeVar("T")


def find_browser() -> str | None:
    """BROWSER_PATH if it is set, else a Chrome or Chromium on PATH or in Debian's place."""
    chosen = os.environ.get("BROWSER_PATH")
    if chosen:
        return chosen if Path(chosen).is_file() else None
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((path for path in BROWSER_FILES if Path(path).is_file()), None)


def missing_browser_message(what: str) -> str:
    return (
        f"{what} needs Chrome or Chromium, and none was found. Install Chromium with your package "
        "manager (Debian/Ubuntu: sudo apt-get install chromium fonts-liberation), or set "
        "BROWSER_PATH to a Chrome or Chromium binary. CSV, JSON, YAML, iCalendar and HTML "
        "exports work without a browser."
    )


class ImageRenderer:
    """One browser kept running for many exports; use it as a context manager."""

    def __init__(self, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._kaleido: Any = None
        self._starting: Any = None  # a browser being opened, to kill if opening fails
        self._lock = threading.Lock()

    def __enter__(self) -> ImageRenderer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def render(
        self,
        figure: go.Figure,
        image_format: ImageFormat,
        width: int,
        height: int,
        scale: float = 1,
    ) -> bytes:
        """The figure as PNG, SVG or PDF bytes, or ExportError within about `timeout` seconds."""
        options = {"format": image_format, "width": width, "height": height, "scale": scale}
        with self._lock:
            self._ensure_started()
            try:
                image: bytes = self._run(self._kaleido.calc_fig(figure, opts=options))
            except TimeoutError as error:
                self._stop_browser()
                raise ExportError(
                    f"The browser did not finish the {image_format.upper()} within "
                    f"{self.timeout:.0f} s; it was stopped. Try again, or try a smaller view."
                ) from error
            except Exception as error:
                self._stop_browser()
                raise ExportError(
                    f"The browser failed to draw the {image_format.upper()}: {error}"
                ) from error
        return image

    def _ensure_started(self) -> None:
        if self._kaleido is not None:
            return
        browser = find_browser()
        if browser is None:
            raise ExportError(missing_browser_message("Image export"))
        started = time.monotonic()
        try:
            self._kaleido = self._run(self._open(browser))
        except Exception as error:
            _kill_browser(self._starting)
            # choreographer turns the timeout's cancellation into an error of its own, whose
            # text advises downloading Chrome: the time taken says what happened.
            late = time.monotonic() - started >= self.timeout - 0.5
            timed_out = isinstance(error, TimeoutError) or late
            reason = "it did not answer in time" if timed_out else str(error)
            raise ExportError(
                f"Could not start the browser at {browser}: {reason}. Is it a working Chrome or "
                "Chromium? Set BROWSER_PATH to choose another."
            ) from error
        finally:
            self._starting = None

    async def _open(self, browser: str) -> Any:
        from kaleido import Kaleido

        # mathjax=False: kaleido would otherwise load MathJax from a CDN.
        self._starting = Kaleido(n=1, timeout=self.timeout, mathjax=False, path=browser)
        await self._starting.open()
        return self._starting

    def _run(self, work: Coroutine[Any, Any, T]) -> T:
        bounded = asyncio.wait_for(work, self.timeout)
        return asyncio.run_coroutine_threadsafe(bounded, self._loop).result(self.timeout + 10)

    def _stop_browser(self) -> None:
        kaleido, self._kaleido = self._kaleido, None
        if kaleido is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(
                asyncio.wait_for(kaleido.close(), 10), self._loop
            ).result(15)
        except Exception:
            _kill_browser(kaleido)  # one that will not close is killed

    def close(self) -> None:
        """Stop the browser and the thread that talks to it."""
        with self._lock:
            self._stop_browser()
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(_cancel_pending(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        if not self._thread.is_alive():
            self._loop.close()


async def _cancel_pending() -> None:
    """Cancel what a browser left running (its watchdog, readers) so the loop closes cleanly."""
    pending = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)


def _kill_browser(kaleido: Any) -> None:
    """Kill a browser's whole process group (choreographer starts it in a session of its own)."""
    process = getattr(kaleido, "subprocess", None)
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)


def print_pdf(html: str, timeout: float = 60.0) -> bytes:
    """Print an HTML document to PDF (A4) with headless Chromium, offline."""
    browser = find_browser()
    if browser is None:
        raise ExportError(missing_browser_message("The PDF briefing"))
    with tempfile.TemporaryDirectory(prefix="timeline-print-") as folder:
        page, output = Path(folder) / "briefing.html", Path(folder) / "briefing.pdf"
        page.write_text(html, "utf-8")
        command = [
            browser,
            *QUIET_FLAGS,
            f"--user-data-dir={folder}/profile",
            "--no-pdf-header-footer",
            f"--print-to-pdf={output}",
            page.as_uri(),
        ]
        _run_bounded(command, timeout)
        if not output.is_file() or output.stat().st_size == 0:
            raise ExportError("The browser printed no PDF; is it a working Chrome or Chromium?")
        return output.read_bytes()


def _run_bounded(command: list[str], timeout: float) -> None:
    """Run a browser command in its own process group, killing the whole group on timeout."""
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired as error:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise ExportError(
            f"The browser did not print the PDF within {timeout:.0f} s; it was stopped."
        ) from error
