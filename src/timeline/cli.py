"""The `timeline` command: a thin layer over the package that turns errors into messages.

Exit codes: 0 success, 1 invalid data, 2 usage errors or unreadable files. Never a traceback.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from timeline.core.load import parse_timeline, read_file
from timeline.core.problems import (
    ExportError,
    ImportNote,
    InvalidTimelineError,
    TimelineError,
)
from timeline.data.summary import describe_dataset, describe_timeline, first_and_last
from timeline.importers import DATE_ORDERS, IMPORT_FORMATS, is_events_file, refuse_empty_import

# Each command imports what it uses when it runs: `timeline validate` on an events file needs
# neither pandas nor Plotly, whose imports alone take longer than the whole check.
if TYPE_CHECKING:
    from timeline.data.dataset import Dataset
    from timeline.data.filters import Filters
    from timeline.data.views import ExportView

DEFAULT_DATA = "data/events.yaml"
SHOWN_PROBLEMS = 200
SEARCH_HELP = "Words that must all appear in the title, summary, quotes, tags or actor names."
# An events file up to this size is checked by the loader alone; a larger one goes through the
# dataset and its disk cache, which reads it again in a fraction of the parsing time.
DIRECT_CHECK_BYTES = 2 * 2**20
SIZES = ("slide", "a4", "column")  # timeline.data.views.SIZES, without importing pandas
EXPORT_FORMATS = (
    *("png", "svg", "pdf", "html", "csv", "json", "yaml", "ics"),
    *("briefing", "briefing-pdf", "timelinejs"),
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="timeline")
def main() -> None:
    """Follow a developing diplomatic story on an interactive timeline."""


def run() -> None:
    """The `timeline` command (and `python -m timeline`): `main`, then an exit that does not
    free every object one by one. After a large file, Python's own exit spent 0.3 s (100,000
    events) to seconds (a million) doing that; every command has closed its files and its
    browser by then, and the output streams are flushed here."""
    try:
        main()
        code: object = 0
    except SystemExit as finished:
        code = finished.code
    if isinstance(code, str):  # as Python prints a message given to sys.exit
        click.echo(code, err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else (0 if code is None else 1))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
def validate(files: Sequence[Path]) -> None:
    """Check events files; print a summary for each valid one and every located problem."""
    worst = 0
    for file in files:
        try:
            click.echo(f"{file}: {_checked_summary(file)}")
        except TimelineError as error:
            _echo_error(error)
            if isinstance(error, InvalidTimelineError):
                problems = len(error.problems)
                click.echo(f"{file}: {problems} problem{'s' if problems != 1 else ''}", err=True)
            worst = max(worst, error.exit_code)
    sys.exit(worst)


def _checked_summary(file: Path) -> str:
    """The file's summary line once it is checked (problems raise)."""
    content = read_file(file)
    if len(content) <= DIRECT_CHECK_BYTES and is_events_file(content, str(file)):
        timeline = parse_timeline(content, str(file))
        return describe_timeline(timeline, len(timeline.events), *first_and_last(timeline))
    from timeline.data.cache_index import cached_summary

    known = cached_summary(content, str(file))
    if known is not None:  # opened before: no need for pandas
        summary, notes = known
        _echo_notes(notes)
        return summary
    from timeline.data.opening import open_timeline_cached

    opened = open_timeline_cached(content, str(file))
    _echo_notes(opened.notes)
    imported = " (imported)" if opened.imported_from else ""
    return describe_dataset(opened) + imported


def _echo_notes(notes: Sequence[ImportNote]) -> None:
    for note in notes[:SHOWN_PROBLEMS]:
        click.echo(f"note: {note}", err=True)
    if len(notes) > SHOWN_PROBLEMS:
        click.echo(f"note: ... and {len(notes) - SHOWN_PROBLEMS} more notes", err=True)


def filter_options(command: Callable[..., None]) -> Callable[..., None]:
    """The filter flags: the same names and meanings as the dashboard's URL parameters."""
    options = [
        click.option(
            "--country", multiple=True, help="Country code; repeat for several (any matches)."
        ),
        click.option("--actor", multiple=True, help="Actor id; repeat for several (any matches)."),
        click.option("--type", "type_", multiple=True, help="Event type; repeat for several."),
        click.option("--status", multiple=True, help="Status; repeat for several."),
        click.option("--from", "date_from", help="First day, YYYY-MM-DD."),
        click.option("--to", "date_to", help="Last day, YYYY-MM-DD."),
        click.option(
            "--q",
            "query",
            help="Words that must all appear in the title, summary, quotes, tags or actor names.",
        ),
        click.option("--group", help="Lanes by country, actor or type."),
        click.option(
            "--known",
            help="Show the timeline as known at the end of this day, YYYY-MM-DD: later events "
            "left out, statuses as they stood then.",
        ),
        click.option(
            "--disputed", is_flag=True, help="Only events where sources disagree on a point."
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def filters_from_flags(dataset: Dataset, flags: dict[str, Any]) -> Filters:
    """Filters from CLI flags, through the URL reader; an unknown value is a usage error."""
    from timeline.data.filters import filters_from_query

    params = {
        "country": flags["country"],
        "actor": flags["actor"],
        "type": flags["type_"],
        "status": flags["status"],
        "from": _listed(flags["date_from"]),
        "to": _listed(flags["date_to"]),
        "q": _listed(flags["query"]),
        "group": _listed(flags["group"]),
        "known": _listed(flags["known"]),
        "disputed": ["1"] if flags["disputed"] else [],
    }
    chosen = {k: v for k, v in params.items() if v}
    filters, notes = filters_from_query(chosen, dataset.timeline, dataset.frame["id"])
    if notes:
        raise click.UsageError("; ".join(notes).replace(" ignored", ""))
    return filters


def _listed(value: str | None) -> list[str]:
    return [value] if value else []


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@filter_options
def events(file: Path, **flags: Any) -> None:
    """List the events of FILE that the filters let through, in date order."""
    from timeline.data.filters import apply_filters

    dataset = _load_or_exit(file)
    frame = apply_filters(dataset.frame, filters_from_flags(dataset, flags))
    for date_label, event_id, title in zip(
        frame["date_label"], frame["id"], frame["title"], strict=True
    ):
        click.echo(f"{date_label:<22} {event_id:<40} {title}")
    click.echo(f"{len(frame)} of {dataset.event_count} events", err=True)


@contextmanager
def _exit_on_error() -> Iterator[None]:
    """The one place a command turns an error into a message and an exit code: 1 for data with
    problems or an export that failed, 2 for files that cannot be read or written."""
    try:
        yield
    except TimelineError as error:
        _echo_error(error)
        sys.exit(error.exit_code)
    except OSError as error:
        click.echo(f"Error: cannot write {error.filename}: {error.strerror}", err=True)
        sys.exit(2)


def _echo_error(error: TimelineError) -> None:
    """An error as the user reads it: located problems as they are, anything else after 'Error:'."""
    message = error.format_message()
    click.echo(
        message if isinstance(error, InvalidTimelineError) else f"Error: {message}", err=True
    )


def _load_or_exit(file: Path) -> Dataset:
    from timeline.data.opening import open_timeline_file

    with _exit_on_error():
        opened = open_timeline_file(file)
    _echo_notes(opened.notes)
    return opened


@main.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "formats",
    multiple=True,
    required=True,
    type=click.Choice(EXPORT_FORMATS),
    help="Repeat for several files; they share one browser start.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="The file; with several formats, a base name (each format sets the suffix) or a folder.",
)
@click.option("--size", type=click.Choice(SIZES), default="slide", show_default=True)
@click.option("--title", help="Title for charts and documents (default: the file's title).")
@filter_options
def export_command(
    file: Path, formats: tuple[str, ...], output: Path, size: str, title: str | None, **flags: Any
) -> None:
    """Export the filtered view of FILE as charts, data, calendar, HTML or a briefing."""
    from timeline.data.filters import apply_filters
    from timeline.data.views import ExportView
    from timeline.export.dispatch import FORMATS, export
    from timeline.export.images import ImageRenderer

    dataset = _load_or_exit(file)
    filters = filters_from_flags(dataset, flags)
    rows = apply_filters(dataset.frame, filters)
    view = ExportView(dataset, rows, filters, file.name, title, size)  # type: ignore[arg-type]
    # What needs no browser first: without one, those files are still written.
    names = sorted(dict.fromkeys(formats), key=lambda name: FORMATS[name].needs_browser)
    targets = {name: _target(output, view, name, len(names) > 1) for name in names}
    progress = _Progress(enabled=sys.stderr.isatty())
    failed: dict[str, list[str]] = {}  # message -> the formats it stopped
    with ImageRenderer() as renderer:
        for name, target in targets.items():
            progress.step(f"{name} -> {target}", slow=FORMATS[name].needs_browser)
            try:
                content = export(view, name, renderer)
            except ExportError as error:
                failed.setdefault(error.format_message(), []).append(name)
                continue
            with _exit_on_error():
                target.write_bytes(content)
            click.echo(str(target))
    progress.done(len(targets) - sum(len(stopped) for stopped in failed.values()))
    for message, stopped in failed.items():
        click.echo(f"Error: {', '.join(stopped)} not written: {message}", err=True)
    if failed:
        sys.exit(ExportError.exit_code)


def _target(output: Path, view: ExportView, name: str, several: bool) -> Path:
    from timeline.export.dispatch import FORMATS, file_name

    if output.is_dir():
        return output / file_name(view, name)
    if not several:
        return output
    stem = output.with_suffix("").name + ("-briefing" if name.startswith("briefing") else "")
    return output.with_name(stem + FORMATS[name].suffix)


class _Progress:
    """On a terminal, say what is being written once a call has taken a second or more."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.monotonic()

    def step(self, label: str, slow: bool) -> None:
        if self.enabled and (slow or time.monotonic() - self.started > 1):
            click.echo(f"exporting {label} ...", err=True)

    def done(self, count: int) -> None:
        elapsed = time.monotonic() - self.started
        if self.enabled and elapsed > 1:
            click.echo(
                f"wrote {count} file{'s' if count != 1 else ''} in {elapsed:.1f} s", err=True
            )


@main.command("import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "format_name",
    type=click.Choice(IMPORT_FORMATS),
    help="The source's format; detected from the content when left out.",
)
@click.option(
    "--date-order",
    type=click.Choice(DATE_ORDERS),
    help="Read numeric dates such as 4-1-2003 month first (mdy) or day first (dmy); needed "
    "only when no date in the file has a number above 12 that tells.",
)
def import_command(
    source: Path, output: Path, format_name: str | None, date_order: str | None
) -> None:
    """Import a TimelineJS, vis-timeline or ACLED file as an events file."""
    from timeline.data.opening import import_events, validated_timeline
    from timeline.export.tables import document_yaml

    with _exit_on_error():
        result = import_events(read_file(source), str(source), format_name, date_order)  # type: ignore[arg-type]
        validated_timeline(result.document, str(source))  # never write a file that will not load
        _echo_notes(result.notes)
        refuse_empty_import(result, str(source))
        document_text = document_yaml(result.document, f"Imported by timeline from {source.name}.")
        output.write_text(document_text, "utf-8")
    count = len(result.document["events"])
    click.echo(f"{output}: {count} event{'s' if count != 1 else ''} from {source}")


@main.command()
def schema() -> None:
    """Print the JSON Schema of the events format."""
    from timeline.core.schema import events_schema_text

    click.echo(events_schema_text(), nl=False)


@main.command()
@click.argument("file", default=DEFAULT_DATA, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--port", default=8501, show_default=True, type=click.IntRange(1, 65535))
def dashboard(file: Path, port: int) -> None:
    """Start the dashboard on FILE at http://localhost:PORT."""
    from timeline.ui.serve import serve  # Streamlit only for this command

    click.echo(f"Starting the dashboard on {file} at http://localhost:{port}")
    serve(file, streamlit_flags(port))  # Streamlit stops on Ctrl-C, exit code 0


def streamlit_flags(port: int) -> list[str]:
    """Local, offline and hardened, wherever it is started from (see .streamlit/config.toml)."""
    return [
        "--server.headless=true",
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--browser.gatherUsageStats=false",
        "--server.enableXsrfProtection=true",
        "--server.enableCORS=true",
        "--server.maxUploadSize=20",
        "--server.enableStaticServing=false",
        "--client.showErrorDetails=none",
        "--client.toolbarMode=viewer",
        # Streamlit collects garbage after every run, the file-watching fragment's included:
        # about 0.1 s of CPU per open page per second.
        "--runner.postScriptGC=false",
    ]
