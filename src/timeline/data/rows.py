"""Rows of a large frame, taken chunk by chunk.

A frame read from the disk cache keeps its text and list columns as the cache's Arrow chunks
(memory-mapped, one per 100,000 events written). pandas takes rows from such a column with
Arrow's `take` on the whole chunked column, which first joins every chunk: 0.3 s to take 1,000
rows of a million-row text column, and a filter change took rows from a dozen such columns.
Joining the chunks once, when the cache is read, took 1.8 s and 1.6 GB more at a million
events; so rows are taken here from the chunks that hold them.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
from pandas.api.extensions import ExtensionArray

Positions = npt.NDArray[np.intp]


def take_rows(frame: pd.DataFrame, positions: Positions) -> pd.DataFrame:
    """The rows of `frame` at `positions` (row numbers, not labels), in that order, each column
    with its own dtype."""
    columns = {name: take_values(frame[name], positions) for name in frame.columns}
    return pd.DataFrame(columns, index=frame.index[positions], copy=False)


def take_values(column: pd.Series, positions: Positions) -> ExtensionArray:
    """One column's values at `positions`; an Arrow column in several chunks, chunk by chunk."""
    values: ExtensionArray = column.array
    if isinstance(values, pd.arrays.ArrowExtensionArray) and _ascending(positions):
        chunked: pa.ChunkedArray = values.__arrow_array__()  # its chunks and type, as they are
        if chunked.num_chunks > 1:
            pieces = _take_from_chunks(chunked, positions)
            if isinstance(values, pd.arrays.ArrowStringArray):  # `str`, and its missing value
                # pandas-stubs lack the `dtype` argument that pandas 3 takes.
                return pd.arrays.ArrowStringArray(pieces, dtype=values.dtype)  # type: ignore[call-arg]
            return pd.arrays.ArrowExtensionArray(pieces)
    taken: ExtensionArray = values.take(positions)
    return taken


def _take_from_chunks(chunked: pa.ChunkedArray, positions: Positions) -> pa.ChunkedArray:
    """Ascending positions: each chunk's share is one run of them."""
    lengths = np.array([len(chunk) for chunk in chunked.chunks], dtype=np.intp)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    bounds = np.searchsorted(positions, ends)
    pieces, first = [], 0
    for chunk, start, last in zip(chunked.chunks, starts, bounds, strict=True):
        if last > first:
            pieces.append(chunk.take(pa.array(positions[first:last] - start)))
        first = last
    return pa.chunked_array(pieces, type=chunked.type)


def _ascending(positions: Positions) -> bool:
    return len(positions) < 2 or bool((np.diff(positions) >= 0).all())
