"""The `timeline` command: a thin layer over the package that turns errors into messages.

Exit codes: 0 success, 1 invalid data, 2 usage errors or unreadable files. Never a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from timeline.dates import format_date
from timeline.filters import Filters, apply_filters, filters_from_query
from timeline.frame import to_frame
from timeline.load import load_timeline
from timeline.model import Timeline
from timeline.problems import InvalidTimelineError, TimelineError
from timeline.schema import events_schema_text

DEFAULT_DATA = "data/events.yaml"
SHOWN_PROBLEMS = 200


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="timeline")
def main() -> None:
    """Follow a developing diplomatic story on an interactive timeline."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
def validate(files: Sequence[Path]) -> None:
    """Check events files; print a summary for each valid one and every located problem."""
    worst = 0
    for file in files:
        try:
            timeline = load_timeline(file)
        except InvalidTimelineError as error:
            click.echo(error.report(limit=SHOWN_PROBLEMS), err=True)
            problems = len(error.problems)
            click.echo(f"{file}: {problems} problem{'s' if problems != 1 else ''}", err=True)
            worst = max(worst, error.exit_code)
        except TimelineError as error:
            click.echo(f"Error: {error}", err=True)
            worst = max(worst, error.exit_code)
        else:
            click.echo(f"{file}: {describe_timeline(timeline)}")
    sys.exit(worst)


def describe_timeline(timeline: Timeline) -> str:
    """'41 events, 30 actors, 13 countries, 10 May 2025 – Aug 2025'."""
    parts = [
        _count(len(timeline.events), "event"),
        _count(len(timeline.actors), "actor"),
        _count(len(timeline.countries), "country", "countries"),
    ]
    if timeline.events:
        zone = timeline.zone
        first = min(
            (event.date for event in timeline.events), key=lambda day: day.local_start(zone)
        )
        ends = [event.end or event.date for event in timeline.events]
        last = max(ends, key=lambda day: day.local_end(zone))
        parts.append(f"{format_date(first, zone)} – {format_date(last, zone)}")
    return ", ".join(parts)


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


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
            "--q", "query", help="Words that must all appear in title, summary or quotes."
        ),
        click.option("--group", help="Lanes by country, actor or type."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def filters_from_flags(timeline: Timeline, flags: dict[str, Any]) -> Filters:
    """Filters from CLI flags, through the URL reader; an unknown value is a usage error."""
    params = {
        "country": flags["country"],
        "actor": flags["actor"],
        "type": flags["type_"],
        "status": flags["status"],
        "from": _listed(flags["date_from"]),
        "to": _listed(flags["date_to"]),
        "q": _listed(flags["query"]),
        "group": _listed(flags["group"]),
    }
    filters, notes = filters_from_query({k: v for k, v in params.items() if v}, timeline)
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
    timeline = _load_or_exit(file)
    frame = apply_filters(to_frame(timeline), filters_from_flags(timeline, flags))
    for date_label, event_id, title in zip(
        frame["date_label"], frame["id"], frame["title"], strict=True
    ):
        click.echo(f"{date_label:<22} {event_id:<40} {title}")
    click.echo(f"{len(frame)} of {len(timeline.events)} events", err=True)


def _load_or_exit(file: Path) -> Timeline:
    try:
        return load_timeline(file)
    except InvalidTimelineError as error:
        click.echo(error.report(limit=SHOWN_PROBLEMS), err=True)
        sys.exit(error.exit_code)
    except TimelineError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(error.exit_code)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the events format."""
    click.echo(events_schema_text(), nl=False)


@main.command()
@click.argument("file", default=DEFAULT_DATA, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--port", default=8501, show_default=True, type=click.IntRange(1, 65535))
def dashboard(file: Path, port: int) -> None:
    """Start the dashboard on FILE at http://localhost:PORT."""
    from timeline import ui

    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(Path(ui.__file__)),
        *streamlit_flags(port),
    ]
    click.echo(f"Starting the dashboard on {file} at http://localhost:{port}")
    environment = {**os.environ, "TIMELINE_DATA": str(file.resolve())}
    try:
        sys.exit(subprocess.call(command, env=environment))
    except KeyboardInterrupt:
        sys.exit(0)


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
    ]
