"""The actors views: who met whom (a co-occurrence matrix) and each country's weekly activity."""

from __future__ import annotations

from itertools import combinations

import pandas as pd
import plotly.graph_objects as go

from timeline.core.model import Timeline
from timeline.figures.style import DEFAULT_TEMPLATE, country_colors, escape_label

INTERACTION_TYPES = ("call", "meeting", "visit", "negotiation_round", "summit", "exchange")


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
        escape_label(timeline.actors[actor].name if actor in timeline.actors else actor)
        for actor in top
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
            name = escape_label(names.get(code, code))
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
