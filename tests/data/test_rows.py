"""Rows taken chunk by chunk: the same rows, values and dtypes as pandas' own `take`."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from timeline.data.rows import take_rows


def chunked_frame() -> pd.DataFrame:
    """Columns as a cache read gives them: text and lists in several Arrow chunks."""
    rows = 10
    text = pa.chunked_array(
        [
            [f"event {n}" for n in range(4)],
            [],
            ["event 4", None],
            [f"event {n}" for n in range(6, rows)],
        ]
    )
    lists = pa.chunked_array(
        [[["UA"], ["RU", "UA"]], [[], ["TR"], None], [["US"]] * 5], type=pa.list_(pa.string())
    )
    table = pa.table({"id": text, "countries": lists})
    frame = table.to_pandas(
        types_mapper=lambda kind: pd.ArrowDtype(kind) if pa.types.is_list(kind) else None
    )
    mixed: pd.DataFrame = frame.assign(
        start=pd.date_range("2025-05-01", periods=rows, freq="D"),
        status=pd.Categorical(["reported", "confirmed"] * 5),
        disputed=[n % 3 == 0 for n in range(rows)],
    )
    return mixed


@pytest.mark.parametrize(
    "positions",
    [[0, 3, 4, 5, 9], [5], [], list(range(10)), [9, 0, 4], [2, 2, 7]],
    ids=["ascending", "one", "none", "all", "unordered", "repeated"],
)
def test_rows_are_those_pandas_takes(positions: list[int]) -> None:
    frame = chunked_frame()
    assert pa.chunked_array(frame["id"].array.__arrow_array__()).num_chunks > 1
    at = np.array(positions, dtype=np.intp)
    taken = take_rows(frame, at)
    pd.testing.assert_frame_equal(taken, frame.iloc[at])
    assert list(taken.dtypes) == list(frame.dtypes)


def test_missing_values_stay_missing() -> None:
    taken = take_rows(chunked_frame(), np.array([3, 4, 5], dtype=np.intp))
    assert taken["id"].tolist()[:2] == ["event 3", "event 4"]
    assert pd.isna(taken["id"].tolist()[2])
    assert taken["countries"].tolist()[0] == ["TR"]
    assert pd.isna(taken["countries"].tolist()[1])
    assert taken.index.tolist() == [3, 4, 5]
