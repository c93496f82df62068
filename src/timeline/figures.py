"""Plotly figures: the timeline and the actors views. Pure functions of a frame and the model.

Colours are the country's (from the data, or a colour-blind-safe palette assigned in the order of
the file's countries, so they are the same in every view and export); marker symbols are the
event type; status is drawn as fill (happened), hollow (scheduled, proposed) or grey and crossed
out (postponed, cancelled). Every figure takes an explicit template: Streamlit changes Plotly's
default template in its process, and an export must never inherit that.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from timeline.filters import Grouping
from timeline.model import Timeline

DEFAULT_TEMPLATE = "plotly_white"
# Okabe–Ito, then Paul Tol's muted scheme: told apart with the common colour-vision deficiencies.
PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#332288",
    "#117733",
    "#882255",
    "#44AA99",
    "#999933",
    "#AA4499",
    "#DDCC77",
    "#88CCEE",
    "#000000",
)
MUTED = "#9E9E9E"
NO_COUNTRY = "(no country)"
SYMBOLS = {
    "call": "circle",
    "meeting": "square",
    "visit": "triangle-up",
    "negotiation_round": "diamond",
    "summit": "star",
    "proposal": "triangle-right",
    "statement": "hexagon",
    "announcement": "pentagon",
    "agreement": "hexagram",
    "exchange": "bowtie",
    "ultimatum": "triangle-down",
    "military_action": "x",
    "appointment": "cross",
    "document": "hourglass",
}
EXTRA_SYMBOLS = (
    "star-diamond",
    "hourglass",
    "diamond-wide",
    "octagon",
    "star-square",
    "diamond-tall",
)
HOLLOW_STATUSES = frozenset({"scheduled", "proposed"})
MUTED_STATUSES = frozenset({"postponed", "cancelled"})
LABEL_LIMIT = 400  # above this many events, titles show on hover only
WEBGL_THRESHOLD = 5_000
MAX_LANES = 24
MAX_RELATION_LINES = 150
INTERACTION_TYPES = ("call", "meeting", "visit", "negotiation_round", "summit", "exchange")


def _escape(text: str) -> str:
    """Plotly reads a few HTML tags in labels; data must show as the text it is."""
    return html.escape(text, quote=False)


def _symbol_numbers() -> dict[str, int]:
    """Plotly's marker symbol names and their numbers (numbers travel as a compact array)."""
    from plotly.validator_cache import ValidatorCache

    values = ValidatorCache.get_validator("scatter.marker", "symbol").values
    return {values[i + 2]: int(values[i]) for i in range(0, len(values), 3)}


SYMBOL_NUMBERS = _symbol_numbers()


def country_colors(timeline: Timeline) -> dict[str, str]:
    """A stable colour per country code: the file's own, else the palette in file order."""
    colors: dict[str, str] = {}
    free = iter(
        color for color in PALETTE if color not in {c.color for c in timeline.countries.values()}
    )
    for code, country in timeline.countries.items():
        colors[code] = country.color or next(free, PALETTE[len(colors) % len(PALETTE)])
    return colors


def type_symbols(timeline: Timeline) -> dict[str, str]:
    """A marker symbol per event type, the file's extra types taking the spare symbols."""
    extra = [name for name in timeline.event_types if name not in SYMBOLS]
    spares = {name: EXTRA_SYMBOLS[index % len(EXTRA_SYMBOLS)] for index, name in enumerate(extra)}
    return {**SYMBOLS, **spares}


@dataclass(frozen=True)
class Lanes:
    """Lane label per row (aligned with the frame) and the lane order, busiest first."""

    labels: pd.Series
    order: list[str]


def assign_lanes(
    frame: pd.DataFrame, timeline: Timeline, group: Grouping, preferred: Sequence[str] = ()
) -> Lanes:
    """Each event goes in one lane: its type, or its first country or actor, a `preferred` one
    (those the view is filtered on) first. Beyond MAX_LANES, the quietest lanes are merged."""
    if group == "type":
        labels = frame["type"].astype("str").map(lambda name: name.replace("_", " "))
    else:
        column, empty = ("actors", "(no actor)") if group == "actor" else ("countries", NO_COUNTRY)
        records = timeline.actors if group == "actor" else timeline.countries
        names = {key: record.name for key, record in records.items()}
        wanted = set(preferred)

        def lane_of(keys: Sequence[str]) -> str:
            if not len(keys):
                return empty
            key = next((k for k in keys if k in wanted), keys[0])
            return names.get(key, key)

        labels = frame[column].map(lane_of)
    counts = labels.value_counts(sort=True)
    order = [str(label) for label in counts.index[:MAX_LANES]]
    if len(counts) > MAX_LANES:
        others = f"others ({len(counts) - MAX_LANES + 1} lanes)"
        order = [*order[:-1], others]
        labels = labels.where(labels.isin(order[:-1]), others)
    return Lanes(labels.astype("str"), order)


def timeline_figure(
    frame: pd.DataFrame,
    timeline: Timeline,
    group: Grouping = "country",
    template: str = DEFAULT_TEMPLATE,
    selected: str | None = None,
    preferred: Sequence[str] = (),
    label_room: float = 0.2,
    plot_height: int | None = None,
) -> go.Figure:
    """The (filtered) frame over time: a marker per event, spans as bars, a lane per group."""
    lanes = assign_lanes(frame, timeline, group, preferred)
    lane_pixels = (plot_height or _height(len(lanes.order), 0) - 230) / max(len(lanes.order), 1)
    points = _place_points(frame, lanes, lane_pixels)
    figure = _Traces()
    if len(frame) > WEBGL_THRESHOLD:
        _add_relations(figure, points, selected)
        _add_compact_markers(figure, points, timeline)
    else:
        _add_spans(figure, points, timeline)
        _add_relations(figure, points, selected)
        _add_markers(figure, points, timeline, False, label_room)
        _add_crosses(figure, points, False)
    _add_legend(figure, frame, timeline)
    _add_selection_ring(figure, points, selected)
    layout = _timeline_layout(figure, frame, lanes, timeline, template)
    # Plotly checks every element of every array it is given, which costs more than all the
    # rest at a few thousand events; the traces are built here, and a test validates them.
    return go.Figure(data=figure.data, layout=layout, _validate=False)


class _Traces:
    """Collects trace dicts in drawing order (later traces are drawn on top)."""

    def __init__(self) -> None:
        self.data: list[dict[str, Any]] = []

    def add_trace(self, trace: dict[str, Any]) -> None:
        self.data.append(trace)


def _place_points(frame: pd.DataFrame, lanes: Lanes, lane_pixels: float) -> pd.DataFrame:
    """The frame with `plot_x` (marker time), `plot_y` (lane plus offset) and `plot_row` columns.

    A lane's first row sits a little above its middle, with room for labels above it; events
    crowding it take the rows below, about ROW_PIXELS apart however tall the lanes are."""
    # Imprecise dates sit at the middle of the span they may cover, exact ones on their day.
    imprecise = frame["approximate"] | ~frame["precision"].isin(["day", "minute", "second"])
    middle = frame["span_start"] + (frame["span_end"] - frame["span_start"]) / 2
    plot_x = frame["start"].where(~imprecise, middle)
    lane_index = lanes.labels.map({label: index for index, label in enumerate(lanes.order)})
    if len(frame) > WEBGL_THRESHOLD:  # too many to place one by one: spread them in turn
        rows = [position % LANE_ROWS for position in range(len(frame))]
    else:
        rows = _stack_rows(plot_x.tolist(), lanes.labels.tolist())
    first_row = -min(0.2, 14 / lane_pixels)
    step = min(0.14, ROW_PIXELS / lane_pixels)
    offsets = [first_row + row * step for row in rows]
    plot_y = lane_index.astype(float).to_numpy() + offsets
    return frame.assign(plot_x=plot_x, plot_y=plot_y, plot_row=rows)


# Rows inside a lane for events that fall close together in time.
LANE_ROWS = 5
ROW_PIXELS = 24


def _stack_rows(moments: list[pd.Timestamp], labels: list[str]) -> list[int]:
    """Spread events that fall close together in a lane over a few rows inside the lane."""
    rows = [0] * len(moments)
    if not moments:
        return rows
    gap = ((max(moments) - min(moments)) or pd.Timedelta(days=1)) / 70
    row_ends: dict[str, list[pd.Timestamp | None]] = {}
    for position in sorted(range(len(moments)), key=lambda index: moments[index]):
        ends = row_ends.setdefault(labels[position], [None] * LANE_ROWS)
        row = _free_row(ends, moments[position], gap)
        ends[row] = moments[position]
        rows[position] = row
    return rows


def _free_row(row_ends: list[pd.Timestamp | None], moment: pd.Timestamp, gap: pd.Timedelta) -> int:
    for row, last in enumerate(row_ends):
        if last is None or moment - last >= gap:
            return row
    # Every row is busy: reuse the one that has been free longest.
    return min(range(len(row_ends)), key=lambda row: row_ends[row] or moment)


def _add_spans(figure: _Traces, frame: pd.DataFrame, timeline: Timeline) -> None:
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
        color = MUTED if style == "muted" else _color_of(countries, colors)
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


def _color_of(countries: Sequence[str], colors: dict[str, str]) -> str:
    return colors.get(countries[0], MUTED) if len(countries) else MUTED


def _add_markers(
    figure: _Traces, frame: pd.DataFrame, timeline: Timeline, big: bool, label_room: float
) -> None:
    """One trace per country colour; symbols by type; muted grey for postponed and cancelled."""
    colors = country_colors(timeline)
    symbols = type_symbols(timeline)
    first_country = frame["countries"].map(lambda codes: codes[0] if len(codes) else NO_COUNTRY)
    hover = _hover_texts(frame, timeline)
    labels = _label_texts(frame, label_room)
    trace_type = "scattergl" if big else "scatter"
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
                "type": trace_type,
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
                        _symbol(symbols, kind, status) for kind, status in kinds_and_statuses
                    ],
                    "color": point_colors,
                    "size": marker_size(len(frame)),
                    "line": {"width": 2, "color": point_colors},
                },
            }
        )


def _add_compact_markers(figure: _Traces, frame: pd.DataFrame, timeline: Timeline) -> None:
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
                    "name": _escape(label.get(style, "postponed or cancelled")),
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
            labels[index] = _short(str(title))
    return labels


def _symbol(symbols: dict[str, str], kind: str, status: str) -> str:
    base = symbols.get(kind, "circle")
    return f"{base}-open" if status in HOLLOW_STATUSES | MUTED_STATUSES else base


def _short(title: str, limit: int = 24, escape: bool = True) -> str:
    text = title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
    return _escape(text) if escape else text


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
            f"<b>{_escape(title)}</b>",
            _escape(label),
            f"{_escape(kind.replace('_', ' '))} · {status}",
        ]
        if len(actors):
            lines.append(_escape(", ".join(names.get(actor, actor) for actor in actors)))
        texts.append("<br>".join(lines))
    return pd.Series(texts, index=frame.index, dtype="str")


def _add_crosses(figure: _Traces, frame: pd.DataFrame, big: bool) -> None:
    muted = frame[frame["status"].isin(MUTED_STATUSES)]
    if muted.empty:
        return
    figure.add_trace(
        {
            "type": "scattergl" if big else "scatter",
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


def _add_legend(figure: _Traces, frame: pd.DataFrame, timeline: Timeline) -> None:
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


def _legend_entry(figure: _Traces, name: str, symbol: str, color: str, group: str) -> None:
    marker = {"symbol": symbol, "color": color, "size": 10, "line": {"width": 2, "color": color}}
    figure.add_trace(
        {
            "type": "scatter",
            "x": [None],
            "y": [None],
            "mode": "markers",
            "name": _escape(name),
            "hoverinfo": "skip",
            "marker": marker,
            "legendgroup": group,
            "legendgrouptitle": {"text": group},
        }
    )


def marker_size(events: int) -> int:
    """Smaller marks as the view fills up, so a crowded lane stays a readable texture."""
    return 13 if events <= 200 else 9 if events <= 2_000 else 6


def _add_relations(figure: _Traces, frame: pd.DataFrame, selected: str | None) -> None:
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


def _add_selection_ring(figure: _Traces, frame: pd.DataFrame, selected: str | None) -> None:
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


def _timeline_layout(
    figure: _Traces, frame: pd.DataFrame, lanes: Lanes, timeline: Timeline, template: str
) -> dict[str, Any]:
    legend_entries = sum(1 for trace in figure.data if trace.get("legendgroup"))
    lane_count = len(lanes.order)
    shapes, annotations = _lane_bands(lane_count), []
    if timeline.as_of is not None:
        as_of = timeline.as_of.local_start(timeline.zone)
        shapes.append(_as_of_line(as_of))
        annotations.append(_as_of_label(as_of, f"as of {timeline.as_of.start:%-d %b %Y}"))
    return {
        "template": pio.templates[template],
        "height": _height(lane_count, legend_entries),
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "hovermode": "closest",
        "legend": {"font": {"size": 11}, "itemclick": False, "itemdoubleclick": False},
        "clickmode": "event+select",
        "dragmode": "zoom",
        "uirevision": True,
        "shapes": shapes,
        "annotations": annotations,
        "yaxis": {
            "tickvals": list(range(lane_count)),
            "ticktext": [_escape(_short(label, 30, escape=False)) for label in lanes.order],
            "range": [lane_count - 0.5, -0.5],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
        },
        "xaxis": {
            "type": "date",
            "range": _x_range(frame),
            "showgrid": True,
            "rangeslider": {"visible": True, "thickness": 0.06},
        },
    }


def _lane_bands(lanes: int) -> list[dict[str, object]]:
    """Alternate shading behind the lanes, so a mark is easy to read against its lane's name."""
    return [
        {
            "type": "rect",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "yref": "y",
            "y0": index - 0.5,
            "y1": index + 0.5,
            "line": {"width": 0},
            "layer": "below",
            "fillcolor": "#f2f2f2" if index % 2 else "#ffffff",
        }
        for index in range(lanes)
    ]


def _as_of_line(as_of: object) -> dict[str, object]:
    return {
        "type": "line",
        "xref": "x",
        "x0": as_of,
        "x1": as_of,
        "yref": "paper",
        "y0": 0,
        "y1": 1,
        "line": {"color": "#444444", "width": 1.5, "dash": "dash"},
    }


def _as_of_label(as_of: object, text: str) -> dict[str, object]:
    return {
        "x": as_of,
        "y": 1,
        "yref": "paper",
        "text": text,
        "showarrow": False,
        "xanchor": "right",
        "yanchor": "bottom",
        "font": {"size": 11, "color": "#444444"},
    }


def _height(lanes: int, legend_entries: int) -> int:
    """Tall enough for every lane and for the whole legend (which Plotly would otherwise clip)."""
    lane_height = 70 if lanes <= 8 else 44
    # A legend line is about 21 px, and each of its three groups adds a title and a gap.
    return max(380, lane_height * lanes + 200, 21 * legend_entries + 3 * 40 + 100)


def _x_range(frame: pd.DataFrame) -> list[pd.Timestamp] | None:
    if frame.empty:
        return None
    first, last = frame["span_start"].min(), frame["span_end"].max()
    padding = max((last - first) * 0.04, pd.Timedelta(days=1))
    return [first - padding, last + padding]


def actor_matrix_figure(
    frame: pd.DataFrame, timeline: Timeline, template: str = DEFAULT_TEMPLATE, limit: int = 20
) -> go.Figure:
    """How often two actors took part in the same call, meeting, visit, round or summit."""
    counts = actor_pair_counts(frame)
    involvement: dict[str, int] = {}
    for (first, second), count in counts.items():
        involvement[first] = involvement.get(first, 0) + count
        involvement[second] = involvement.get(second, 0) + count
    top = sorted(involvement, key=lambda actor: (-involvement[actor], actor))[:limit]
    names = [
        _escape(timeline.actors[actor].name if actor in timeline.actors else actor) for actor in top
    ]
    matrix = [
        [counts.get(_pair(row, column), 0) if row != column else None for column in top]
        for row in top
    ]
    figure = go.Figure(
        go.Heatmap(
            z=matrix,
            x=names,
            y=names,
            colorscale="Blues",
            hoverongaps=False,
            hovertemplate="%{y} and %{x}: %{z} events<extra></extra>",
            colorbar={"title": "events"},
        )
    )
    figure.update_layout(
        template=template,
        height=max(420, 28 * len(top) + 160),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
    )
    figure.update_yaxes(autorange="reversed")
    return figure


def _pair(first: str, second: str) -> tuple[str, str]:
    return (first, second) if first <= second else (second, first)


def actor_pair_counts(frame: pd.DataFrame) -> dict[tuple[str, str], int]:
    """Events shared by each pair of actors: calls, meetings, visits, rounds, summits, exchanges."""
    counts: dict[tuple[str, str], int] = {}
    interactions = frame[frame["type"].isin(INTERACTION_TYPES)]
    for actors in interactions["actors"]:
        for pair in combinations(sorted(set(actors)), 2):
            counts[pair] = counts.get(pair, 0) + 1
    return counts


def country_activity_figure(
    frame: pd.DataFrame, timeline: Timeline, template: str = DEFAULT_TEMPLATE
) -> go.Figure:
    """Events per week for each country (an event counts for every country it involves)."""
    colors = country_colors(timeline)
    names = {code: country.name for code, country in timeline.countries.items()}
    exploded = frame[["start", "countries"]].explode("countries").dropna()
    figure = go.Figure()
    if not exploded.empty:
        exploded["week"] = exploded["start"].dt.to_period("W-SUN").dt.start_time
        weekly = exploded.groupby(["countries", "week"]).size().unstack(0, fill_value=0)
        for code in [c for c in colors if c in weekly.columns]:
            name = _escape(names.get(code, code))
            figure.add_trace(
                go.Bar(
                    x=weekly.index,
                    y=weekly[code],
                    name=name,
                    marker_color=colors[code],
                    hovertemplate=f"{name}<br>week of %{{x|%d %b %Y}}: %{{y}}<extra></extra>",
                )
            )
    figure.update_layout(
        template=template,
        barmode="stack",
        height=420,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        yaxis_title="events per week",
    )
    return figure
