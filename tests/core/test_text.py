"""Text helpers: visible cuts, hidden characters, and positions as line and column."""

from __future__ import annotations

import pytest

from timeline.core.text import HIDDEN_CHARACTERS, MAX_TEXT, clip, line_and_column


def test_short_text_is_kept_as_it_is() -> None:
    assert clip("Talks in Istanbul", 17) == "Talks in Istanbul"
    assert clip("x" * MAX_TEXT) == "x" * MAX_TEXT


def test_long_text_is_cut_visibly_to_the_limit() -> None:
    cut = clip("Talks in Istanbul", 10)
    assert cut == "Talks in…"  # the space before the ellipsis is dropped
    assert len(cut) <= 10
    assert clip("abcdefghij", 5) == "abcd…"
    assert len(clip("y" * (MAX_TEXT + 5))) == MAX_TEXT
    assert clip("y" * (MAX_TEXT + 5)).endswith("…")


@pytest.mark.parametrize(
    ("position", "expected"),
    [(0, (1, 1)), (4, (1, 5)), (5, (2, 1)), (7, (2, 3)), (11, (4, 1))],
)
def test_line_and_column_are_one_based(position: int, expected: tuple[int, int]) -> None:
    text = "abcd\nefgh\n\nij"
    assert line_and_column(text, position) == expected
    assert line_and_column(text.encode(), position) == expected


def test_bytes_count_bytes_and_text_counts_characters() -> None:
    text = "é: Türkiye\nbad"
    assert line_and_column(text, text.index("bad")) == (2, 1)
    content = text.encode()
    assert line_and_column(content, content.index(b"bad")) == (2, 1)
    # Before "k", "é" and "ü" are one character each but two bytes.
    assert line_and_column(text, text.index("k")) == (1, 7)
    assert line_and_column(content, content.index(b"k")) == (1, 9)


@pytest.mark.parametrize(
    "hidden", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u202e", "\u2066", "\u200f", "\u061c"]
)
def test_hidden_characters_are_found(hidden: str) -> None:
    assert HIDDEN_CHARACTERS.search(f"Talks{hidden}in Istanbul")


def test_tabs_newlines_and_ordinary_text_are_not_hidden() -> None:
    assert not HIDDEN_CHARACTERS.search("Talks\tin\nİstanbul — «Türkiye», Сибіга, 東京, مرحبا")
