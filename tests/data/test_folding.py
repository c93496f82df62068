"""Case folding in Arrow is Python's `casefold`, character for character."""

from __future__ import annotations

import sys

import pyarrow as pa
import pyarrow.compute as pc

from timeline.data.folding import FOLDED_BY_PYTHON, casefolded
from timeline.importers.acled_read import text_array

EVERY_CHARACTER = [
    chr(point) for point in range(sys.maxunicode + 1) if not 0xD800 <= point <= 0xDFFF
]


def test_every_character_arrow_folds_is_folded_as_python_folds_it() -> None:
    characters = text_array(EVERY_CHARACTER)
    by_arrow = pc.invert(pc.match_substring_regex(characters, FOLDED_BY_PYTHON))
    left_to_arrow = characters.filter(by_arrow).to_pylist()
    # What an English export holds beyond ASCII is left to Arrow: that is the speed.
    assert {"–", "—", "’", "“", "€", "·", "\u00a0", "…"} <= set(left_to_arrow)
    folded = pc.ascii_lower(text_array(left_to_arrow)).to_pylist()
    assert folded == [character.casefold() for character in left_to_arrow]


def test_texts_are_folded_as_python_folds_them() -> None:
    texts = [
        "Air/drone strike in KYIV: Military Forces of Russia – Civilians (Ukraine)",
        "Straße in İSTANBUL",
        "ΣΟΦΊΑ and the Final Σ",
        "ﬁnal ligature, ŉ, Ǆ",
        "",
        None,
        "Ⅻ Roman numeral, Ⓐ circled letter",
    ]
    folded = casefolded(text_array(texts)).to_pylist()
    assert folded == [None if text is None else text.casefold() for text in texts]


def test_the_result_is_one_arrow_array_of_text() -> None:
    result = casefolded(text_array(["A", "Ä"]))
    assert result.type == pa.large_string()
    assert result.to_pylist() == ["a", "ä"]
