"""Browser tests: the dashboard served by Streamlit on a free local port, driven in Debian's
Chromium through Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from benchmarks.chromium import CHROMIUM_FLAGS, chromium_path
from tests.conftest import ROOT
from timeline.cli import streamlit_flags

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": chromium_path(), "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1500, "height": 1100}}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_healthy(url: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the dashboard exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)  # polling a server that is starting, not hiding a race
    raise RuntimeError(f"the dashboard did not answer at {url} within {timeout} s")


Serve = Callable[[Path], str]


@pytest.fixture(scope="session")
def serve() -> Iterator[Serve]:
    """Start (once per data file) a dashboard on a free port and return its URL."""
    servers: dict[Path, tuple[str, subprocess.Popen[bytes]]] = {}
    logs: list[IO[bytes]] = []
    ARTIFACTS.mkdir(exist_ok=True)

    def start(data: Path) -> str:
        if data not in servers:
            port = _free_port()
            command = [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "dashboard.py"),
                *streamlit_flags(port),
            ]
            log = (ARTIFACTS / f"server-{data.stem}.log").open("wb")
            logs.append(log)
            server = subprocess.Popen(
                command,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "TIMELINE_DATA": str(data)},
            )
            url = f"http://127.0.0.1:{port}"
            _wait_until_healthy(url, server)
            servers[data] = (url, server)
        return servers[data][0]

    yield start
    for _, server in servers.values():
        server.terminate()
        server.wait(timeout=20)
    for log in logs:
        log.close()
