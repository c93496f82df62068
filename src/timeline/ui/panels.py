"""The page's views: the header, the timeline with the open event's details, the table and the
actors views."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from timeline.data.filters import Filters, view_as_of, with_every_column
from timeline.data.views import (
    EventDetails,
    ExportView,
    SourceLine,
    as_of_text,
    describe_event,
    escape_markdown,
    event_option_label,
    markdown_link,
    to_table,
)
from timeline.export.dispatch import file_name
from timeline.figures.activity import actor_matrix_figure, country_activity_figure
from timeline.figures.density import DENSITY_THRESHOLD
from timeline.figures.key import key_line
from timeline.figures.timeline import (
    DASHBOARD_SIZE,
    ChartSize,
    KeyEntry,
    TimelineChart,
    key_foreseen,
    timeline_chart,
)
from timeline.ui.source import LoadedData

CHART_KEY = "timeline_chart"


# A page sends every option and row to the browser: large views are cut, with a note. Every
# view drawn event by event lists all its events; a counted one lists its first thousand (a
# longer list is no way to find one, the search is, and 2,000 labels were most of what a page
# of 100,000 events sent: 0.2 MB).
MAX_LISTED_EVENTS = DENSITY_THRESHOLD


MAX_TABLE_ROWS = 20_000


def show_header(data: LoadedData, view: pd.DataFrame, filters: Filters) -> None:
    """Title, count, and the day the view reflects: 'as of 4 Mar 2026', or 'as known on 29 May
    2025' for a view as known on a day."""
    st.title(escape_markdown(data.timeline.title), anchor=False)
    when = as_of_text(data.timeline, filters)
    when_text = f" · {escape_markdown(when)}" if when else ""
    st.markdown(f"**{len(view):,} of {len(data.frame):,} events**{when_text}")


def show_timeline(data: LoadedData, view: pd.DataFrame, filters: Filters) -> None:
    if view.empty:
        st.info("No events match these filters. Widen them, or reset.")
        return
    _follow_chart_selection()
    # Titles that do not fit are numbered: the key goes beside a narrower chart. When the view
    # is sure to need it, the chart is laid out once, narrow (a few seconds saved at 4,000 events).
    narrow = replace(DASHBOARD_SIZE, width=DASHBOARD_SIZE.width - KEY_WIDTH)
    chart = _chart(data, view, filters, narrow if key_foreseen(view) else DASHBOARD_SIZE)
    if chart.key and chart.figure.layout.width != narrow.width:
        chart = _chart(data, view, filters, narrow)
    if chart.key:
        # The columns' share leaves the chart's column a little wider than the chart.
        chart_column, key_column = st.columns([chart.figure.layout.width + 20, KEY_WIDTH])
        with key_column:
            show_key(chart.key)
    else:
        chart_column = st.container()
    with chart_column:
        st.plotly_chart(
            chart.figure,
            key=CHART_KEY,
            on_select="rerun",
            selection_mode="points",
            width="content",
            # Plotly's own fonts, not Streamlit's theme: the labels were measured in them.
            theme=None,
            config={
                "displaylogo": False,
                "toImageButtonOptions": {
                    "format": "svg",
                    "filename": _view_name(data, view, filters),
                },
            },
        )
    choose_event(data, view)
    if st.session_state.get("event"):
        details = describe_event(data.dataset, st.session_state["event"], filters.known)
        if details is not None:
            show_details(details)


KEY_WIDTH = 320  # px beside the chart for the key of numbered events


def _chart(
    data: LoadedData, view: pd.DataFrame, filters: Filters, size: ChartSize
) -> TimelineChart:
    """The chart of the view, its as-of line on the day the view reflects."""
    as_of, label = view_as_of(data.timeline, filters), as_of_text(data.timeline, filters)
    group, selected = filters.group, filters.event
    return timeline_chart(
        view, data.timeline, group, selected=selected, size=size, as_of=as_of, as_of_label=label
    )


def show_key(key: tuple[KeyEntry, ...]) -> None:
    """The numbered events' number, date and full title, as text."""
    st.markdown("**Key to the numbered events**")
    shown = key[:MAX_LISTED_EVENTS]
    lines = "\n".join(key_line(entry) for entry in shown)
    with st.container(height=600, key="chart_key"):
        st.text(lines)
    if len(key) > len(shown):
        st.caption(f"The first {len(shown):,} of {len(key):,} numbered events.")


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
    listed = with_every_column(data.frame, view.head(MAX_LISTED_EVENTS))
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
    # Only a counted view lists fewer than all its events, and it has no marks to click.
    if count <= MAX_LISTED_EVENTS:
        return None
    return f"The first {MAX_LISTED_EVENTS:,} of {count:,}: search or narrow the filters."


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
        _show_accounts(details)
        _show_history(details)
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
    """Direct quotes in quotation marks; reported speech without them, as indirect speech."""
    for quote in details.quotes:
        source = f" · {_source_markdown(quote.source, short=True)}" if quote.source else ""
        if quote.reported:
            when = f", {quote.date}" if quote.date else ""
            wording = escape_markdown(quote.wording)
            st.markdown(f"{wording} _(reported{escape_markdown(when)}{source})_")
            continue
        speaker = escape_markdown((quote.speaker or "Unattributed") + _comma(quote.date))
        st.markdown(f"> {escape_markdown(quote.wording)}\n>\n> — {speaker}{source}")


def _comma(text: str | None) -> str:
    return f", {text}" if text else ""


def _show_accounts(details: EventDetails) -> None:
    """Accounts grouped by point: each with its source and side; disputed points say so."""
    if not details.points:
        return
    st.markdown("**Accounts**")
    for point in details.points:
        label = f"{point.about} (disputed)" if point.disputed else point.about
        lines = [
            f"- {escape_markdown(account.says)} — {_source_markdown(account.source, short=True)}"
            + (f" · side: {escape_markdown(account.side)}" if account.side else "")
            for account in point.accounts
        ]
        st.markdown("\n".join([f"*{escape_markdown(label)}*", *lines]))


def _show_history(details: EventDetails) -> None:
    """'proposed 28 May 2025 (unn.ua) → scheduled 31 May 2025 (...) → happened 2 Jun 2025'."""
    if not details.history:
        return
    steps = [
        f"{escape_markdown(f'{step.status} {step.date}')} "
        f"\\({_source_markdown(step.source, short=True)}\\)"
        for step in details.history
    ]
    st.markdown(f"**History:** {' → '.join(steps)}")


def _show_sources(details: EventDetails) -> None:
    st.markdown("**Sources**")
    st.markdown("\n".join(f"{n}. {_source_markdown(s)}" for n, s in enumerate(details.sources, 1)))


def _source_markdown(source: SourceLine, short: bool = False) -> str:
    """A source as a link to its address, or its title as text; `short` names a source cited by
    its address alone by its site."""
    label = source.short_label if short else source.label
    return markdown_link(label, source.url) if source.url else escape_markdown(label)


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
