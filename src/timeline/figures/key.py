"""The key of a chart whose events are numbered: number, date and full title, in columns under
the chart, wrapped (never cut)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from timeline.figures.guides import SEPARATOR
from timeline.figures.measure import TextMeasure
from timeline.figures.style import escape_label

KEY_GAP = 24  # px between key columns
INDENT = "\u2003"  # an em space before a wrapped entry's further lines
TITLE_ROOM = 1.6  # the key's heading, in line heights


class Numbered(Protocol):
    @property
    def number(self) -> int: ...
    @property
    def date(self) -> str: ...
    @property
    def title(self) -> str: ...


def key_line(entry: Numbered) -> str:
    """'12. 10 May 2025 · Title', as every key writes an entry (chart, page, briefing)."""
    return f"{entry.number}. {entry.date}{SEPARATOR}{entry.title}"


def key_lines(entry: Numbered, measure: TextMeasure, width: float) -> list[str]:
    """An entry's lines, wrapped to `width`, further lines indented."""
    text = key_line(entry)
    first, *rest = measure.wrap(text, width)
    indent_width = measure.width(INDENT)
    further = measure.wrap(" ".join(rest), width - indent_width) if rest else []
    return [first, *(INDENT + line for line in further)]


def key_annotations(
    entries: Sequence[Numbered],
    offset: float,
    plot_height: float,
    plot_width: float,
    columns: int,
    font_size: int,
) -> tuple[list[dict[str, Any]], float]:
    """Annotations laying the key out in `columns` under the plot (as wide as the plot), starting
    `offset` px below it, and the height they take. Entries fill the columns in order."""
    measure = TextMeasure(font_size)
    column_width = (plot_width - KEY_GAP * (columns - 1)) / columns
    blocks = [key_lines(entry, measure, column_width) for entry in entries]
    per_column = _balanced(blocks, columns)
    heading = {
        **_text_block("<b>Key to the numbered events</b>", 0, offset, plot_height, font_size),
        "name": "key-heading",
    }
    top = offset + measure.line_height * TITLE_ROOM
    notes = [heading]
    for index, column in enumerate(per_column):
        lines = [escape_label(line) for block in column for line in block]
        x = index * (column_width + KEY_GAP) / plot_width
        notes.append({**_text_block("<br>".join(lines), x, top, plot_height, font_size)})
    tallest = max((sum(len(block) for block in column) for column in per_column), default=0)
    return notes, top - offset + tallest * measure.line_height + 12


def _balanced(blocks: list[list[str]], columns: int) -> list[list[list[str]]]:
    """Blocks split into at most `columns` runs of about equal line counts, in order."""
    total = sum(len(block) for block in blocks)
    target = -(-total // columns)
    result: list[list[list[str]]] = [[]]
    count = 0
    for block in blocks:
        if count + len(block) > target and result[-1] and len(result) < columns:
            result.append([])
            count = 0
        result[-1].append(block)
        count += len(block)
    return result


def _text_block(
    text: str, x: float, offset: float, plot_height: float, size: int
) -> dict[str, Any]:
    return {
        "text": text,
        "xref": "paper",
        "yref": "paper",
        "x": x,
        "y": -offset / plot_height,
        "xanchor": "left",
        "yanchor": "top",
        "align": "left",
        "showarrow": False,
        "font": {"size": size, "color": "#1a1a1a"},
        "name": "key",
    }
