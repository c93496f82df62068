"""Small text helpers every stage shares: cutting text visibly, hidden characters, positions."""

from __future__ import annotations

import re

MAX_TEXT = 20_000  # the model's limit for any text

# Characters the loader refuses in text and the importers remove: C0/C1 controls (not tab or
# newline) and the bidi controls that can make text read differently from what it holds.
HIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
# The same characters in RE2's syntax, for Arrow's regular expressions.
HIDDEN_CHARACTERS_RE2 = (
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\x{061c}\x{200e}\x{200f}\x{202a}-\x{202e}\x{2066}-\x{2069}]"
)

# TimelineJS slide text: the paragraph of source links that our export writes and our importer
# reads back as sources.
TIMELINEJS_SOURCES_CLASS = "tl-sources"


def clip(text: str, limit: int = MAX_TEXT) -> str:
    """Text cut to at most `limit` characters, visibly (an ellipsis ends a cut text)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def line_and_column(text: str | bytes, position: int) -> tuple[int, int]:
    """The 1-based line and column of a character (or byte) position."""
    newline = b"\n" if isinstance(text, bytes) else "\n"
    line = text.count(newline, 0, position) + 1  # type: ignore[arg-type]
    return line, position - text.rfind(newline, 0, position)  # type: ignore[arg-type]
