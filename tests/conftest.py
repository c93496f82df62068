"""Shared fixtures: the shipped dataset, the bad-file corpus, and small events files."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data" / "events.yaml"
# A frozen copy of the first curated dataset (40 events, May–Aug 2025): tests that name events
# and counts use it, so curating data/events.yaml does not change what they check.
DATA = Path(__file__).resolve().parent / "data" / "istanbul-2025.yaml"
TEST_DATA = Path(__file__).resolve().parent / "data"

MINIMAL_HEADER = """\
title: Test timeline
timezone: Europe/Istanbul
countries:
  RU: {name: Russia}
  UA: {name: Ukraine, aliases: [Ukraina]}
  TR: {name: Türkiye, aliases: [Turkey]}
actors:
  peskov: {name: Dmitry Peskov, country: RU, role: Kremlin spokesman}
  sybiha: {name: Andrii Sybiha, aliases: [Andrei Sibiga], country: UA, role: Foreign Minister}
events:
"""

WriteEvents = Callable[[str], Path]


@pytest.fixture
def write_events(tmp_path: Path) -> WriteEvents:
    """Write an events file from the minimal header plus the given (dedented) event items."""

    def write(events: str, name: str = "events.yaml") -> Path:
        path = tmp_path / name
        path.write_text(MINIMAL_HEADER + textwrap.indent(textwrap.dedent(events), "  "), "utf-8")
        return path

    return write


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Large files are cached on disk: tests keep theirs out of the user's cache."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(folder))
    return folder


def run_timeline(*arguments: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The `timeline` command as a user runs it: a process of its own, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "timeline", *arguments],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
