"""The Streamlit page, top to bottom: the data, the sidebar's filters, the header and the open
tab, and the link. The `ui` package is the only one that imports Streamlit; it turns widgets into a
`Filters` value, calls the pure functions of the stages below and shows what they return. Text from
data is always shown as text: escaped before any Markdown, never as HTML.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from timeline.data.filters import Filters, apply_filters, filters_to_query, with_every_column
from timeline.figures.density import DENSITY_THRESHOLD, density_columns
from timeline.ui.exports import show_exports
from timeline.ui.panels import show_actors, show_header, show_table, show_timeline
from timeline.ui.sidebar import sidebar_filters
from timeline.ui.source import current_data, watch_data_file


def main() -> None:
    st.set_page_config(page_title="timeline", layout="wide")
    data = current_data()
    if data is None:
        watch_data_file()
        return
    filters = sidebar_filters(data)
    view = filtered_view(data.frame, filters)
    show_header(data, view, filters)
    # Only the open tab runs, so a filter change builds one view, not three.
    timeline_tab, table_tab, actors_tab, export_tab = st.tabs(
        ["Timeline", "Table", "Actors", "Export"], key="view", on_change="rerun"
    )
    if timeline_tab.open is not False:
        with timeline_tab:
            show_timeline(data, view, filters)
    if table_tab.open:
        with table_tab:
            show_table(data, with_every_column(data.frame, view))
    if actors_tab.open:
        with actors_tab:
            show_actors(data, with_every_column(data.frame, view))
    if export_tab.open:
        with export_tab:
            show_exports(data, with_every_column(data.frame, view), filters)
    # Last, so the link also holds an event opened on the chart during this run.
    opened = replace(filters, event=st.session_state.get("event"))
    st.query_params.from_dict(filters_to_query(opened))
    watch_data_file()


def filtered_view(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The view; when it is too large to draw one by one, with only the columns its chart and
    count need (copying every column of a million events took a second per filter change)."""
    view = apply_filters(frame, filters, density_columns(filters.group))
    return view if len(view) > DENSITY_THRESHOLD else with_every_column(frame, view)
