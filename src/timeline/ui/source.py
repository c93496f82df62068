"""Where the page's data comes from: the file on disk or an upload, parsed once per content.

The file on disk is live: every open page checks it each second and redraws when it is saved,
keeping the viewer's filters and open event. A version with problems (or one still being
written) shows a banner over the last good version, which the server keeps per file for every
viewer, so one who opens the page during a broken save still sees the data. An upload belongs to
its session alone and is never kept for others.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from timeline.core.load import read_stable_file
from timeline.core.model import Timeline
from timeline.core.problems import (
    ImportNote,
    InvalidTimelineError,
    TimelineError,
    UnreadableFileError,
)
from timeline.data.cache_index import (
    STAMPED_BYTES,
    content_digest,
    stamp_digest,
    stamped_digest,
)
from timeline.data.dataset import Dataset
from timeline.data.opening import (
    LastGoodVersions,
    file_signature,
    open_timeline_cached,
)
from timeline.ui.serve import opening_ahead, wait_for_opening_ahead

DEFAULT_DATA = "data/events.yaml"
MAX_UPLOAD_BYTES = 20 * 2**20
# How often an open page looks at the file: a save shows within about this, plus a redraw.
CHECK_SECONDS = 1.0


@dataclass(frozen=True)
class LoadedData:
    dataset: Dataset
    name: str
    digest: str

    @property
    def timeline(self) -> Timeline:
        return self.dataset.timeline

    @property
    def frame(self) -> pd.DataFrame:
        return self.dataset.frame

    @property
    def notes(self) -> tuple[ImportNote, ...]:
        return self.dataset.notes


def data_path() -> Path:
    """The events file: TIMELINE_DATA (set by `timeline dashboard`) or the shipped dataset."""
    return Path(os.environ.get("TIMELINE_DATA", DEFAULT_DATA))


@st.cache_resource(max_entries=8, show_spinner="Reading the events file…")
def parse_cached(
    _content: bytes | Callable[[], bytes], digest: str, name: str
) -> LoadedData | InvalidTimelineError:
    # Keyed on the content's digest (the bytes themselves are not hashed again): an edited file
    # is a new entry, and a filter change parses nothing. A resource, not cache_data: that would
    # unpickle a copy of every event on each rerun. Sessions share it and only read it (the model
    # is frozen; filters make new frames). A version with problems is kept too, so each rerun
    # of each page does not parse it again.
    try:
        opened = open_timeline_cached(_content, name, digest)
    except InvalidTimelineError as error:
        return error
    return LoadedData(opened, name, digest)


@st.cache_resource
def last_good_files() -> LastGoodVersions[LoadedData]:
    """The last good version of each file on disk, for every session (never an upload)."""
    return LastGoodVersions()


def load_bytes(
    content: bytes | Callable[[], bytes], name: str, digest: str | None = None
) -> LoadedData:
    """The file's data; `content` may be a function that reads it when the `digest` is known."""
    if digest is None:
        content = content() if callable(content) else content
        digest = content_digest(content)
    outcome = parse_cached(content, digest, name)
    if isinstance(outcome, InvalidTimelineError):
        # A new error each time: raising the cached one would grow its traceback (and the
        # frames it keeps alive) on every rerun of every page, from several threads.
        raise InvalidTimelineError(outcome.problems)
    return outcome


def current_data() -> LoadedData | None:
    """The data to show: an upload, else the file on disk; on a bad new version, the last good
    one with a banner naming the file and listing the problems."""
    upload = st.sidebar.file_uploader(
        "Open another events file",
        type=["yaml", "yml", "json", "csv"],
        key="upload",
        help="An events file, or a TimelineJS, vis-timeline or ACLED file to import.",
    )
    data = _upload_data(upload) if upload is not None else _file_data(data_path())
    if data is not None and data.notes:
        with st.sidebar.expander(f"{len(data.notes)} notes on the import"):
            st.text("\n".join(str(note) for note in data.notes[:200]))
    return data


def forget_opened_files() -> None:
    """Drop every parsed file (tests and benchmarks that measure a parse)."""
    parse_cached.clear()
    last_good_files.clear()


def _file_data(path: Path) -> LoadedData | None:
    if opening_ahead():  # the server opens the file as it starts: its work is not done twice
        with st.spinner("Reading the events file…"):
            wait_for_opening_ahead()
    # The signature is taken before the read: a save during the read changes the file after
    # it, and the next check redraws the page.
    signature = st.session_state["shown_signature"] = file_signature(path)
    kept = last_good_files()
    unchanged = kept.unchanged(path, signature) if signature is not None else None
    if unchanged is not None:
        return unchanged
    stamped = stamped_digest(path, signature) if signature is not None else None
    try:
        data = load_bytes(lambda: read_stable_file(path), str(path), stamped)
    except TimelineError as error:
        last = kept.last(path)
        show_problems(error, str(path), last)
        return last
    kept.keep(path, data, signature[2] if signature else 0, signature)
    if signature is not None and stamped is None and signature[1] >= STAMPED_BYTES:
        stamp_digest(path, signature, data.digest)
    return data


def watch_data_file() -> None:
    """Keep the page in step with the file on disk (not with an upload). Call it last on the
    page: in Chromium, an element drawn right after a `run_every` fragment vanished when the
    fragment reran (Streamlit 1.67), and a banner must stay."""
    if st.session_state.get("upload") is None:
        watch_file(data_path())


@st.fragment(run_every=CHECK_SECONDS)
def watch_file(path: Path) -> None:
    """Each second, redraw the whole page if the file was saved since this page drew it."""
    if file_signature(path) != st.session_state.get("shown_signature"):
        st.rerun(scope="app")


def _upload_data(upload: Any) -> LoadedData | None:
    try:
        content = upload.getvalue()
        if len(content) > MAX_UPLOAD_BYTES:
            limit = MAX_UPLOAD_BYTES // 2**20
            raise UnreadableFileError(f"{upload.name} is larger than {limit} MiB")
        data = load_bytes(content, upload.name)
    except TimelineError as error:
        last = st.session_state.get("last_good_upload") or last_good_files().last(data_path())
        show_problems(error, upload.name, last)
        return last
    st.session_state["last_good_upload"] = data
    return data


def show_problems(error: TimelineError, path: str, last: LoadedData | None) -> None:
    """The banner: which file, what is wrong with it, and what the page shows instead."""
    shown = Path(last.name).name if last is not None else None
    st.error(problems_heading(error, path, shown), icon="⚠️")
    if isinstance(error, InvalidTimelineError):
        st.code(error.report(limit=50), language=None)


def problems_heading(error: TimelineError, path: str, shown: str | None) -> str:
    """'events.yaml: 2 problems in the events file; still showing the last good version of
    events.yaml', or what made the file unreadable, named the same way."""
    name = Path(path).name
    if isinstance(error, InvalidTimelineError):
        count = len(error.problems)
        heading = f"{name}: {count} problem{'s' if count != 1 else ''} in the events file"
    else:
        heading = f"{name}: {error.format_message().removeprefix(path + ': ')}"
    return f"{heading}; still showing the last good version of {shown}" if shown else heading
