"""Text measured as the browser will draw it, so labels can be placed before anything is drawn.

Charts name "Arial, Liberation Sans" first: the two fonts have the same widths (Liberation Sans
was made metric-compatible with Arial), so one measurement holds for the dashboard, kaleido's
PNG, SVG and PDF, and a reader's browser on Windows, macOS or Linux. Widths come from the
Liberation Sans TTF through Pillow (within half a pixel of Chromium); without that file, from a
per-character estimate wide enough for any common sans-serif, so labels are spaced more loosely
but still never overlap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Protocol

CHART_FONT = "Arial, Liberation Sans, Helvetica, sans-serif"
LINE_HEIGHT = 1.3  # lines of wrapped text, in font sizes: plotly.js spaces lines 1.3 em apart
FALLBACK_WIDTH = 0.62  # em per character when the font file is missing: wider than Arial's ~0.5
FONT_FILES = (
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf",
    "/usr/share/fonts/liberation/LiberationSans-Regular.ttf",
    "/Library/Fonts/Arial.ttf",
    "/System/Library/Fonts/Supplemental/Arial.ttf",
    "C:/Windows/Fonts/arial.ttf",
)


class _Font(Protocol):
    def getlength(self, text: str) -> float: ...


@cache
def _font(size: int) -> _Font | None:
    from PIL import ImageFont

    for path in FONT_FILES:
        if Path(path).is_file():
            font: _Font = ImageFont.truetype(path, size)
            return font
    return None


@dataclass
class TextMeasure:
    """Widths and wrapping at one font size, in CSS pixels."""

    size: int
    _widths: dict[str, float] = field(default_factory=dict, repr=False)

    @property
    def line_height(self) -> float:
        return self.size * LINE_HEIGHT

    def width(self, text: str) -> float:
        if text not in self._widths:
            font = _font(self.size)
            measured = font.getlength(text) if font else len(text) * self.size * FALLBACK_WIDTH
            self._widths[text] = measured
        return self._widths[text]

    def line_width(self, text: str) -> float:
        """A line's width as the sum of its words and spaces (words repeat across labels, so
        they are measured once; the fonts have no kerning across a space)."""
        words = text.split(" ")
        return sum(self.width(word) for word in words) + self.width(" ") * (len(words) - 1)

    def wrap(self, text: str, max_width: float) -> list[str]:
        """Lines of at most `max_width` pixels, broken between words; a word wider than that
        stands on a line of its own (never cut)."""
        lines: list[str] = []
        current, current_width = "", 0.0
        space = self.width(" ")
        for word in text.split():
            word_width = self.width(word)
            if current and current_width + space + word_width > max_width:
                lines.append(current)
                current, current_width = word, word_width
            elif current:
                current, current_width = f"{current} {word}", current_width + space + word_width
            else:
                current, current_width = word, word_width
        if current:
            lines.append(current)
        return lines or [""]
