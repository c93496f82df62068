"""The sidebar's filter widgets and the link: both read and write one `Filters` value."""

from __future__ import annotations

from datetime import date

import streamlit as st

from timeline.core.model import STATUSES, Timeline
from timeline.data.filters import (
    GROUPINGS,
    Filters,
    date_bounds,
    filters_from_query,
    known_bounds,
)
from timeline.data.views import (
    actor_option_labels,
    country_option_labels,
    escape_markdown,
)
from timeline.ui.source import LoadedData


def sidebar_filters(data: LoadedData) -> Filters:
    """The sidebar's widgets as a Filters value. A session starts from the filters in its link.

    The link's filters are the widgets' *defaults*, not values set through session state: a
    value set that way reaches the browser only with the run that set it, and a click that
    interrupts that run (a tab, before the sidebar is drawn) would leave the browser with an
    empty widget and the next run would send the emptiness back. A default is sent each run.
    """
    start = _link_filters(data)
    for note in st.session_state.get("url_notes", []):
        st.sidebar.warning(f"Link: {escape_markdown(note)}")
    st.sidebar.header("Filters")
    st.sidebar.radio(
        "Lanes by", GROUPINGS, index=GROUPINGS.index(start.group), key="group", horizontal=True
    )
    _choice_widgets(data.timeline, start)
    _date_and_word_widgets(data, start)
    _truth_widgets(data, start)
    st.sidebar.button("Reset filters", on_click=_reset_filters, key="reset")
    return filters_in_session()


def _choice_widgets(timeline: Timeline, start: Filters) -> None:
    """Country, actor, type and status: several may be chosen; any of them matches."""
    sidebar = st.sidebar
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
    sidebar.multiselect(
        "Type",
        list(timeline.event_types),
        default=_or_none(start.types),
        format_func=lambda name: name.replace("_", " "),
        key="type",
    )
    sidebar.multiselect("Status", list(STATUSES), default=_or_none(start.statuses), key="status")


def _date_and_word_widgets(data: LoadedData, start: Filters) -> None:
    first, last = date_bounds(data.frame)
    for label, key, value in (
        ("From", "from", _within(start.date_from, first, last)),
        ("To", "to", _within(start.date_to, first, last)),
    ):
        st.sidebar.date_input(
            label, value=value, min_value=first, max_value=last, key=key, format="YYYY-MM-DD"
        )
    st.sidebar.text_input(
        "Search titles, summaries, quotes, tags and actors",
        value=start.query,
        key="q",
        max_chars=200,
    )


def _truth_widgets(data: LoadedData, start: Filters) -> None:
    """The view as known on a day, and the disputed events only."""
    first, last = known_bounds(data.frame)
    st.sidebar.date_input(
        "As known on",
        value=_within(start.known, first, last),
        min_value=first,
        max_value=last,
        key="known",
        format="YYYY-MM-DD",
        help="The timeline as it stood at the end of this day: events not yet known are left "
        "out, and each status is the one it had then.",
    )
    st.sidebar.checkbox(
        "Only events where sources disagree",
        value=start.disputed,
        key="disputed",
        help="Events with a point on which two or more accounts differ.",
    )


def filters_in_session() -> Filters:
    """The filters the sidebar's widgets hold in this session (after `sidebar_filters` ran)."""
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
        known=state.get("known"),
        disputed=bool(state.get("disputed", False)),
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
    state["from"] = state["to"] = state["known"] = None
    state["disputed"] = False
    state["q"], state["group"], state["event"] = "", "country", None
