"""Where the disk cache keeps an entry, and what a command can learn from an entry's header
without pandas: `timeline validate` on a file it has opened before prints the summary and the
import notes kept there, in less time than pandas takes to import (see `timeline.data.cache`)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from timeline.core.problems import ImportNote

# Change it whenever the frame's columns or an importer's output change: old entries are then
# never read again.
FORMAT_VERSION = "5"  # 3: disputed points, history; 4: merged ACLED actor rows; 5: Arrow IPC


def cache_folder() -> Path:
    chosen = os.environ.get("TIMELINE_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "timeline"


def content_digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def content_key(content: bytes, name: str = "", digest: str | None = None) -> str:
    """The file's content (by its `content_digest`, which a caller that has it passes: 300 MB
    take 0.6 s to hash) and name (an import's title and notes carry its name), and the layout
    version of what is cached."""
    combined = f"{digest or content_digest(content)}\0{name}".encode()
    return hashlib.sha256(combined).hexdigest()[:40] + "-v" + FORMAT_VERSION


def entry_paths(key: str) -> tuple[Path, Path]:
    """The frame's file and the header's."""
    folder = cache_folder()
    return folder / f"{key}.arrow", folder / f"{key}.json"


def cached_summary(content: bytes, name: str) -> tuple[str, tuple[ImportNote, ...]] | None:
    """The summary line and import notes kept for this file, or None when it is not cached."""
    frame_path, header_path = entry_paths(content_key(content, name))
    if not frame_path.is_file():
        return None
    try:
        header = json.loads(header_path.read_text("utf-8"))
        notes = tuple(ImportNote(**note) for note in header.get("notes", []))
        return str(header["summary"]), notes
    except (OSError, ValueError, KeyError, TypeError):
        return None


# Files at least this large have their digest kept by signature: a fresh server then finds a
# 300 MB file's cache entry without reading and hashing it (0.8 s).
STAMPED_BYTES = 16 * 2**20


def _stamp_path(path: str | Path, signature: tuple[int, ...]) -> Path:
    where = f"{Path(path).resolve()}\0{signature}".encode()
    return cache_folder() / f"{hashlib.sha256(where).hexdigest()[:40]}.digest"


def stamped_digest(path: str | Path, signature: tuple[int, ...]) -> str | None:
    """The content digest kept for this file as it was at `signature`, if any."""
    try:
        text = _stamp_path(path, signature).read_text("ascii").strip()
    except (OSError, ValueError):
        return None
    return text if len(text) == 64 else None


def stamp_digest(path: str | Path, signature: tuple[int, ...], digest: str) -> None:
    """Keep the digest of a large file as it is at `signature` (never an error)."""
    target = _stamp_path(path, signature)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".partial-{os.getpid()}")
        partial.write_text(digest, "ascii")
        partial.replace(target)
    except OSError:
        return
