"""Self-contained HTML documents: the interactive export and the briefing.

All text from data is HTML-escaped; links are the model's http(s) source URLs only, opening in a
new tab without referrer. A Content-Security-Policy in each page forbids any network access, so
a document opened anywhere fetches nothing (the briefing runs no script at all).
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from html import escape

from timeline.core.problems import ExportError
from timeline.data.views import EventDetails, ExportView, SourceLine, describe_event
from timeline.export.images import ImageRenderer
from timeline.figures.guides import SEPARATOR
from timeline.figures.report import footnote, report_chart, report_figure, subtitle
from timeline.figures.timeline import KeyEntry

INTERACTIVE_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:"
)
BRIEFING_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
STYLE = """
body { font-family: 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif; color: #222;
       margin: 2rem auto;
       max-width: 60rem; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
.subtitle, .meta, footer, .note { color: #555; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #ddd;
         vertical-align: top; }
.event { break-inside: avoid; border-top: 1px solid #ddd; padding: 0.6rem 0; }
.event h3 { margin: 0.1rem 0; font-size: 1.05rem; }
blockquote { margin: 0.4rem 0 0.4rem 1rem; padding-left: 0.8rem; border-left: 3px solid #bbb; }
/* A tall chart shrinks to one page instead of being cut across two. */
.chart { display: block; max-width: 100%; max-height: 240mm; width: auto; height: auto;
         margin: 0 auto; break-inside: avoid; }
sup a { text-decoration: none; }
@page { size: A4; margin: 16mm 14mm; }
@media print { body { margin: 0; max-width: none; } a { color: #0645ad; } }
"""


def _page(title: str, policy: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _link(url: str, text: str) -> str:
    return f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">{escape(text)}</a>'


def standalone_html(export_view: ExportView) -> str:
    """The interactive chart (plotly.js embedded, works offline) and the list of events."""
    # At its own size: the labels were laid out for that width.
    figure = report_figure(export_view)
    chart = figure.to_html(
        full_html=False,
        include_plotlyjs=True,
        config={"displaylogo": False},
    )
    rows = "\n".join(_event_row(details) for details in _details(export_view))
    body = (
        f"<h1>{escape(export_view.heading)}</h1>\n"
        f'<p class="subtitle">{escape(subtitle(export_view))}</p>\n'
        f"{chart}\n<h2>Events</h2>\n<table>\n<thead><tr><th>Date</th><th>Event</th><th>Type</th>"
        f"<th>Status</th><th>Sources</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n"
        f"<footer><p>{escape(footnote(export_view))}</p></footer>"
    )
    return _page(export_view.heading, INTERACTIVE_POLICY, body)


def _details(export_view: ExportView) -> Iterator[EventDetails]:
    """Each event of the view, described; a row the model refuses is passed over."""
    known = export_view.filters.known
    for event_id in export_view.view["id"]:
        details = describe_event(export_view.dataset, event_id, known)
        if details is not None:
            yield details


def _event_row(details: EventDetails) -> str:
    sources = " ".join(
        _link(source.url, str(number)) if source.url else escape(str(number))
        for number, source in enumerate(details.sources, 1)
    )
    summary = f'<br><span class="meta">{escape(details.summary)}</span>' if details.summary else ""
    if details.disputed_points:
        disputed = f"Disputed: {', '.join(details.disputed_points)}"
        summary += f'<br><span class="meta">{escape(disputed)}</span>'
    return (
        f"<tr><td>{escape(details.date)}</td><td><strong>{escape(details.title)}</strong>{summary}</td>"
        f"<td>{escape(details.type)}</td><td>{escape(details.status)}</td><td>{sources}</td></tr>"
    )


def briefing_html(export_view: ExportView, renderer: ImageRenderer | None) -> str:
    """A briefing: title, the view in words, the chart, each event with summary, quotes and
    numbered source references, and the reference list. Runs no script; fetches nothing."""
    references: dict[str, int] = {}
    events = "\n".join(_briefing_event(details, references) for details in _details(export_view))
    reference_items = "\n".join(
        f'<li id="ref-{number}">{_reference(key)}</li>' for key, number in references.items()
    )
    body = (
        f"<h1>{escape(export_view.heading)}</h1>\n"
        f'<p class="subtitle">{escape(subtitle(export_view))}</p>\n'
        f'<p class="meta">Briefing prepared {date.today():%-d %B %Y} '
        f"from {escape(export_view.data_name)}.</p>\n"
        f"{_chart_block(export_view, renderer)}\n"
        f"<h2>Events</h2>\n{events}\n<h2>Sources</h2>\n<ol>\n{reference_items}\n</ol>\n"
        f"<footer><p>{escape(footnote(export_view))}</p></footer>"
    )
    return _page(f"Briefing: {export_view.heading}", BRIEFING_POLICY, body)


def _chart_block(export_view: ExportView, renderer: ImageRenderer | None) -> str:
    if renderer is None:
        return '<p class="note">(Chart not included: no browser was available to draw it.)</p>'
    chart = report_chart(replace(export_view, size="briefing"))
    figure = chart.figure
    try:
        svg = renderer.render(figure, "svg", figure.layout.width, figure.layout.height)
    except ExportError as error:
        return f'<p class="note">(Chart not included: {escape(str(error))})</p>'
    encoded = base64.b64encode(svg).decode("ascii")
    alt = f"Timeline chart: {subtitle(export_view)}"
    image = f'<img class="chart" alt="{escape(alt)}" src="data:image/svg+xml;base64,{encoded}">'
    return image + _key_list(chart.key)


def _key_list(key: tuple[KeyEntry, ...]) -> str:
    """Under the chart, the events it shows by number: number, date and full title."""
    if not key:
        return ""
    items = "\n".join(
        f'<li value="{entry.number}">{escape(entry.date + SEPARATOR + entry.title)}</li>'
        for entry in key
    )
    return f'\n<p class="meta">Numbered on the chart:</p>\n<ol class="key">\n{items}\n</ol>'


def _reference(key: str) -> str:
    """A web address as a link, anything else (a citation) as text."""
    return _link(key, key) if key.startswith(("https://", "http://")) else escape(key)


def _briefing_event(details: EventDetails, references: dict[str, int]) -> str:
    """One event: date, type, status, title with its numbered sources, actors, summary, quotes,
    accounts by point (each with its numbered source) and the history as a chain."""
    marks = "".join(_mark(source, references) for source in details.sources)
    meta = " · ".join(
        escape(part) for part in (details.type, details.status, details.location or "") if part
    )
    actors = "; ".join(escape(a.name + (f", {a.role}" if a.role else "")) for a in details.actors)
    summary = f"<p>{escape(details.summary)}</p>" if details.summary else ""
    actor_line = f'<p class="meta">{actors}</p>' if actors else ""
    return (
        f'<section class="event" id="{escape(details.id)}"><p class="meta">'
        f"<strong>{escape(details.date)}</strong> · {meta}</p>"
        f"<h3>{escape(details.title)} {marks}</h3>{actor_line}{summary}"
        f"{_quotes_html(details, references)}{_points_html(details, references)}"
        f"{_history_html(details, references)}</section>"
    )


def _mark(source: SourceLine, references: dict[str, int]) -> str:
    """A numbered reference to the source ('[3]'), numbering it on first use."""
    number = references.setdefault(source.url or source.label, len(references) + 1)
    return f'<sup><a href="#ref-{number}">[{number}]</a></sup>'


def _quotes_html(details: EventDetails, references: dict[str, int]) -> str:
    """Direct quotes in quotation marks with their speaker; reported speech as indirect speech."""
    blocks = []
    for quote in details.quotes:
        mark = _mark(quote.source, references) if quote.source else ""
        if quote.reported:
            when = f" ({quote.date})" if quote.date else ""
            blocks.append(f"<p>{escape(quote.wording + when)}. {mark}</p>")
        else:
            when = f", {quote.date}" if quote.date else ""
            speaker = escape(f"— {quote.speaker or 'unattributed'}{when}")
            blocks.append(
                f"<blockquote>{escape(quote.wording)}<br>"
                f'<span class="meta">{speaker}</span> {mark}</blockquote>'
            )
    return "".join(blocks)


def _points_html(details: EventDetails, references: dict[str, int]) -> str:
    """Each point's accounts, every one with its side and numbered source."""
    items = []
    for point in details.points:
        label = f"{point.about} (disputed)" if point.disputed else point.about
        accounts = "; ".join(
            f"{escape(account.says)}{escape(f' ({account.side})' if account.side else '')} "
            f"{_mark(account.source, references)}"
            for account in point.accounts
        )
        items.append(f"<li><strong>{escape(label)}</strong>: {accounts}</li>")
    return f'<ul class="accounts">{"".join(items)}</ul>' if items else ""


def _history_html(details: EventDetails, references: dict[str, int]) -> str:
    """'History: proposed 28 May 2025 [4] → scheduled 31 May 2025 [5] → happened 2 Jun 2025 [1]'."""
    steps = [
        f"{escape(step.status)} {escape(step.date)} {_mark(step.source, references)}"
        for step in details.history
    ]
    return f'<p class="history">History: {" → ".join(steps)}</p>' if steps else ""
