"""The dashboard as a reader meets it: seconds from opening a link in Chromium to the chart drawn,
beside two Streamlit pages measured in the same run (`python -m benchmarks browser`).

- floor: a page that draws a 40-point scatter; no page can show a chart faster;
- plain app: what a user writes in ten lines (`read_csv` under `st.cache_data`, a country
  multiselect, `px.scatter(render_mode="webgl")`), on the same CSV;
- timeline: `timeline dashboard` on the same CSV, started as `make dashboard` starts it (it
  begins opening the file as the server starts; the others read theirs when a page asks).

Each page gets its own server. "Cold" is the first chart after that server starts with an empty
disk cache; "warm" is the median of three later page loads; the filtered links are a one-month
date range and one country. "Data" counts the WebSocket bytes (the page's elements and the
chart); the static files are Streamlit's, the same for every page. Memory is the server's peak
resident size. BENCH_EVENTS (default 100000) sets the number of rows.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from benchmarks.chromium import CHROMIUM_FLAGS, chromium_path, free_port, wait_until_healthy
from benchmarks.synthetic import synthetic_acled_csv
from timeline.cli import streamlit_flags

ROOT = Path(__file__).resolve().parent.parent
EVENTS = int(os.environ.get("BENCH_EVENTS", "100000"))
MILLION = EVENTS >= 1_000_000
WARM_LOADS = 3
FLOOR_APP = """
import plotly.express as px
import streamlit as st

st.plotly_chart(px.scatter(x=list(range(40)), y=list(range(40))))
"""
PLAIN_APP = """
import pandas as pd
import plotly.express as px
import streamlit as st

@st.cache_data
def load(path):
    return pd.read_csv(path, parse_dates=["event_date"])

events = load({path!r})
countries = st.multiselect("Country", sorted(events["country"].unique()))
shown = events[events["country"].isin(countries)] if countries else events
st.plotly_chart(px.scatter(shown, x="event_date", y="country", render_mode="webgl"))
"""
# The chart is drawn when Plotly has laid out at least one trace with points; the time since
# navigation began, then.
CHART_DRAWN = """() => {
    const chart = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    if (!chart || !chart.calcdata || !chart._fullLayout) return false;
    const drawn = chart.calcdata.some(trace => trace.length > 0 && trace[0].x !== undefined);
    return drawn && performance.now();
}"""


@dataclass
class PageTimes:
    cold: float = 0.0
    warm: list[float] = field(default_factory=list)
    links: dict[str, float] = field(default_factory=dict)
    data_mb: float = 0.0
    peak_memory_mb: float = 0.0


def browser_tables() -> None:
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        work = Path(folder)
        csv_path = work / f"acled-{EVENTS}.csv"
        csv_path.write_text(synthetic_acled_csv(EVENTS), "utf-8")
        print(f"  wrote {EVENTS:,} rows ({csv_path.stat().st_size / 1e6:.0f} MB)", flush=True)
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        floor = _measure(browser, _streamlit_run(_app(work, "floor.py", FLOOR_APP)), {}, work)
        plain_app = _app(work, "plain.py", PLAIN_APP.format(path=str(csv_path)))
        plain = _measure(browser, _streamlit_run(plain_app), {}, work)
        links = {"one month": "?from=2024-03-01&to=2024-03-31", "one country": "?country=UA"}
        ours = _measure(browser, _timeline_dashboard(csv_path), links, work)
        browser.close()
        read_csv = _read_csv_seconds(csv_path)
        validate = _validate_seconds(csv_path, work)
    _print(floor, plain, ours, read_csv, validate)


def _app(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, "utf-8")
    return path


ServerCommand = Callable[[int], list[str]]  # the command that serves a page on a port


def _streamlit_run(script: Path) -> ServerCommand:
    def command(port: int) -> list[str]:
        return [sys.executable, "-m", "streamlit", "run", str(script), *streamlit_flags(port)]

    return command


def _timeline_dashboard(data: Path) -> ServerCommand:
    def command(port: int) -> list[str]:
        return [sys.executable, "-m", "timeline", "dashboard", str(data), "--port", str(port)]

    return command


def _measure(
    browser: Browser, server: ServerCommand, links: dict[str, str], work: Path
) -> PageTimes:
    times = PageTimes()
    cache = tempfile.mkdtemp(dir=work)
    with _server(server, cache) as (url, pid):
        times.cold, times.data_mb = _first_chart(browser, url)
        times.warm = [_first_chart(browser, url)[0] for _ in range(WARM_LOADS)]
        for name, query in links.items():
            times.links[name] = statistics.median(
                _first_chart(browser, url + "/" + query)[0] for _ in range(WARM_LOADS)
            )
        times.peak_memory_mb = _peak_memory_mb(pid)
    print(f"  measured {' '.join(server(0)[1:4])}", flush=True)
    return times


def _first_chart(browser: Browser, url: str) -> tuple[float, float]:
    """Seconds from navigation to the chart drawn, and the MB the WebSocket brought."""
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    page = context.new_page()
    received = [0]

    def count(payload: str | bytes) -> None:
        received[0] += len(payload)

    page.on("websocket", lambda socket: socket.on("framereceived", count))
    page.set_default_timeout(300_000)
    page.goto(url)
    # The time is taken in the page when the chart is drawn: the page may stay busy after.
    seconds: float = page.wait_for_function(CHART_DRAWN, polling="raf").json_value() / 1000
    context.close()
    return seconds, received[0] / 1e6


@contextmanager
def _server(command: ServerCommand, cache: str) -> Iterator[tuple[str, int]]:
    port = free_port()
    environment = {**os.environ, "TIMELINE_CACHE_DIR": cache}
    server = subprocess.Popen(
        command(port),
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_healthy(url, server)
        yield url, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def _peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _in_fresh_process(code: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - started


def _read_csv_seconds(path: Path) -> float:
    code = f"import pandas; pandas.read_csv({str(path)!r})"
    return statistics.median(_in_fresh_process(code) for _ in range(3))


def _validate_seconds(path: Path, work: Path) -> tuple[float, float]:
    """`timeline validate` on the CSV in a fresh process: with no cache, then cached."""
    environment = {**os.environ, "TIMELINE_CACHE_DIR": tempfile.mkdtemp(dir=work)}
    command = [sys.executable, "-m", "timeline", "validate", str(path)]

    def validate() -> float:
        started = time.perf_counter()
        subprocess.run(command, env=environment, capture_output=True, check=True)
        return time.perf_counter() - started

    cold = validate()
    return cold, statistics.median(validate() for _ in range(3))


def _print(
    floor: PageTimes,
    plain: PageTimes,
    ours: PageTimes,
    read_csv: float,
    validate: tuple[float, float],
) -> None:
    warm_floor, warm_plain, warm_ours = (statistics.median(p.warm) for p in (floor, plain, ours))
    print(f"\n{EVENTS:,} events, Chromium (seconds from opening the link to the chart drawn)\n")
    print("| measure | floor | plain app | timeline | target | |")
    print("|---|---:|---:|---:|---|---|")
    _row("first chart, cold", (None, plain.cold, ours.cold), plain.cold, "the plain app")
    slack = 1.5 if MILLION else 1.0  # the targets for a million events are looser
    warm = (warm_floor, warm_plain, warm_ours)
    _row("first chart, warm", warm, warm_floor + slack, f"floor + {slack} s")
    for name, seconds in ours.links.items():
        limit = min(warm_floor + 0.7, warm_ours)
        _row(f"link, {name}", (None, None, seconds), limit, "floor + 0.7 s and the whole view")
    _row("data to the browser (MB)", (floor.data_mb, plain.data_mb, ours.data_mb), 6, "6 MB")
    memory = (floor.peak_memory_mb, plain.peak_memory_mb, ours.peak_memory_mb)
    _row(
        "server peak memory (MB)", memory, 4096 if MILLION else 1024, "4 GB" if MILLION else "1 GB"
    )
    cold, cached = validate
    print("\n| `timeline validate` on the CSV | read_csv | ours | ratio | target | |")
    print("|---|---:|---:|---:|---|---|")
    for name, ours_time, target in (
        ("no cache", cold, 10.0 if MILLION else 3.0),
        ("cached", cached, 1.0),
    ):
        ratio = ours_time / read_csv
        print(
            f"| {name} | {read_csv:.2f} s | {ours_time:.2f} s | {ratio:.2f}× "
            f"| ≤ {target:.0f}× | {_verdict(ratio <= target)} |"
        )


def _row(name: str, values: tuple[float | None, ...], limit: float, target: str) -> None:
    shown = " | ".join("–" if value is None else f"{value:.2f}" for value in values)
    ours = values[-1]
    assert ours is not None
    print(f"| {name} | {shown} | ≤ {target} ({limit:.2f}) | {_verdict(ours <= limit)} |")


def _verdict(met: bool) -> str:
    return "met" if met else "missed"
