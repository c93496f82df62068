"""The Streamlit page. It turns widgets into values, calls pure functions and shows the results.

This is the only module that imports Streamlit. Text from data is always shown as text.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from timeline.frame import to_frame
from timeline.load import parse_timeline, read_file
from timeline.model import Timeline
from timeline.problems import InvalidTimelineError, TimelineError

DEFAULT_DATA = "data/events.yaml"
TABLE_COLUMNS = ["date_label", "title", "type", "status", "countries", "actors", "location"]


@dataclass(frozen=True)
class LoadedData:
    timeline: Timeline
    frame: pd.DataFrame


def data_path() -> Path:
    """The events file: TIMELINE_DATA (set by `timeline dashboard`) or the shipped dataset."""
    return Path(os.environ.get("TIMELINE_DATA", DEFAULT_DATA))


@st.cache_data(max_entries=8, show_spinner=False)
def _parse(content: bytes, digest: str, name: str) -> LoadedData:
    # Keyed on the content's digest: a change on disk means a new entry, a filter change no parse.
    del digest
    timeline = parse_timeline(content, name)
    return LoadedData(timeline, to_frame(timeline))


def load(path: Path) -> LoadedData:
    content = read_file(path)
    return _parse(content, hashlib.sha256(content).hexdigest(), str(path))


def main() -> None:
    st.set_page_config(page_title="timeline", layout="wide")
    path = data_path()
    try:
        data = load(path)
    except InvalidTimelineError as error:
        st.error(f"{path} has problems:")
        st.code(error.report(limit=50), language=None)
        return
    except TimelineError as error:
        st.error(str(error))
        return
    show_overview(data)


def show_overview(data: LoadedData) -> None:
    timeline = data.timeline
    st.title(timeline.title, anchor=False)
    if timeline.description:
        st.text(timeline.description)
    st.metric("Events", len(data.frame))
    st.dataframe(
        data.frame[TABLE_COLUMNS],
        hide_index=True,
        width="stretch",
        column_config={"date_label": "Date", "title": "Title", "type": "Type", "status": "Status"},
        key="events_table",
    )


if __name__ == "__main__":
    main()
