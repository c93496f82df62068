"""Label layout speed: 200 labels of the curated data's titles, placed by `figures.labels`, beside
a naive first-fit placement (every placed label checked at every candidate height) measured in
the same run. Target: 200 labels in at most 50 ms."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from timeline.core.load import load_timeline
from timeline.figures.labels import Box, LabelRequest, LayoutSettings, layout_labels
from timeline.figures.measure import TextMeasure, _font

ROOT = Path(__file__).resolve().parent.parent
COUNT = 200
LANES = 6
WIDTH = 1000.0
TARGET_MS = 50.0


def requests() -> list[LabelRequest]:
    """200 labels from the shipped titles, spread over the width and six lanes."""
    events = load_timeline(ROOT / "data" / "events.yaml").events
    return [
        LabelRequest(
            f"e{n}",
            n % LANES,
            (n * 37.3) % WIDTH,
            f"{events[n % len(events)].date.text} · {events[n % len(events)].title}",
        )
        for n in range(COUNT)
    ]


def ours(items: list[LabelRequest]) -> None:
    settings = LayoutSettings(WIDTH, TextMeasure(12), 220, 13, 1e9)
    layout_labels(items, [(i.key, i.lane, i.x) for i in items], LANES, settings)


def naive(items: list[LabelRequest]) -> None:
    """The plain way: wrap by measuring each growing line, then try every height at which a
    placed label ends, checking every placed label of the lane."""
    measure = TextMeasure(12)
    placed: dict[int, list[Box]] = {}
    for item in sorted(items, key=lambda i: i.x):
        lines: list[str] = []
        for word in item.text.split():
            if lines and measure.width(f"{lines[-1]} {word}") <= 220:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        width = max(measure.width(line) for line in lines)
        height = len(lines) * measure.line_height
        lane = placed.setdefault(item.lane, [])
        for bottom in sorted({0.0, *(box.bottom + 3 for box in lane)}):
            box = Box(item.x, bottom, width, height)
            if not any(box.overlaps(other) for other in lane):
                lane.append(box)
                break


def median_ms(action: object, items: list[LabelRequest], repeats: int = 7) -> float:
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        action(items)  # type: ignore[operator]
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def labels_table() -> None:
    items = requests()
    _font(12)  # the font file is read once per process, before either side is timed
    ours_ms, naive_ms = median_ms(ours, items), median_ms(naive, items)
    verdict = "met" if ours_ms <= TARGET_MS else "missed"
    print("| measure | ours | naive first fit | ratio | target |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| {COUNT} labels placed ({LANES} lanes) | {ours_ms:.1f} ms | {naive_ms:.1f} ms "
        f"| {naive_ms / ours_ms:.1f}× faster | ≤ {TARGET_MS:.0f} ms ({verdict}) |\n"
    )
