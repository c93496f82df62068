"""ACLED rows read by Arrow when it reads them as pandas does, by pandas otherwise: either way
the same rows, and pandas' message when a file is wrong."""

from __future__ import annotations

import sys

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from benchmarks.synthetic import synthetic_acled_csv
from timeline.core.problems import InvalidTimelineError
from timeline.core.text import HIDDEN_CHARACTERS, HIDDEN_CHARACTERS_RE2
from timeline.data.opening import open_timeline
from timeline.importers.acled import ARROW_COLUMNS, TEXT_COLUMNS
from timeline.importers.acled_read import _arrow_columns, _pandas_columns, read_text_columns

HEADER = "event_id_cnty,event_date,event_type,actor1,notes,latitude\n"
TRICKY_ROWS = (
    # quoted commas and doubled quotes, a quoted line break, a quote inside a field, hidden
    # characters and spaces around values, a column not imported left as written
    'A1,2025-05-01,Battles,"x, ""y""","two\nlines", 50.1 \n'
    'A2,2025-05-02,Bat"tles,\u200eab"c ,"q"rest,50.2\n'
    "A3,2025-05-03, Battles ,x\x07,\u00df\u2028,\n"
)


def as_lists(rows: pd.DataFrame) -> dict[str, list[object]]:
    return {str(name): rows[name].tolist() for name in rows.columns}


@pytest.mark.parametrize(
    "text",
    [HEADER + TRICKY_ROWS, (HEADER + TRICKY_ROWS).replace("\n", "\r\n"), synthetic_acled_csv(300)],
    ids=["tricky", "crlf", "synthetic"],
)
def test_arrow_reads_the_rows_as_pandas_does(text: str) -> None:
    arrow = _arrow_columns(text, text.encode(), TEXT_COLUMNS, ARROW_COLUMNS)
    assert arrow is not None, "Arrow should read this file"
    read_by_arrow = as_lists(pd.DataFrame(arrow))
    assert read_by_arrow == as_lists(pd.DataFrame(_pandas_columns(text.encode(), TEXT_COLUMNS)))


def test_imported_columns_are_cleaned_and_the_others_left_as_written() -> None:
    read = read_text_columns(HEADER + TRICKY_ROWS, TEXT_COLUMNS, ARROW_COLUMNS)
    assert isinstance(read["notes"].dtype, pd.ArrowDtype)  # cleaned in Arrow
    rows = as_lists(read)
    assert rows["actor1"] == ['x, "y"', 'ab"c', "x"]
    assert rows["notes"] == ["two\nlines", "qrest", "\u00df"]
    assert rows["event_type"] == ["Battles", 'Bat"tles', "Battles"]
    assert rows["latitude"] == [" 50.1 ", "50.2", ""]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (HEADER + "A1,2025-05-01,Battles\n", "a short row, which pandas pads"),
        (HEADER + "A1,2025-05-01,Battles,x,y,1\n   \n", "a line of spaces"),
        ("\ufeff" + HEADER + "A1,2025-05-01,Battles,x,y,1\n", "a byte order mark"),
        ("notes,notes,event_id_cnty\nx,y,A1\n", "a repeated name"),
        (" notes,notes,event_id_cnty\nx,y,A1\n", "names that differ only in spaces"),
    ],
)
def test_what_arrow_would_read_otherwise_goes_to_pandas(text: str, why: str) -> None:
    assert _arrow_columns(text, text.encode(), TEXT_COLUMNS) is None, why


def test_a_short_row_is_padded_and_a_long_one_refused_with_pandas_message() -> None:
    short = open_timeline((HEADER + "A1,2025-05-01,Battles\n").encode(), "short.csv")
    assert short.frame["id"].tolist() == ["a1"]
    with pytest.raises(InvalidTimelineError, match="a row has more fields than the header"):
        open_timeline((HEADER + "A1,2025-05-01,Battles,x,y,1,extra\n").encode(), "long.csv")


def test_arrow_and_python_find_the_same_hidden_characters() -> None:
    points = [point for point in range(sys.maxunicode + 1) if not 0xD800 <= point <= 0xDFFF]
    characters = pa.array([chr(point) for point in points], type=pa.large_string())
    by_arrow = pc.match_substring_regex(characters, HIDDEN_CHARACTERS_RE2).to_pylist()
    by_python = [HIDDEN_CHARACTERS.search(chr(point)) is not None for point in points]
    assert by_arrow == by_python
    assert sum(by_python) > 60  # controls, bidirectional marks


def test_arrow_trims_the_characters_python_strips() -> None:
    points = [point for point in range(sys.maxunicode + 1) if not 0xD800 <= point <= 0xDFFF]
    padded = [f"{chr(point)}a{chr(point)}" for point in points]
    trimmed = pc.utf8_trim_whitespace(pa.array(padded, type=pa.large_string())).to_pylist()
    assert trimmed == [text.strip() for text in padded]
    assert sum(text == "a" for text in trimmed) == 29  # the spaces, line ends and separators
