"""Text measured as the browser will draw it, so labels can be placed before anything is drawn.

Charts name "Arial, Liberation Sans" first: the two fonts have the same widths (Liberation Sans
was made metric-compatible with Arial), so one measurement holds for the dashboard, kaleido's
PNG, SVG and PDF, and a reader's browser on Windows, macOS or Linux. Widths come from the
Liberation Sans TTF through Pillow (within half a pixel of Chromium); without that file, from a
per-character estimate wide enough for any common sans-serif, so labels are spaced more loosely
but still never overlap.
"""

from __future__ import annotations

import unicodedata
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


def _foreign_ems(text: str) -> float:
    """Width in ems of the text if every character beyond Latin, Greek and Cyrillic took its
    fallback font's room: a full em for wide East Asian characters, 0.7 em for the rest."""
    ems = 0.0
    for character in text:
        if ord(character) < 0x0530 or 0x2000 <= ord(character) <= 0x206F:
            ems += FALLBACK_WIDTH
        else:
            ems += 1.0 if unicodedata.east_asian_width(character) in ("W", "F") else 0.7
    return ems if any(ord(c) >= 0x0530 and not 0x2000 <= ord(c) <= 0x206F for c in text) else 0.0


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
            # Scripts the font lacks (Arabic, Hebrew, Chinese...) are drawn by the browser in
            # another font: allow the width such glyphs take, which Pillow cannot measure here.
            self._widths[text] = max(measured, self.size * _foreign_ems(text))
        return self._widths[text]

    def line_width(self, text: str) -> float:
        """A line's width as the sum of its words and spaces (words repeat across labels, so
        they are measured once; the fonts have no kerning across a space)."""
        words = text.split(" ")
        return sum(self.width(word) for word in words) + self.width(" ") * (len(words) - 1)

    def _pieces(self, word: str, max_width: float) -> list[str]:
        """A word as it can be set: whole, or, wider than a line (a long name, a script without
        spaces), broken between characters into pieces that fit, so nothing is cut off."""
        if self.width(word) <= max_width:
            return [word]
        pieces, current = [], ""
        for character in word:
            if current and self.width(current + character) > max_width:
                pieces.append(current)
                current = ""
            current += character
        return [*pieces, current] if current else pieces

    def wrap(self, text: str, max_width: float) -> list[str]:
        """Lines of at most `max_width` pixels, broken between words (a word wider than a line,
        between its characters): never cut."""
        lines: list[str] = []
        current, current_width = "", 0.0
        space = self.width(" ")
        for word in (piece for whole in text.split() for piece in self._pieces(whole, max_width)):
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
