"""A disk cache for large datasets: the frame as an Arrow IPC file and the header in JSON, keyed
by the file's content, so the next start of a 100,000-event file maps columns instead of parsing.

The frame is stored uncompressed and memory-mapped when read: a million events open in about
0.1 s, where Parquet took 4 s to decode and 8 s to turn its list columns into Python objects
(docs/performance.md); the price is disk space, about 0.9 KB per event. List columns (countries,
actors, tags...) stay Arrow lists in the frame, which filters and lanes read without a Python
object per row.

Only datasets of CACHE_MIN_EVENTS or more are cached: smaller ones load faster than they would
read back. Events that were models are kept as JSON records in the frame, so nothing is lost.
The cache lives in $TIMELINE_CACHE_DIR, else $XDG_CACHE_HOME/timeline, else ~/.cache/timeline;
a cache that cannot be written is skipped, never an error.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa

from timeline.core.model import Timeline
from timeline.core.problems import ImportNote
from timeline.data.cache_index import cache_folder, entry_paths
from timeline.data.dataset import Dataset
from timeline.data.summary import describe_dataset

CACHE_MIN_EVENTS = 5_000
PARTIAL_PREFIX = ".partial-"  # then the writing process's id: see _remove_abandoned_partials
WRITE_SLICE_ROWS = 100_000


def read_cached(key: str) -> Dataset | None:
    """The dataset cached under `key`, or None (missing or unreadable entries are ignored)."""
    frame_path, header_path = entry_paths(key)
    if not (frame_path.is_file() and header_path.is_file()):
        return None
    try:
        header = json.loads(header_path.read_text("utf-8"))
        with pa.memory_map(str(frame_path)) as source:
            table = pa.ipc.open_file(source).read_all()
        timeline = Timeline.model_validate({**header["timeline"], "events": []})
    except (OSError, ValueError, KeyError, pa.ArrowInvalid):
        return None
    notes = tuple(ImportNote(**note) for note in header.get("notes", []))
    return Dataset(timeline, frame_from_table(table), notes, header.get("imported_from"))


def frame_from_table(table: pa.Table) -> pd.DataFrame:
    """The frame of a cached table: text, times and categories without copies, lists as Arrow
    lists (each row reads as a Python list)."""
    frame: pd.DataFrame = table.to_pandas(types_mapper=_arrow_lists)
    return frame


def _arrow_lists(kind: pa.DataType) -> pd.ArrowDtype | None:
    return pd.ArrowDtype(kind) if pa.types.is_list(kind) or pa.types.is_large_list(kind) else None


def write_cached(key: str, dataset: Dataset) -> bool:
    """Cache a large dataset; False when it is too small to be worth it or cannot be written."""
    if dataset.event_count < CACHE_MIN_EVENTS:
        return False
    frame = dataset.frame
    if dataset.timeline.events:  # keep the models losslessly as records
        records = {
            event.id: event.model_dump_json(by_alias=True) for event in dataset.timeline.events
        }
        frame = frame.assign(record=frame["id"].map(records))
    header = {
        "timeline": dataset.timeline.model_dump(mode="json", by_alias=True, exclude={"events"}),
        "notes": [note.__dict__ for note in dataset.notes],
        "imported_from": dataset.imported_from,
        "summary": describe_dataset(dataset) + (" (imported)" if dataset.imported_from else ""),
    }
    try:
        folder = cache_folder()
        folder.mkdir(parents=True, exist_ok=True)
        frame_path, header_path = entry_paths(key)
        _write_atomically(frame_path, lambda path: _write_table(frame, path))
        _write_atomically(header_path, lambda path: path.write_text(json.dumps(header), "utf-8"))
    except Exception:
        return False
    return True


def _write_table(frame: pd.DataFrame, path: Path) -> None:
    """The frame as an Arrow IPC file, converted a slice at a time so that a million events
    never exist twice in memory (the whole table at once added about 1 GB to an import)."""
    # One thread: this often runs while a short command exits, when Python refuses new threads.
    schema = pa.Schema.from_pandas(frame, preserve_index=False)
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, schema) as writer:
        for start in range(0, max(len(frame), 1), WRITE_SLICE_ROWS):
            part = frame.iloc[start : start + WRITE_SLICE_ROWS]
            table = pa.Table.from_pandas(part, schema=schema, preserve_index=False, nthreads=1)
            writer.write_table(table)


def _write_atomically(target: Path, write: Callable[[Path], object]) -> None:
    """Write next to the target, then rename: a reader never sees half a file."""
    _remove_abandoned_partials(target.parent)
    prefix = f"{PARTIAL_PREFIX}{os.getpid()}-"
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=prefix, suffix=target.suffix)
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)


def _remove_abandoned_partials(folder: Path) -> None:
    """Delete the half-written files of processes that have ended: a dashboard stopped while
    it filled the cache (its thread is killed before it can clean up) leaves hundreds of MB."""
    for partial in folder.glob(f"{PARTIAL_PREFIX}*"):
        writer = partial.name.removeprefix(PARTIAL_PREFIX).split("-", 1)[0]
        if writer.isdigit() and not _running(int(writer)):
            partial.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
