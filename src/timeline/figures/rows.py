"""Equal label boxes (the numbers of a crowded view) packed in rows, lowest free row first, as
`figures.labels` packs any label, but in linear time."""

from __future__ import annotations

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
