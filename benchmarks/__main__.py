"""`make bench`: server-side times of the dashboard, each beside a naive baseline measured in the
same run and printed as a ratio (timings vary between machines; ratios much less).

- cold start: the first run of the page on a file nobody has loaded yet;
- filter change: a rerun after choosing a country, with the parsed data cached by content;
- naive filter change: the same rerun when every interaction parses the file again;
- load: our loader (C parser, located validation, frame) against PyYAML's pure-Python SafeLoader,
  which only parses;
- exports: each format with one browser kept running (warm), beside Plotly's one-shot
  `write_image`, which starts a browser for every image;
- validate start: `timeline validate data/events.yaml` in a fresh process, beside a fresh
  process that only imports pydantic (its models, not the lazy package alone), PyYAML and
  dateutil's parser, which the check cannot do without (median of 5 each; target: ≤ 5×).

`python -m benchmarks start`, `... dashboard`, `... exports` or `... scale` runs one part; see
benchmarks/scale.py for the 1,000 to 100,000-event table (BENCH_SIZES=1000,10000 to shorten it).
"""

from __future__ import annotations

import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import yaml
from streamlit.testing.v1 import AppTest

from benchmarks.synthetic import synthetic_yaml
from timeline.core.load import load_timeline
from timeline.data.dataset import Dataset
from timeline.data.filters import Filters
from timeline.data.frame import to_frame
from timeline.data.views import ExportView
from timeline.export.dispatch import FORMATS, export
from timeline.export.images import ImageRenderer
from timeline.figures.report import report_figure
from timeline.ui import source

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1_000, 10_000)
REPEATS = 5
# What `timeline validate` cannot start without: `import pydantic` alone is lazy and loads
# almost nothing, so the baseline imports the model machinery the way a user of it does.
LIBRARY_IMPORTS = "from pydantic import BaseModel; import yaml; from dateutil import parser"
START_TARGET = 5.0


def main() -> None:
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    parts = sys.argv[1:] or ["start", "labels", "dashboard", "exports", "scale", "browser"]
    os.environ["TIMELINE_CACHE_DIR"] = tempfile.mkdtemp()  # not the user's cache
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores\n")
    if "start" in parts:
        start_table()
    if "labels" in parts:
        from benchmarks.labels import labels_table

        labels_table()
    if "dashboard" in parts:
        dashboard_table()
    if "exports" in parts:
        exports_table()
    if "scale" in parts:
        from benchmarks.scale import scale_tables

        scale_tables()
    if "browser" in parts:
        from benchmarks.browser import browser_tables

        browser_tables()


def dashboard_table() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        datasets = [("curated", ROOT / "data" / "events.yaml")]
        for size in SIZES:
            path = Path(folder) / f"synthetic-{size}.yaml"
            path.write_text(synthetic_yaml(size), "utf-8")
            datasets.append((f"synthetic {size:,}", path))
        for name, path in datasets:
            rows.append((name, *measure(path)))
    print_table(rows)


def measure(path: Path) -> tuple[int, float, float, float, float, float]:
    timeline = load_timeline(path)
    load_time = best_of(lambda: to_frame(load_timeline(path)))
    naive_load_time = best_of(lambda: yaml.load(path.read_text("utf-8"), Loader=yaml.SafeLoader), 2)
    os.environ["TIMELINE_DATA"] = str(path)
    source.forget_opened_files()
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    cold = timed(app.run)
    codes: list[str | None] = [*list(timeline.countries)[:2], None]
    cached = median_change(app, codes, clear_cache=False)
    naive = median_change(app, codes, clear_cache=True)
    return len(timeline.events), load_time, naive_load_time, cold, cached, naive


def median_change(app: AppTest, codes: list[str | None], clear_cache: bool) -> float:
    times = []
    for repeat in range(REPEATS):
        code = codes[repeat % len(codes)]
        app.get_by_key("country").set_value([code] if code else [])  # type: ignore[union-attr]
        if clear_cache:  # neither the page's cache nor the disk cache
            source.forget_opened_files()
            os.environ["TIMELINE_CACHE_DIR"] = tempfile.mkdtemp()
        times.append(timed(app.run))
        assert not app.exception, app.exception
    return statistics.median(times)


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def best_of(action: Callable[[], object], repeats: int = 3) -> float:
    return min(timed(action) for _ in range(repeats))


def print_table(rows: list[tuple[str, int, float, float, float, float, float]]) -> None:
    columns = (
        "dataset",
        "events",
        "load",
        "pure-Python parse",
        "ratio",
        "cold start",
        "filter change",
        "naive filter change",
        "ratio",
    )
    print("| " + " | ".join(columns) + " |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, events, load, naive_load, cold, change, naive_change in rows:
        print(
            f"| {name} | {events:,} | {load:.2f} s | {naive_load:.2f} s | {naive_load / load:.1f}× "
            f"| {cold:.2f} s | {change * 1000:.0f} ms | {naive_change * 1000:.0f} ms "
            f"| {naive_change / change:.1f}× |"
        )


def start_table() -> None:
    """How long a user waits for `timeline validate` on the shipped file, against the imports
    alone, each in a fresh process (interpreter start included in both)."""
    path = ROOT / "data" / "events.yaml"
    validate = [sys.executable, "-m", "timeline", "validate", str(path)]
    imports = [sys.executable, "-c", LIBRARY_IMPORTS]
    summary = process_output(validate)  # also a warm-up: compiled modules are on disk after it
    process_output(imports)
    # Taken in turns, so a busy spell of the machine weighs on both sides alike.
    pairs = [
        (timed(partial(process_output, validate)), timed(partial(process_output, imports)))
        for _ in range(REPEATS)
    ]
    ours = statistics.median(pair[0] for pair in pairs)
    baseline = statistics.median(pair[1] for pair in pairs)
    ratio = ours / baseline
    verdict = "met" if ratio <= START_TARGET else "missed"
    events = summary.split(": ", 1)[1].split(",", 1)[0]
    print("| measure | ours | import pydantic, PyYAML, dateutil | ratio | target |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| validate start ({path.name}, {events}) | {ours:.2f} s | {baseline:.2f} s "
        f"| {ratio:.1f}× | ≤ {START_TARGET:.0f}× ({verdict}) |\n"
    )


def process_output(command: list[str]) -> str:
    """Run a command in a fresh process; its output, or an error if it failed."""
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def exports_table() -> None:
    timeline = load_timeline(ROOT / "data" / "events.yaml")
    dataset = Dataset.from_timeline(timeline)
    view = ExportView(dataset, dataset.frame, Filters(), "events.yaml")
    with tempfile.TemporaryDirectory() as folder:
        one_shot = best_of(
            lambda: report_figure(view).write_image(Path(folder) / "one-shot.png", scale=2), 2
        )
    print(
        "\n| format | first export (browser start) | warm export | one-shot write_image | ratio |"
    )
    print("|---|---:|---:|---:|---:|")
    with ImageRenderer() as renderer:
        for name in FORMATS:
            make = partial(export, view, name, renderer)
            first = timed(make)
            warm = statistics.median(timed(make) for _ in range(3))
            shot = f"{one_shot:.2f} s | {one_shot / warm:.1f}×" if name == "png" else "– | –"
            print(f"| {name} | {first:.2f} s | {warm:.3f} s | {shot} |")


if __name__ == "__main__":
    main()
