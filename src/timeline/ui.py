"""The Streamlit page. It turns widgets into a `Filters` value, calls pure functions and shows
what they return. This is the only module that imports Streamlit. Text from data is always shown
as text: escaped before any Markdown, never as HTML.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, cast

import pandas as pd
import streamlit as st

from timeline.dataset import Dataset
from timeline.dates import format_date
from timeline.export import FORMATS, export, file_name
from timeline.figures import actor_matrix_figure, country_activity_figure, timeline_figure
from timeline.filters import GROUPINGS, Filters, apply_filters, filters_from_query, filters_to_query
from timeline.images import ImageRenderer, find_browser, missing_browser_message
from timeline.importers import ImportNote
from timeline.load import read_stable_file
from timeline.model import STATUSES, Timeline
from timeline.opening import open_timeline_cached
from timeline.problems import InvalidTimelineError, TimelineError
from timeline.report import PRESETS, SIZES, ExportView, SizeName
from timeline.views import (
    EventDetails,
    SourceLine,
    actor_option_labels,
    country_option_labels,
    describe_event,
    describe_filters,
    escape_markdown,
    event_option_label,
    markdown_link,
    to_table,
)

DEFAULT_DATA = "data/events.yaml"
MAX_UPLOAD_BYTES = 20 * 2**20
CHART_KEY = "timeline_chart"
# A page sends every option and row to the browser: large views are cut, with a note.
MAX_LISTED_EVENTS = 2_000
MAX_TABLE_ROWS = 20_000
FILTER_KEYS = ("country", "actor", "type", "status", "from", "to", "q", "group")


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
def _parse(_content: bytes, digest: str, name: str) -> LoadedData:
    # Keyed on the content's digest (the bytes themselves are not hashed again): an edited file
    # is a new entry, and a filter change parses nothing. A resource, not cache_data: that would
    # unpickle a copy of every event on each rerun. Sessions share it and only read it (the model
    # is frozen; filters make new frames).
    opened = open_timeline_cached(_content, name)
    return LoadedData(opened, name, digest)


def load_bytes(content: bytes, name: str) -> LoadedData:
    return _parse(content, hashlib.sha256(content).hexdigest(), name)


def main() -> None:
    st.set_page_config(page_title="timeline", layout="wide")
    data = current_data()
    if data is None:
        return
    filters = sidebar_filters(data)
    view = apply_filters(data.frame, filters)
    show_header(data, view)
    # Only the open tab runs, so a filter change builds one view, not three.
    timeline_tab, table_tab, actors_tab, export_tab = st.tabs(
        ["Timeline", "Table", "Actors", "Export"], key="view", on_change="rerun"
    )
    if timeline_tab.open is not False:
        with timeline_tab:
            show_timeline(data, view, filters)
    if table_tab.open:
        with table_tab:
            show_table(data, view)
    if actors_tab.open:
        with actors_tab:
            show_actors(data, view)
    if export_tab.open:
        with export_tab:
            show_exports(data, view, filters)
    # Last, so the link also holds an event opened on the chart during this run.
    opened = replace(filters, event=st.session_state.get("event"))
    st.query_params.from_dict(filters_to_query(opened))


# --- Data source -------------------------------------------------------------------------------


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
        return _last_good()
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
        raise TimelineError(f"{upload.name} is larger than {MAX_UPLOAD_BYTES // 2**20} MiB")
    return load_bytes(content, upload.name)


def _keep_last_good(error: InvalidTimelineError) -> LoadedData | None:
    last = _last_good()
    count = len(error.problems)
    heading = f"{count} problem{'s' if count != 1 else ''} in the events file"
    if last is not None:
        heading += f"; still showing the last good version of {last.name}"
    st.error(heading, icon="⚠️")
    st.code(error.report(limit=50), language=None)
    return last


def _last_good() -> LoadedData | None:
    last: LoadedData | None = st.session_state.get("last_good")
    return last


# --- Filters -----------------------------------------------------------------------------------


def sidebar_filters(data: LoadedData) -> Filters:
    """The sidebar's widgets as a Filters value. A session starts from the filters in its link.

    The link's filters are the widgets' *defaults*, not values set through session state: a
    value set that way reaches the browser only with the run that set it, and a click that
    interrupts that run (a tab, before the sidebar is drawn) would leave the browser with an
    empty widget and the next run would send the emptiness back. A default is sent each run.
    """
    timeline = data.timeline
    start = _link_filters(data)
    for note in st.session_state.get("url_notes", []):
        st.sidebar.warning(f"Link: {escape_markdown(note)}")
    sidebar = st.sidebar
    sidebar.header("Filters")
    sidebar.radio(
        "Lanes by", GROUPINGS, index=GROUPINGS.index(start.group), key="group", horizontal=True
    )
    countries = country_option_labels(timeline)
    sidebar.multiselect(
        "Country",
        list(countries),
        default=_or_none(start.countries),
        format_func=countries.__getitem__,
        key="country",
    )
    actors = actor_option_labels(timeline)
    sidebar.multiselect(
        "Actor",
        list(actors),
        default=_or_none(start.actors),
        format_func=actors.__getitem__,
        key="actor",
        placeholder="Type a name or spelling",
    )
    types = list(timeline.event_types)
    sidebar.multiselect(
        "Type",
        types,
        default=_or_none(start.types),
        format_func=lambda name: name.replace("_", " "),
        key="type",
    )
    sidebar.multiselect("Status", list(STATUSES), default=_or_none(start.statuses), key="status")
    first, last = _date_bounds(data.frame)
    for label, key, value in (
        ("From", "from", _within(start.date_from, first, last)),
        ("To", "to", _within(start.date_to, first, last)),
    ):
        sidebar.date_input(
            label, value=value, min_value=first, max_value=last, key=key, format="YYYY-MM-DD"
        )
    sidebar.text_input(
        "Search titles, summaries and quotes", value=start.query, key="q", max_chars=200
    )
    sidebar.button("Reset filters", on_click=_reset_filters, key="reset")
    return _filters_from_widgets()


def _filters_from_widgets() -> Filters:
    state = st.session_state
    return Filters(
        countries=tuple(state["country"]),
        actors=tuple(state["actor"]),
        types=tuple(state["type"]),
        statuses=tuple(state["status"]),
        date_from=state["from"],
        date_to=state["to"],
        query=state["q"].strip(),
        group=state["group"],
        event=state.get("event"),
    )


def _within(day: date | None, first: date | None, last: date | None) -> date | None:
    """A link's date moved into the data's range (the date widget refuses any other)."""
    if day is None or first is None or last is None:
        return day
    return min(max(day, first), last)


def _or_none(values: tuple[str, ...]) -> list[str] | None:
    return list(values) or None


def _link_filters(data: LoadedData) -> Filters:
    """The filters in the session's first link (read once per session and data file)."""
    state = st.session_state
    if state.get("link_filters_for") != data.digest:
        params = {name: st.query_params.get_all(name) for name in st.query_params}
        filters, notes = filters_from_query(params, data.timeline, data.frame["id"])
        state["link_filters"], state["url_notes"] = filters, notes
        state["link_filters_for"] = data.digest
        state.setdefault("event", filters.event)
    link: Filters = state["link_filters"]
    return link


def _reset_filters() -> None:
    # A callback runs before the widgets exist in the next run, so setting them here is safe;
    # the link's filters stop being the defaults, or they would come back.
    state = st.session_state
    state["link_filters"], state["url_notes"] = Filters(), []
    for key in ("country", "actor", "type", "status"):
        state[key] = []
    state["from"] = state["to"] = None
    state["q"], state["group"], state["event"] = "", "country", None


def _date_bounds(frame: pd.DataFrame) -> tuple[date | None, date | None]:
    if frame.empty:
        return None, None
    return frame["span_start"].min().date(), frame["span_end"].max().date()


# --- Views -------------------------------------------------------------------------------------


def show_header(data: LoadedData, view: pd.DataFrame) -> None:
    st.title(escape_markdown(data.timeline.title), anchor=False)
    total = len(data.frame)
    as_of = data.timeline.as_of
    as_of_text = f" · as of {escape_markdown(format_date(as_of))}" if as_of else ""
    st.markdown(f"**{len(view):,} of {total:,} events**{as_of_text}")


def show_timeline(data: LoadedData, view: pd.DataFrame, filters: Filters) -> None:
    if view.empty:
        st.info("No events match these filters. Widen them, or reset.")
        return
    _follow_chart_selection()
    preferred = filters.actors if filters.group == "actor" else filters.countries
    figure = timeline_figure(
        view, data.timeline, filters.group, selected=filters.event, preferred=preferred
    )
    st.plotly_chart(
        figure,
        key=CHART_KEY,
        on_select="rerun",
        selection_mode="points",
        width="stretch",
        config={
            "displaylogo": False,
            "toImageButtonOptions": {"format": "svg", "filename": _view_name(data, view, filters)},
        },
    )
    choose_event(data, view)
    if st.session_state.get("event"):
        details = describe_event(data.dataset, st.session_state["event"])
        if details is not None:
            show_details(details)


def _view_name(data: LoadedData, view: pd.DataFrame, filters: Filters) -> str:
    """The camera button's file name: 'timeline-tr-call' for that view."""
    sample = ExportView(data.dataset, view, filters, data.name)
    return file_name(sample, "svg").removesuffix(".svg")


def _follow_chart_selection() -> None:
    """Open the event clicked on the chart, once per new click (the list can open others)."""
    selection = st.session_state.get(CHART_KEY)
    points = (selection or {}).get("selection", {}).get("points", [])
    clicked = [point.get("customdata") for point in points if point.get("customdata")]
    clicked_ids = [value[0] if isinstance(value, list) else value for value in clicked]
    if clicked_ids and clicked_ids != st.session_state.get("last_clicked"):
        st.session_state["event"] = clicked_ids[0]
    st.session_state["last_clicked"] = clicked_ids


def choose_event(data: LoadedData, view: pd.DataFrame) -> None:
    listed = view.head(MAX_LISTED_EVENTS)
    labels = dict(
        zip(
            listed["id"],
            map(event_option_label, listed["title"], listed["date_label"]),
            strict=True,
        )
    )
    current = st.session_state.get("event")
    if current and current not in labels:
        row = data.frame[data.frame["id"] == current]
        if not row.empty:
            labels[current] = event_option_label(row["title"].iloc[0], row["date_label"].iloc[0])
    st.selectbox(
        "Open an event",
        [None, *labels],
        key="event",
        format_func=lambda event_id: "—" if event_id is None else labels[event_id],
        help=_listing_note(len(view)),
    )


def _listing_note(count: int) -> str | None:
    if count <= MAX_LISTED_EVENTS:
        return None
    return f"The first {MAX_LISTED_EVENTS:,} of {count:,}: narrow the filters, or click a mark."


def show_details(details: EventDetails) -> None:
    with st.container(border=True, key="details"):
        st.subheader(escape_markdown(details.title), anchor=False)
        st.markdown(
            f"**{escape_markdown(details.date)}** · {escape_markdown(details.type)} · "
            f"status: **{escape_markdown(details.status)}**"
        )
        if details.location:
            st.markdown(f"Location: {escape_markdown(details.location)}")
        if details.countries:
            st.markdown(f"Countries: {escape_markdown(', '.join(details.countries))}")
        if details.summary:
            st.markdown(escape_markdown(details.summary))
        _show_actors(details)
        _show_quotes(details)
        _show_sources(details)
        _show_related(details)


def _show_actors(details: EventDetails) -> None:
    if not details.actors:
        return
    st.markdown("**Actors**")
    lines = []
    for actor in details.actors:
        role = f", {actor.role}" if actor.role else ""
        lines.append(f"- {escape_markdown(actor.name + role)}")
    st.markdown("\n".join(lines))


def _show_quotes(details: EventDetails) -> None:
    for quote in details.quotes:
        speaker = quote.speaker or "Unattributed"
        when = f", {quote.date}" if quote.date else ""
        st.markdown(f"> {escape_markdown(quote.text)}\n>\n> — {escape_markdown(speaker + when)}")


def _show_sources(details: EventDetails) -> None:
    st.markdown("**Sources**")
    st.markdown("\n".join(f"{n}. {_source_markdown(s)}" for n, s in enumerate(details.sources, 1)))


def _source_markdown(source: SourceLine) -> str:
    return markdown_link(source.label, source.url) if source.url else escape_markdown(source.label)


def _show_related(details: EventDetails) -> None:
    if not details.related:
        return
    st.markdown("**Related events**")
    for line in details.related:
        st.button(
            escape_markdown(f"{line.relation}: {line.date} — {line.title}"),
            key=f"related-{line.event_id}-{line.relation}",
            on_click=_open_event,
            args=(line.event_id,),
        )


def _open_event(event_id: str) -> None:
    st.session_state["event"] = event_id


def show_table(data: LoadedData, view: pd.DataFrame) -> None:
    if len(view) > MAX_TABLE_ROWS:
        st.caption(
            f"The first {MAX_TABLE_ROWS:,} of {len(view):,} events; export CSV for all of them."
        )
    st.dataframe(
        to_table(view.head(MAX_TABLE_ROWS), data.timeline),
        hide_index=True,
        width="stretch",
        key="events_table",
        column_config={
            "Start": st.column_config.DatetimeColumn("Start", format="YYYY-MM-DD HH:mm"),
            "Source": st.column_config.LinkColumn(
                "Source", validate=r"^https?://", display_text="open source"
            ),
        },
    )


def show_actors(data: LoadedData, view: pd.DataFrame) -> None:
    st.subheader("Who met, called or negotiated with whom", anchor=False)
    st.plotly_chart(actor_matrix_figure(view, data.timeline), key="actor_matrix", width="stretch")
    st.subheader("Each country's activity, week by week", anchor=False)
    st.plotly_chart(
        country_activity_figure(view, data.timeline), key="country_activity", width="stretch"
    )


@st.cache_resource(show_spinner=False)
def _renderer() -> ImageRenderer:
    # One browser per server process for every session's image exports (it serialises them).
    return ImageRenderer()


def show_exports(data: LoadedData, view: pd.DataFrame, filters: Filters) -> None:
    st.subheader("Export this view", anchor=False)
    st.caption(f"{len(view)} events · {escape_markdown(describe_filters(filters, data.timeline))}")
    size = cast(SizeName, st.radio("Chart size", SIZES, horizontal=True, key="export_size"))
    preset = PRESETS[size]
    st.caption(f"Charts at {preset.width} × {preset.height} px (PNG at twice that)")
    title = st.text_input(
        "Title", key="export_title", placeholder=data.timeline.title, max_chars=200
    )
    export_view = ExportView(data.dataset, view, filters, Path(data.name).name, title or None, size)
    has_browser = find_browser() is not None
    if not has_browser:
        st.warning(missing_browser_message("Image and PDF export"))
    for item in FORMATS.values():
        st.download_button(
            item.describe,
            data=partial(_export_file, export_view, item.name),
            file_name=file_name(export_view, item.name),
            mime=item.media_type,
            key=f"download-{item.name}",
            disabled=item.needs_browser and not has_browser,
            on_click="ignore",
        )


def _export_file(export_view: ExportView, format_name: str) -> bytes:
    # Runs when the button is pressed, on a thread of its own; the renderer is shared and locked.
    wants_browser = FORMATS[format_name].needs_browser or format_name == "briefing"
    renderer = _renderer() if wants_browser and find_browser() else None
    return export(export_view, format_name, renderer)


if __name__ == "__main__":
    main()
