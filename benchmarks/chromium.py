"""Debian's Chromium for Playwright, as the browser tests and the benchmarks launch it (never a
downloaded browser)."""

from __future__ import annotations

import os
import shutil
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
