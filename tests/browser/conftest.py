"""Browser tests: the dashboard served by Streamlit on a free local port, driven in Debian's
Chromium through Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from benchmarks.chromium import CHROMIUM_FLAGS, chromium_path, free_port, wait_until_healthy
from tests.conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": chromium_path(), "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1500, "height": 1100}}


Serve = Callable[[Path], str]


@pytest.fixture(scope="session")
def serve() -> Iterator[Serve]:
    """Start (once per data file) `timeline dashboard` on a free port and return its URL."""
    servers: dict[Path, tuple[str, subprocess.Popen[bytes]]] = {}
    logs: list[IO[bytes]] = []
    ARTIFACTS.mkdir(exist_ok=True)

    def start(data: Path) -> str:
        if data not in servers:
            port = free_port()
            # As `make dashboard` starts it (the same server as `streamlit run dashboard.py`,
            # which also opens the file as it starts).
            command = [sys.executable, "-m", "timeline", "dashboard", str(data), f"--port={port}"]
            log = (ARTIFACTS / f"server-{data.stem}.log").open("wb")
            logs.append(log)
            server = subprocess.Popen(
                command,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=os.environ.copy(),
            )
            url = f"http://127.0.0.1:{port}"
            wait_until_healthy(url, server)
            servers[data] = (url, server)
        return servers[data][0]

    yield start
    for _, server in servers.values():
        server.terminate()
        server.wait(timeout=20)
    for log in logs:
        log.close()
