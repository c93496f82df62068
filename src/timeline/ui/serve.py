"""`timeline dashboard`: Streamlit's own server (what `streamlit run` starts), which also begins
opening the events file as it starts, not when the first page asks for it.

A page can only ask once the browser has loaded Streamlit's scripts and opened its WebSocket,
two seconds or more after the server starts; opening 100,000 imported events takes about as
long. So the file is opened, and the disk cache filled, on a thread while the server starts and
the browser loads, and the first page reads the cache (`wait_for_opening_ahead`). Opening it
ahead only fills the cache: a file too small to be cached, or one with problems, is left to
the page.
"""

from __future__ import annotations

import os
import threading
from importlib import resources
from pathlib import Path

from streamlit.web import cli as streamlit_cli

from timeline.core.load import read_stable_file
from timeline.core.problems import TimelineError
from timeline.data.cache import CACHE_MIN_EVENTS
from timeline.data.cache_index import (
    STAMPED_BYTES,
    content_digest,
    stamp_digest,
    stamped_digest,
)
from timeline.data.dataset import Dataset
from timeline.data.filters import Filters
from timeline.data.opening import file_signature, open_timeline_cached
from timeline.figures.timeline import timeline_chart

_opening_ahead: list[threading.Thread] = []


def serve(file: Path, flags: list[str]) -> None:
    """Serve the dashboard on `file` until stopped (Streamlit's command line, in this process,
    so that the thread opening the file shares its memory with the pages)."""
    os.environ["TIMELINE_DATA"] = str(file.resolve())
    open_ahead(file.resolve())
    page = resources.files("timeline.ui") / "page.py"
    streamlit_cli.main(["run", str(page), *flags], prog_name="streamlit")


def open_ahead(path: Path) -> None:
    """Start opening the file into the disk cache; pages wait for it before they read it."""
    thread = threading.Thread(
        target=_open_into_cache, args=(path,), name="timeline-open-ahead", daemon=True
    )
    _opening_ahead.append(thread)
    thread.start()


def opening_ahead() -> bool:
    """Whether the file is still being opened ahead of the first page."""
    return any(thread.is_alive() for thread in _opening_ahead)


def wait_for_opening_ahead() -> None:
    for thread in _opening_ahead:
        thread.join()


def _open_into_cache(path: Path) -> None:
    # The page's own modules first: the first page then finds them imported (1.2 s on our
    # machine, more while the browser loads Streamlit's scripts on the other core). Here, not
    # at the top: the page's modules import this one.
    import timeline.ui.app  # noqa: F401

    signature = file_signature(path)
    if signature is None:
        return
    stamped = stamped_digest(path, signature)
    try:
        if stamped is not None:
            _draw_once(open_timeline_cached(lambda: read_stable_file(path), str(path), stamped))
            return
        content = read_stable_file(path)
        # A file too small to be cached would be opened again by the page: it is left to it
        # (an event takes a line at least; a small file opens in a fraction of a second).
        if content.count(b"\n") < CACHE_MIN_EVENTS:
            return
        digest = content_digest(content)
        dataset = open_timeline_cached(content, str(path), digest)
    except TimelineError:
        return
    if signature[1] >= STAMPED_BYTES:
        stamp_digest(path, signature, digest)
    _draw_once(dataset)


def _draw_once(dataset: Dataset) -> None:
    """The unfiltered view's chart, made and dropped: Plotly builds its checks of each kind of
    figure property on first use (0.35 s of the first heat strip at 100,000 events, 0.06 s
    after). Only for a cached dataset, whose whole view is counted, not drawn event by event."""
    from timeline.ui.app import filtered_view

    if dataset.event_count < CACHE_MIN_EVENTS:
        return
    filters = Filters()
    timeline_chart(filtered_view(dataset.frame, filters), dataset.timeline, filters.group)
