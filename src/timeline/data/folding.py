"""Python's `str.casefold` over an Arrow column, without a Python string per row.

Arrow's `ascii_lower` agrees with `casefold` on text of ASCII and of characters without case
(spaces, punctuation, dashes, currency, digits), which `casefold` leaves alone. Rows with any
other character (a letter beyond ASCII: 'ß', 'İ', Greek, Cyrillic) are folded by Python, so the
result is `casefold`'s exactly (`tests/data/test_folding.py` checks every code point). An English
ACLED export has almost none: its search text is folded in C++, several times faster.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from timeline.importers.acled_read import text_array

# Characters `ascii_lower` might fold otherwise than Python: beyond ASCII, any but spaces,
# punctuation, math/currency/modifier symbols and decimal digits (RE2 syntax).
FOLDED_BY_PYTHON = r"[^\x00-\x7F\p{Z}\p{P}\p{Sm}\p{Sc}\p{Sk}\p{Nd}]"


def casefolded(texts: pa.Array) -> pa.Array:
    """`text.casefold()` for each text (null stays null)."""
    lowered = pc.ascii_lower(texts)
    by_python = pc.fill_null(pc.match_substring_regex(texts, FOLDED_BY_PYTHON), False)
    rows = np.flatnonzero(by_python.to_numpy(zero_copy_only=False))
    if not len(rows):
        return lowered
    folded = [text.casefold() for text in texts.take(pa.array(rows)).to_pylist()]
    return pc.replace_with_mask(lowered, by_python, text_array(folded))
