"""The look shared by every figure. On the timeline, colour and symbol both say the event's type
(the lanes name the countries or actors), status is drawn as fill (happened), hollow (scheduled,
proposed) or grey and crossed out (postponed, cancelled); the activity chart colours countries.
Colours stay the same in every view and export, and escaping keeps data as text in Plotly."""

from __future__ import annotations

import html

from timeline.core.model import Timeline

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
    # Then darker tones of the same families, so that up to 20 countries each have their own.
    "#661100",
    "#AA7744",
    "#5D3A9B",
    "#6B6B00",
    "#225555",
)


MUTED = "#9E9E9E"


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


def escape_label(text: str) -> str:
    """Plotly reads a few HTML tags in labels; data must show as the text it is."""
    return html.escape(text, quote=False)


def country_colors(timeline: Timeline) -> dict[str, str]:
    """A stable colour per country code: the file's own, else the palette in file order."""
    colors: dict[str, str] = {}
    free = iter(
        color for color in PALETTE if color not in {c.color for c in timeline.countries.values()}
    )
    for code, country in timeline.countries.items():
        colors[code] = country.color or next(free, PALETTE[len(colors) % len(PALETTE)])
    return colors


# Each built-in type keeps its colour in every file; a file's own types take the palette's rest.
TYPE_COLORS = {
    "call": "#0072B2",
    "meeting": "#009E73",
    "visit": "#56B4E9",
    "negotiation_round": "#D55E00",
    "summit": "#CC79A7",
    "proposal": "#E69F00",
    "statement": "#332288",
    "announcement": "#882255",
    "agreement": "#117733",
    "exchange": "#44AA99",
    "ultimatum": "#AA4499",
    "military_action": "#000000",
    "appointment": "#999933",
    "document": "#661100",
}


def type_colors(timeline: Timeline) -> dict[str, str]:
    """A stable colour per event type."""
    spare = [color for color in PALETTE if color not in TYPE_COLORS.values()]
    extra = [name for name in timeline.event_types if name not in TYPE_COLORS]
    own = {name: spare[index % len(spare)] for index, name in enumerate(extra)}
    return {**TYPE_COLORS, **own}


def type_symbols(timeline: Timeline) -> dict[str, str]:
    """A marker symbol per event type, the file's extra types taking the spare symbols."""
    extra = [name for name in timeline.event_types if name not in SYMBOLS]
    spares = {name: EXTRA_SYMBOLS[index % len(EXTRA_SYMBOLS)] for index, name in enumerate(extra)}
    return {**SYMBOLS, **spares}


def symbol_for(symbols: dict[str, str], kind: str, status: str) -> str:
    base = symbols.get(kind, "circle")
    return f"{base}-open" if status in HOLLOW_STATUSES | MUTED_STATUSES else base


def marker_size(events: int) -> int:
    """Smaller marks as the view fills up, so a crowded lane stays a readable texture."""
    return 13 if events <= 200 else 9 if events <= 2_000 else 6
