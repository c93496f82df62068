"""Rows in a lane: the sub-rows its marks take (marks closer than a mark's width stack), and
equal label boxes (the numbers of a crowded view) packed in rows, lowest free row first, as
`figures.labels` packs any label, but in linear time."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np


class NumberRows:
    """A lane's numbers, equal boxes in rows, placed in time order. Every box placed so far has
    its left edge at or before the mark being placed (or at the plot's right limit, where every
    box stops), so a new box overlaps a row's boxes exactly when it overlaps the row's rightmost
    one: each row is known by one number, and the lowest free row is one vectorised search."""

    def __init__(self, count: int, size: tuple[float, float], gaps: tuple[float, float]) -> None:
        (self.width, self.height), (self.gap_x, self.gap_y) = size, gaps
        self.rightmost = np.full(count + 1, -np.inf)  # each row's rightmost left edge
        self.tops = [0.0]  # row k's top above the stack's base, summed as first fit sums it

    def place(self, lefts: list[float]) -> tuple[float, float]:
        """The left edge and top of the lowest free spot among the candidate left edges (the
        first wins a tie)."""
        used = len(self.tops) + 1
        reach = self.width + self.gap_x
        rows = [int(np.argmax(self.rightmost[:used] <= left - reach)) for left in lefts]
        row = min(rows)
        left = lefts[rows.index(row)]
        while len(self.tops) <= row:
            self.tops.append(self.tops[-1] + self.height + self.gap_y)
        self.rightmost[row] = left
        return left, self.tops[row]


def mark_rows(
    marks: Sequence[tuple[str, int, float]], mark_size: float
) -> dict[tuple[str, int], int]:
    """(key, lane) -> sub-row: a mark closer than a mark's width to the last one in a row takes
    the next row down."""
    rows: dict[tuple[str, int], int] = {}
    row_ends: dict[int, list[float]] = defaultdict(list)
    for key, lane, x in sorted(marks, key=lambda mark: (mark[2], mark[1], mark[0])):
        ends = row_ends[lane]
        row = next((i for i, end in enumerate(ends) if x - end >= mark_size), len(ends))
        if row == len(ends):
            ends.append(x)
        ends[row] = x
        rows[(key, lane)] = row
    return rows


def row_height(mark_size: float) -> float:
    """A row of marks: the mark and a pixel of air above and below."""
    return mark_size + 2


def mark_regions(
    rows: dict[tuple[str, int], int], lane_count: int, mark_size: float
) -> list[float]:
    """Each lane's mark row height: one sub-row per stacked mark."""
    counts = [1] * lane_count
    for (_, lane), row in rows.items():
        counts[lane] = max(counts[lane], row + 1)
    return [count * row_height(mark_size) for count in counts]
