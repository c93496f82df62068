"""The timeline's marks as Plotly trace dicts: spans, markers with labels, crosses on cancelled
events, legend entries, relation lines and the ring around the open event."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from timeline.core.model import Timeline
from timeline.core.text import clip
from timeline.data.lanes import NO_COUNTRY
from timeline.figures.style import (
    HOLLOW_STATUSES,
    MUTED,
    MUTED_STATUSES,
    SYMBOL_NUMBERS,
    color_of,
    country_colors,
    escape_label,
    marker_size,
    symbol_for,
    type_symbols,
)

LABEL_LIMIT = 400  # above this many events, titles show on hover only


MAX_RELATION_LINES = 150


class Traces:
    """Collects trace dicts in drawing order (later traces are drawn on top)."""

    def __init__(self) -> None:
        self.data: list[dict[str, Any]] = []

    def add_trace(self, trace: dict[str, Any]) -> None:
        self.data.append(trace)


def add_spans(figure: Traces, frame: pd.DataFrame, timeline: Timeline) -> None:
    """A translucent bar over the stretch an event covers (an `end`, a month, an approximation)."""
    colors = country_colors(timeline)
    wide = frame[(frame["span_end"] - frame["span_start"]) > pd.Timedelta(days=1)]
    segments: dict[tuple[str, str], list[tuple[object, object, float]]] = {}
    for status, countries, start, end, y in zip(
        wide["status"],
        wide["countries"],
        wide["span_start"],
        wide["span_end"],
        wide["plot_y"],
        strict=True,
    ):
        style = _span_style(str(status))
        color = MUTED if style == "muted" else color_of(countries, colors)
        segments.setdefault((style, color), []).append((start, end, float(y)))
    for (style, color), items in segments.items():
        figure.add_trace(_span_trace(style, color, items))


def _span_style(status: str) -> str:
    if status in MUTED_STATUSES:
        return "muted"
    return "dash" if status in HOLLOW_STATUSES else "solid"


def _span_trace(
    style: str, color: str, segments: Sequence[tuple[object, object, float]]
) -> dict[str, object]:
    xs: list[object] = []
    ys: list[float | None] = []
    for start, end, y in segments:
        xs += [start, end, None]
        ys += [y, y, None]
    return {
        "type": "scatter",
        "x": xs,
        "y": ys,
        "mode": "lines",
        "hoverinfo": "skip",
        "showlegend": False,
        "name": f"spans ({style})",
        "opacity": 0.35,
        "line": {"width": 9, "color": color, "dash": "dot" if style == "dash" else "solid"},
    }


def add_markers(figure: Traces, frame: pd.DataFrame, timeline: Timeline, label_room: float) -> None:
    """One trace per country colour; symbols by type; muted grey for postponed and cancelled."""
    colors = country_colors(timeline)
    symbols = type_symbols(timeline)
    first_country = frame["countries"].map(lambda codes: codes[0] if len(codes) else NO_COUNTRY)
    hover = _hover_texts(frame, timeline)
    labels = _label_texts(frame, label_room)
    for code in [*colors, NO_COUNTRY]:
        chosen = first_country == code
        rows = frame[chosen]
        if rows.empty:
            continue
        color = colors.get(code, MUTED)
        point_colors = [MUTED if status in MUTED_STATUSES else color for status in rows["status"]]
        kinds_and_statuses = zip(rows["type"], rows["status"], strict=True)
        figure.add_trace(
            {
                "type": "scatter",
                "x": rows["plot_x"],
                "y": rows["plot_y"],
                "name": code,
                "showlegend": False,
                "mode": "markers+text",
                "text": labels[chosen].tolist(),
                "textposition": _label_sides(rows["plot_x"], frame["plot_x"]),
                "textfont": {"size": 10, "color": "#333333"},
                "customdata": rows["id"].tolist(),
                "hovertext": hover[chosen].tolist(),
                "hoverinfo": "text",
                "marker": {
                    "symbol": [
                        symbol_for(symbols, kind, status) for kind, status in kinds_and_statuses
                    ],
                    "color": point_colors,
                    "size": marker_size(len(frame)),
                    "line": {"width": 2, "color": point_colors},
                },
            }
        )


def add_compact_markers(figure: Traces, frame: pd.DataFrame, timeline: Timeline) -> None:
    """Above WEBGL_THRESHOLD events: WebGL, and only what the browser needs to draw and open
    an event, as typed arrays (times in ms, lanes as float32, symbol numbers). No labels, spans
    or per-event hover text: the payload stays a few megabytes at 100,000 events. Status is
    told by a trace of its own (faint for scheduled and proposed, grey for the rest): WebGL
    draws open symbols given by number without their outline."""
    colors = country_colors(timeline)
    symbols = type_symbols(timeline)
    names = {code: country.name for code, country in timeline.countries.items()}
    first_country = frame["countries"].map(lambda codes: codes[0] if len(codes) else NO_COUNTRY)
    styles = {
        "solid": ~frame["status"].isin(HOLLOW_STATUSES | MUTED_STATUSES).to_numpy(),
        "faint": frame["status"].isin(HOLLOW_STATUSES).to_numpy(),
        "muted": frame["status"].isin(MUTED_STATUSES).to_numpy(),
    }
    per_type = {kind: SYMBOL_NUMBERS[symbols.get(kind, "circle")] for kind in symbols}
    symbol = frame["type"].astype("str").map(per_type).fillna(0).to_numpy(dtype="int16")
    times = frame["plot_x"].to_numpy(dtype="datetime64[ms]").astype("float64")
    lanes = frame["plot_y"].to_numpy(dtype="float32")
    ids = frame["id"].to_numpy()
    for code in [*colors, NO_COUNTRY]:
        in_lane = (first_country == code).to_numpy()
        for style, members in styles.items():
            chosen = in_lane & members
            if not chosen.any():
                continue
            label = {"solid": names.get(code, code), "faint": f"{names.get(code, code)}, planned"}
            figure.add_trace(
                {
                    "type": "scattergl",
                    "x": times[chosen],
                    "y": lanes[chosen],
                    "name": escape_label(label.get(style, "postponed or cancelled")),
                    "showlegend": False,
                    "mode": "markers",
                    "customdata": ids[chosen].tolist(),
                    "hovertemplate": "%{x|%-d %b %Y}<extra>%{fullData.name}</extra>",
                    "opacity": 0.4 if style == "faint" else 1.0,
                    "marker": {
                        "symbol": symbol[chosen],
                        "color": MUTED if style == "muted" else colors.get(code, MUTED),
                        "size": marker_size(len(frame)),
                    },
                }
            )


def _label_sides(moments: pd.Series, every_moment: pd.Series) -> list[str]:
    """Labels run right of their marker, except near the right edge, so none is cut off."""
    turn = _label_turn(every_moment)
    return ["top left" if moment > turn else "top right" for moment in moments]


def _label_turn(moments: pd.Series) -> pd.Timestamp:
    return pd.Timestamp(moments.min() + (moments.max() - moments.min()) * 0.7)


def _label_texts(frame: pd.DataFrame, room: float) -> pd.Series:
    """Short titles for the events that have room for one: on a lane's centre row, where the
    label's stretch (right of the mark, or left near the right edge) overlaps no other label.
    The rest show their title on hover."""
    labels = pd.Series("", index=frame.index, dtype="str")
    if frame.empty or len(frame) > LABEL_LIMIT:
        return labels
    width = ((frame["plot_x"].max() - frame["plot_x"].min()) or pd.Timedelta(days=1)) * room
    turn = _label_turn(frame["plot_x"])
    taken: dict[float, list[tuple[pd.Timestamp, pd.Timestamp]]] = {}
    rows = zip(
        frame.index,
        frame["plot_x"],
        frame["plot_y"],
        frame["plot_row"],
        frame["title"],
        strict=True,
    )
    for index, x, y, row, title in sorted(rows, key=lambda item: item[1]):
        if row != 0:
            continue
        stretch = (x - width, x) if x > turn else (x, x + width)
        lane = taken.setdefault(float(y), [])
        if all(stretch[1] <= start or end <= stretch[0] for start, end in lane):
            lane.append(stretch)
            labels[index] = short_label(str(title))
    return labels


def short_label(title: str, limit: int = 24) -> str:
    return escape_label(clip(title, limit))


def _hover_texts(frame: pd.DataFrame, timeline: Timeline) -> pd.Series:
    """Hover text per event; data is escaped, since Plotly reads a few HTML tags in labels."""
    names = {key: actor.name for key, actor in timeline.actors.items()}
    texts = []
    for title, label, kind, status, actors in zip(
        frame["title"],
        frame["date_label"],
        frame["type"],
        frame["status"],
        frame["actors"],
        strict=True,
    ):
        lines = [
            f"<b>{escape_label(title)}</b>",
            escape_label(label),
            f"{escape_label(kind.replace('_', ' '))} · {status}",
        ]
        if len(actors):
            lines.append(escape_label(", ".join(names.get(actor, actor) for actor in actors)))
        texts.append("<br>".join(lines))
    return pd.Series(texts, index=frame.index, dtype="str")


def add_crosses(figure: Traces, frame: pd.DataFrame) -> None:
    muted = frame[frame["status"].isin(MUTED_STATUSES)]
    if muted.empty:
        return
    figure.add_trace(
        {
            "type": "scatter",
            "x": muted["plot_x"],
            "y": muted["plot_y"],
            "mode": "markers",
            "hoverinfo": "skip",
            "name": "postponed or cancelled",
            "showlegend": False,
            "marker": {
                "symbol": "x-thin-open",
                "size": marker_size(len(frame)) + 2,
                "color": "#555555",
                "line": {"width": 2, "color": "#555555"},
            },
        }
    )


def add_legend(figure: Traces, frame: pd.DataFrame, timeline: Timeline) -> None:
    """Legend-only entries: the marks' own traces mix symbols, so they cannot explain them."""
    colors = country_colors(timeline)
    shown = set(frame["countries"].str[0].dropna())
    for code, color in colors.items():
        if code in shown:
            _legend_entry(figure, timeline.countries[code].name, "circle", color, "Country")
    symbols = type_symbols(timeline)
    present = set(frame["type"].astype("str"))
    for kind in timeline.event_types:
        if kind in present:
            _legend_entry(
                figure, kind.replace("_", " "), symbols.get(kind, "circle"), "#555555", "Type"
            )
    statuses = set(frame["status"].astype("str"))
    for label, symbol, color, members in (
        ("happened", "circle", "#555555", {"happened"}),
        ("scheduled / proposed", "circle-open", "#555555", HOLLOW_STATUSES),
        ("postponed / cancelled", "circle-x-open", MUTED, MUTED_STATUSES),
    ):
        if statuses & members:
            _legend_entry(figure, label, symbol, color, "Status")


def _legend_entry(figure: Traces, name: str, symbol: str, color: str, group: str) -> None:
    marker = {"symbol": symbol, "color": color, "size": 10, "line": {"width": 2, "color": color}}
    figure.add_trace(
        {
            "type": "scatter",
            "x": [None],
            "y": [None],
            "mode": "markers",
            "name": escape_label(name),
            "hoverinfo": "skip",
            "marker": marker,
            "legendgroup": group,
            "legendgrouptitle": {"text": group},
        }
    )


def add_relations(figure: Traces, frame: pd.DataFrame, selected: str | None) -> None:
    """A thin line from each event to the events it relates to, when both are shown. In a
    crowded view only the open event's links are drawn: hundreds of lines would hide the marks."""
    linking = frame[frame["related"].map(len) > 0]
    if linking.empty:
        return
    crowded = sum(len(related) for related in linking["related"]) > MAX_RELATION_LINES
    if crowded:
        touches = linking["related"].map(lambda related: selected in related)
        linking = linking[(linking["id"] == selected) | touches]
    ends = frame[frame["id"].isin({*linking["id"], *(i for r in linking["related"] for i in r)})]
    where = dict(zip(ends["id"], zip(ends["plot_x"], ends["plot_y"], strict=True), strict=True))
    xs: list[object] = []
    ys: list[float | None] = []
    for event_id, related in zip(linking["id"], linking["related"], strict=True):
        for other in related:
            if other in where and (
                len(linking) <= MAX_RELATION_LINES or selected in (event_id, other)
            ):
                (x0, y0), (x1, y1) = where[event_id], where[other]
                xs += [x0, x1, None]
                ys += [float(y0), float(y1), None]
    if xs:
        figure.add_trace(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "lines",
                "hoverinfo": "skip",
                "name": "related",
                "showlegend": False,
                "line": {"width": 1, "color": "rgba(90,90,90,0.45)", "dash": "dot"},
            }
        )


def add_selection_ring(figure: Traces, frame: pd.DataFrame, selected: str | None) -> None:
    rows = frame[frame["id"] == selected] if selected else frame.iloc[0:0]
    if rows.empty:
        return
    figure.add_trace(
        {
            "type": "scatter",
            "x": rows["plot_x"],
            "y": rows["plot_y"],
            "mode": "markers",
            "hoverinfo": "skip",
            "name": "open event",
            "showlegend": False,
            "marker": {
                "symbol": "circle-open",
                "size": 26,
                "color": "#222222",
                "line": {"width": 3, "color": "#222222"},
            },
        }
    )
