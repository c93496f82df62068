"""Open any file the dashboard and the CLI accept: an events file (YAML, or the same in JSON),
or another tool's timeline, imported on the way in (see `timeline.importers`)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import ValidationError

from timeline.core.load import parse_timeline, read_file
from timeline.core.model import Timeline
from timeline.core.problems import problem_at
from timeline.data.acled import acled_frame_columns, import_acled_csv
from timeline.data.cache import read_cached, write_cached
from timeline.data.cache_index import content_key
from timeline.data.dataset import Dataset
from timeline.data.frame import frame_from_columns
from timeline.importers import (
    DateOrder,
    detect_format,
    import_from_text,
    import_text,
    is_events_file,
    refusing_unexpected_shapes,
)
from timeline.importers.acled import AcledImport
from timeline.importers.common import ImportResult

Kept = TypeVar("Kept")
FileSignature = tuple[int, int, int]  # inode, size, modification time (ns)


def open_timeline(content: bytes, name: str, format_name: str | None = None) -> Dataset:
    """Validate an events file, or import another tool's file; errors are located problems."""
    if format_name is None and is_events_file(content, name):
        return Dataset.from_timeline(parse_timeline(content, name))
    text = import_text(content, name)
    chosen = format_name or detect_format(text, name)
    if chosen == "acled":
        return _acled_dataset(text, name)
    result = import_from_text(text, name, chosen)
    timeline = validated_timeline(result.document, name)
    return Dataset.from_timeline(timeline, result.notes, chosen)


def import_events(
    content: bytes,
    name: str,
    format_name: str | None = None,
    date_order: DateOrder | None = None,
) -> ImportResult:
    """The events document for a file of another tool (what `timeline import` writes),
    detecting the format unless given; `date_order` reads numeric dates the file leaves open."""
    text = import_text(content, name)
    chosen = format_name or detect_format(text, name)
    if chosen == "acled":
        with refusing_unexpected_shapes(name, chosen):
            return import_acled_csv(text, name)
    return import_from_text(text, name, chosen, date_order)


def validated_timeline(document: dict[str, object], name: str) -> Timeline:
    """The model of an imported document, or a located problem if an importer let through
    something the format refuses (a message, not a traceback)."""
    try:
        return Timeline.model_validate(document)
    except ValidationError as error:
        reason = error.errors()[0]["msg"]
        raise problem_at(name, f"the imported file is not a valid timeline: {reason}") from None


def _acled_dataset(text: str, name: str) -> Dataset:
    """ACLED exports are large: mapped column by column into the frame, no model per event."""
    with refusing_unexpected_shapes(name, "acled"):
        acled = AcledImport(text, name)
    header = Timeline.model_validate({**acled.header(), "events": []})
    frame = frame_from_columns(acled_frame_columns(acled), list(header.event_types))
    return Dataset(header, frame, tuple(acled.notes), "acled")


def open_timeline_cached(
    content: bytes | Callable[[], bytes], name: str, digest: str | None = None
) -> Dataset:
    """Like `open_timeline`, reading a large file's columns from the disk cache when the same
    content was opened before, and filling the cache when it was not. `digest`: the content's
    `content_digest`, if the caller has it; then `content` may be a function that reads it,
    called only when the cache has no entry."""
    if callable(content):
        if digest is not None:
            cached = read_cached(content_key(b"", name, digest))
            if cached is not None:
                return cached
        content = content()
    key = content_key(content, name, digest)
    cached = read_cached(key)
    if cached is not None:
        return cached
    dataset = open_timeline(content, name)
    # Read back from what was written: the first start then holds the same columns as every
    # later one (Arrow lists, memory-mapped), and the Python objects of the import are freed.
    if write_cached(key, dataset):
        return read_cached(key) or dataset
    return dataset


def open_timeline_file(path: str | Path, max_bytes: int | None = None) -> Dataset:
    return open_timeline_cached(read_file(path, max_bytes), str(path))


def file_signature(path: str | Path) -> FileSignature | None:
    """What changes when a file is saved, in place or by renaming a new file over it; None when
    there is no file. A stat, not a read: cheap enough to ask every second."""
    try:
        status = Path(path).stat()
    except OSError:
        return None
    return status.st_ino, status.st_size, status.st_mtime_ns


class LastGoodVersions(Generic[Kept]):
    """The last version of each file that opened without problems, by path, shared by every
    viewer: one who opens the page while the file is half-written or broken still sees data.
    A version read before the one kept (a slow reader) never replaces it. With the file's
    signature, it also tells a page that the file has not changed since (so it is not read and
    hashed again: 300 MB take a second)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: dict[str, tuple[int, Kept, FileSignature | None]] = {}

    def keep(
        self,
        path: str | Path,
        version: Kept,
        saved: int = 0,
        signature: FileSignature | None = None,
    ) -> None:
        """Keep `version`, read from the file as saved at `saved` (its modification time)."""
        key = _path_key(path)
        with self._lock:
            if key not in self._kept or self._kept[key][0] <= saved:
                self._kept[key] = (saved, version, signature)

    def last(self, path: str | Path) -> Kept | None:
        with self._lock:
            kept = self._kept.get(_path_key(path))
        return kept[1] if kept else None

    def unchanged(self, path: str | Path, signature: FileSignature) -> Kept | None:
        """The version kept, if the file still has the signature it had when read."""
        with self._lock:
            kept = self._kept.get(_path_key(path))
        return kept[1] if kept and kept[2] == signature else None


def _path_key(path: str | Path) -> str:
    return str(Path(path).resolve())
