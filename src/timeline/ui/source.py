"""Where the page's data comes from: the file on disk or an upload, parsed once per content,
and the last good version kept when a new one has problems."""

from __future__ import annotations

import hashlib
import os
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
from timeline.data.dataset import Dataset
from timeline.data.opening import open_timeline_cached

DEFAULT_DATA = "data/events.yaml"


MAX_UPLOAD_BYTES = 20 * 2**20


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
def parse_cached(_content: bytes, digest: str, name: str) -> LoadedData:
    # Keyed on the content's digest (the bytes themselves are not hashed again): an edited file
    # is a new entry, and a filter change parses nothing. A resource, not cache_data: that would
    # unpickle a copy of every event on each rerun. Sessions share it and only read it (the model
    # is frozen; filters make new frames).
    opened = open_timeline_cached(_content, name)
    return LoadedData(opened, name, digest)


def load_bytes(content: bytes, name: str) -> LoadedData:
    return parse_cached(content, hashlib.sha256(content).hexdigest(), name)


def current_data() -> LoadedData | None:
    """The data to show: an upload, else the file on disk; on a bad new version, the last good one
    with a banner listing the problems."""
    upload = st.sidebar.file_uploader(
        "Open another events file",
        type=["yaml", "yml", "json", "csv"],
        key="upload",
        help="An events file, or a TimelineJS, vis-timeline or ACLED file to import.",
    )
    try:
        data = _load_upload(upload) if upload is not None else _load_file(data_path())
    except InvalidTimelineError as error:
        return _keep_last_good(error)
    except TimelineError as error:
        st.error(str(error))
        return last_good()
    st.session_state["last_good"] = data
    if data.notes:
        with st.sidebar.expander(f"{len(data.notes)} notes on the import"):
            st.text("\n".join(str(note) for note in data.notes[:200]))
    return data


def _load_file(path: Path) -> LoadedData:
    return load_bytes(read_stable_file(path), str(path))


def _load_upload(upload: Any) -> LoadedData:
    content = upload.getvalue()
    if len(content) > MAX_UPLOAD_BYTES:
        raise UnreadableFileError(f"{upload.name} is larger than {MAX_UPLOAD_BYTES // 2**20} MiB")
    return load_bytes(content, upload.name)


def _keep_last_good(error: InvalidTimelineError) -> LoadedData | None:
    last = last_good()
    count = len(error.problems)
    heading = f"{count} problem{'s' if count != 1 else ''} in the events file"
    if last is not None:
        heading += f"; still showing the last good version of {last.name}"
    st.error(heading, icon="⚠️")
    st.code(error.report(limit=50), language=None)
    return last


def last_good() -> LoadedData | None:
    last: LoadedData | None = st.session_state.get("last_good")
    return last
