"""An ACLED export's rows as text columns: Arrow's CSV reader when it reads the file as pandas'
would, else pandas' reader, whose messages name what is wrong.

pandas' reader makes a Python string of every field (3 million at 100,000 rows, most of them
repeats: 0.9 s). Arrow's reader parses in C++ on every core; each column is then
dictionary-encoded, so a Python string is made, and cleaned, once per distinct value, and the
rows keep their codes (a pandas Categorical). The event ids and notes, a value per row, are
cleaned in Arrow and stay Arrow text.

Arrow is only trusted with what it reads as pandas does. Anything else goes to pandas: a row
with too many or too few fields (Arrow refuses it; pandas pads a short row, and a long one is
refused with a message), a header with a repeated or empty name (pandas renames them), a byte
order mark (Arrow drops it, pandas keeps it in the first name).
"""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as arrow_csv

from timeline.core.text import HIDDEN_CHARACTERS, HIDDEN_CHARACTERS_RE2


def read_text_columns(
    text: str, cleaned: tuple[str, ...], in_arrow: tuple[str, ...] = ()
) -> pd.DataFrame:
    """The file's rows, every column as text, named as in the header (stripped); the columns
    named in `cleaned` with hidden characters removed and spaces stripped: Python strings, but
    Arrow text (see `arrow_text`) for those also `in_arrow` when Arrow reads the file (columns
    of a distinct value per row, only handed on to Arrow: Python strings of them cost more than
    the rest of the file). Every column is read, not only those imported: rows of one event are
    repeats only if every field is the same (see `acled_rows`)."""
    data = text.encode()
    # UTF-8 bytes, not a StringIO: that keeps four bytes a character (1.2 GB for a 300 MB
    # export), and either reader would encode it back to UTF-8 to parse it.
    columns = _arrow_columns(text, data, cleaned, in_arrow)
    return pd.DataFrame(columns if columns is not None else _pandas_columns(data, cleaned))


def arrow_text(column: pd.Series) -> pa.Array:
    """A column of text as an Arrow array of the frame's text type, whether it holds Python
    strings or Arrow text."""
    values = pa.array(column)
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    return values.cast(pa.large_string())


def _arrow_columns(
    text: str, data: bytes, cleaned: tuple[str, ...], in_arrow: tuple[str, ...] = ()
) -> dict[str, pd.Series] | None:
    names = _header_names(text)
    if names is None:
        return None
    try:
        table = arrow_csv.read_csv(
            io.BytesIO(data),
            parse_options=arrow_csv.ParseOptions(newlines_in_values=True),
            convert_options=arrow_csv.ConvertOptions(
                column_types={name: pa.string() for name in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowKeyError):
        return None  # pandas reads it, or says what is wrong
    if table.column_names != names:
        return None
    return {
        name.strip(): _read_column(table.column(name), name.strip(), cleaned, in_arrow)
        for name in names
    }


def _read_column(
    column: pa.ChunkedArray, name: str, cleaned: tuple[str, ...], in_arrow: tuple[str, ...]
) -> pd.Series:
    if name in cleaned and name in in_arrow:
        return pd.Series(_cleaned_in_arrow(column), dtype=pd.ArrowDtype(pa.large_string()))
    if name in cleaned:
        return pd.Series(_cleaned(column))
    # Only compared, for the few rows that share an event: left in Arrow.
    return pd.Series(column, dtype=pd.ArrowDtype(pa.string()))


def text_array(texts: Sequence[str | None]) -> pa.Array:
    """Text as an Arrow array of the frame's text type (None stays missing)."""
    return pa.array(texts, type=pa.large_string())


def _object_column(values: np.ndarray) -> pd.Series:
    # dtype object: pandas would make Arrow strings of them, thirty times slower to walk.
    return pd.Series(values, dtype=object)


def _header_names(text: str) -> list[str] | None:
    """The header's names as Arrow will read them, or None when the two readers would differ."""
    if text.startswith("\ufeff"):
        return None
    line_end = text.find("\n")
    head = text[: line_end + 1] if line_end >= 0 and '"' not in text[:line_end] else text[:65536]
    try:
        names = next(csv.reader(io.StringIO(head, newline="")), None)
    except csv.Error:
        return None
    if not names:
        return None
    stripped = {name.strip() for name in names}
    return None if "" in stripped or len(stripped) < len(names) else names


def _cleaned(column: pa.ChunkedArray) -> pd.Categorical:
    """Hidden characters removed and spaces stripped, once per distinct value; each row a code
    among the distinct cleaned values (a million rows hold a few thousand: grouping them by
    value later takes their codes, not a million strings)."""
    encoded = column.combine_chunks().dictionary_encode()
    # Arrow looks for hidden characters (Python's regex took 0.15 s over 100,000 notes).
    hidden = pc.any(pc.match_substring_regex(encoded.dictionary, HIDDEN_CHARACTERS_RE2))
    cleaned = _cleaned_texts(encoded.dictionary.to_pylist(), hidden.as_py() is True)
    # Two values written differently may clean to one (' x' and 'x'): one category.
    codes, categories = pd.factorize(cleaned)
    rows = codes[encoded.indices.to_numpy(zero_copy_only=False)]
    return pd.Categorical.from_codes(rows, categories=pd.Index(categories, dtype=object))


def _cleaned_in_arrow(column: pa.ChunkedArray) -> pa.Array:
    """What `_cleaned` makes, in Arrow: its trimming takes the characters Python's strip takes
    (tests check every code point)."""
    text = column.cast(pa.large_string()).combine_chunks()
    if pc.any(pc.match_substring_regex(text, HIDDEN_CHARACTERS_RE2)).as_py():
        text = pc.replace_substring_regex(text, HIDDEN_CHARACTERS_RE2, "")
    return pc.utf8_trim_whitespace(text)


def _cleaned_texts(texts: list[str], hidden: bool | None = None) -> np.ndarray:
    if hidden is None:
        hidden = bool(HIDDEN_CHARACTERS.search("\n".join(texts)))  # a line break is not hidden
    if hidden:
        texts = [HIDDEN_CHARACTERS.sub("", text) for text in texts]
    return np.array([text.strip() for text in texts], dtype=object)


def _pandas_columns(data: bytes, cleaned: tuple[str, ...]) -> dict[str, pd.Series]:
    # index_col=False: a first row with one field too many would otherwise shift every
    # column silently; pandas warns instead, and the warning becomes an error here.
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)
        try:
            rows = pd.read_csv(
                io.BytesIO(data),
                dtype=object,
                keep_default_na=False,
                na_filter=False,
                index_col=False,
            )
        except pd.errors.ParserWarning as warning:
            raise ValueError("a row has more fields than the header") from warning
    columns: dict[str, pd.Series] = {}
    for position, column in enumerate(rows.columns):
        values = rows.iloc[:, position]
        if str(column).strip() in cleaned:
            values = _object_column(_factorized_cleaned(values))
        # Two names that differ only in spaces: the first column is kept.
        columns.setdefault(str(column).strip(), values)
    return columns


def _factorized_cleaned(column: pd.Series) -> np.ndarray:
    codes, distinct = pd.factorize(column.to_numpy())
    cleaned = _cleaned_texts(distinct.tolist())
    rows: np.ndarray = cleaned[codes]
    return rows
