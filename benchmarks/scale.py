"""Scale: ACLED-style CSVs of 1,000, 10,000 and 100,000 events, each measure beside a naive
baseline measured in the same run, and the ratio (baseline / ours: above 1 means faster).

- load: the first open of the CSV (import and frame) | the same events as YAML, parsed by
  PyYAML's pure-Python loader (parsing only);
- cached load: a start that reads the disk cache | the first open again (no cache);
- filter change: a dashboard rerun after choosing a country (AppTest, server side) | the same
  rerun when every interaction re-opens the file;
- figure: building the timeline figure and its JSON | a Plotly Express SVG scatter with hover
  names, the usual way; payload: the JSON sent to the browser, in MB, for both.

Also: for YAML, our validating load against the C loader's plain parse of the same file.
"""

from __future__ import annotations

import os
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import plotly.express as px
import yaml
from streamlit.testing.v1 import AppTest

from benchmarks.synthetic import synthetic_acled_csv
from timeline.core.load import parse_timeline
from timeline.data.cache import read_cached, write_cached
from timeline.data.cache_index import content_key
from timeline.data.lanes import assign_lanes
from timeline.data.opening import import_events, open_timeline
from timeline.export.tables import document_yaml
from timeline.figures.timeline import timeline_figure
from timeline.ui import source

ROOT = Path(__file__).resolve().parent.parent
SIZES = tuple(int(size) for size in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(","))


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def scale_tables() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["TIMELINE_CACHE_DIR"] = str(Path(folder) / "cache")
        load_rows, use_rows = [], []
        for size in SIZES:
            path = Path(folder) / f"acled-{size}.csv"
            path.write_text(synthetic_acled_csv(size), "utf-8")
            load_rows.append((size, *_loads(path)))
            use_rows.append((size, *_uses(path)))
            print(f"  measured {size:,} events", flush=True)
    _print_loads(load_rows)
    _print_uses(use_rows)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nPeak memory of this process (all sizes, dashboard included): {peak:.0f} MB")
    _print_yaml_overhead()


def _loads(path: Path) -> tuple[float, float, float | None, float]:
    content = path.read_bytes()
    cold = timed(lambda: open_timeline(content, path.name))
    document = import_events(content, path.name).document
    yaml_text = document_yaml(document, "benchmark")
    pure_python = timed(lambda: yaml.load(yaml_text, Loader=yaml.SafeLoader))
    key = content_key(content)
    if not write_cached(key, open_timeline(content, path.name)):
        return cold, pure_python, None, cold  # too small to be cached
    cached = min(timed(lambda: read_cached(key)) for _ in range(3))
    return cold, pure_python, cached, cold


def _uses(path: Path) -> tuple[float, float, float, float, float, float]:
    os.environ["TIMELINE_DATA"] = str(path)
    source.forget_opened_files()
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    app.run()
    change = _median_change(app, clear_cache=False)
    naive_change = _median_change(app, clear_cache=True)
    dataset = open_timeline(path.read_bytes(), path.name)
    figure_time, payload = _figure(
        lambda: timeline_figure(dataset.frame, dataset.timeline).to_json()
    )
    lanes = assign_lanes(dataset.frame, dataset.timeline, "country").labels
    frame = dataset.frame.assign(lane=lanes, kind=dataset.frame["type"].astype("str"))

    def express() -> str:
        figure = px.scatter(
            frame,
            x="start",
            y="lane",
            color="lane",
            symbol="kind",
            hover_name="title",
            render_mode="svg",
        )
        json_text: str = figure.to_json()
        return json_text

    svg_time, svg_payload = _figure(express)
    return change, naive_change, figure_time, svg_time, payload, svg_payload


def _median_change(app: AppTest, clear_cache: bool, repeats: int = 4) -> float:
    codes: list[list[str]] = [["UA"], ["RU"], [], ["GE"]]
    times = []
    for repeat in range(repeats):
        app.get_by_key("country").set_value(codes[repeat % len(codes)])  # type: ignore[union-attr]
        if clear_cache:
            source.forget_opened_files()
            os.environ["TIMELINE_CACHE_DIR"] = tempfile.mkdtemp()  # no disk cache either
        times.append(timed(app.run))
        assert not app.exception, app.exception
    return statistics.median(times)


def _figure(build: Callable[[], str]) -> tuple[float, float]:
    started = time.perf_counter()
    payload = build()
    return time.perf_counter() - started, len(payload) / 1e6


def _print_loads(rows: list[tuple[int, float, float, float | None, float]]) -> None:
    print("\n| events | load (CSV) | pure-Python YAML | ratio | cached load | no cache | ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size, cold, pure, cached, uncached in rows:
        cache = (
            f"{cached:.2f} s | {uncached:.2f} s | {uncached / cached:.1f}×"
            if cached
            else "not cached (small) | – | –"
        )
        print(f"| {size:,} | {cold:.2f} s | {pure:.2f} s | {pure / cold:.1f}× | {cache} |")


def _print_uses(rows: list[tuple[int, float, float, float, float, float, float]]) -> None:
    print(
        "\n| events | filter change | re-parse each time | ratio | figure + JSON | SVG scatter "
        "| ratio | payload | SVG payload | ratio |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, change, naive, figure, svg, payload, svg_payload in rows:
        print(
            f"| {size:,} | {change * 1000:.0f} ms | {naive * 1000:.0f} ms | {naive / change:.1f}× "
            f"| {figure:.2f} s | {svg:.2f} s | {svg / figure:.1f}× | {payload:.1f} MB "
            f"| {svg_payload:.1f} MB | {svg_payload / payload:.1f}× |"
        )


def _print_yaml_overhead() -> None:
    from benchmarks.synthetic import synthetic_yaml

    text = synthetic_yaml(10_000)
    plain = min(timed(lambda: yaml.load(text, Loader=yaml.CSafeLoader)) for _ in range(2))
    ours = min(timed(lambda: parse_timeline(text.encode(), "synthetic.yaml")) for _ in range(2))
    print(
        f"\nYAML, 10,000 events: C loader parse {plain:.2f} s, our validating load {ours:.2f} s "
        f"({ours / plain:.2f}× the parse; the target is at most 1.5×)."
    )
