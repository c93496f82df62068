"""Debian's Chromium for Playwright, as the browser tests and the benchmarks launch it (never a
downloaded browser), and the local Streamlit server they point it at."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

CHROMIUM_CANDIDATES = (
    "/usr/lib/chromium/chromium",
    "chromium",
    "chromium-browser",
    "google-chrome",
)
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str:
    """BROWSER_PATH, else Debian's Chromium binary (the /usr/bin one is a shell wrapper)."""
    candidates = [os.environ.get("BROWSER_PATH", ""), *CHROMIUM_CANDIDATES]
    for candidate in candidates:
        found = candidate and (candidate if Path(candidate).is_file() else shutil.which(candidate))
        if found:
            return str(found)
    raise RuntimeError("Chromium not found: run `make test` (it installs it) or set BROWSER_PATH")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_healthy(url: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
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
