"""The README's commands, run as written: what the "Use" and "Exports" sections show works, in a
fresh copy where the commands write their files, and every command is documented (as in
sqlite-utils' documentation tests)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from PIL import Image
from pypdf import PdfReader

from tests.conftest import ROOT
from timeline.cli import EXPORT_FORMATS, SIZES, main
from timeline.core.load import load_timeline
from timeline.data.dataset import Dataset
from timeline.data.filters import apply_filters, filters_from_query
from timeline.export.dispatch import FORMATS
from timeline.figures.report import PRESETS

README = (ROOT / "README.md").read_text("utf-8")
TIMELINE = ".venv/bin/timeline"
# Files the commands name, copied into the fresh folder where they run.
FILES_USED = ("data/events.yaml", "tests/data/bad/unknown-actor.yaml")


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert match, f"the README has no '## {title}' section"
    return match.group(1)


def blocks(text: str, language: str) -> list[str]:
    """The fenced blocks of `text` marked with this language ("" for unmarked ones)."""
    found: list[str] = []
    current: list[str] | None = None
    marked = ""
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            if current is None:
                current, marked = [], line[3:].strip()
            else:
                if marked == language:
                    found.append("".join(current))
                current = None
        elif current is not None:
            current.append(line)
    return found


def shell_lines(text: str) -> list[list[str]]:
    """The commands of the ```sh blocks, continuation lines joined, comments dropped."""
    lines = []
    for block in blocks(text, "sh"):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words:
                lines.append(words)
    return lines


SHOWN = {title: shell_lines(section(title)) for title in ("Use", "Exports")}
TIMELINE_LINES = [words for lines in SHOWN.values() for words in lines if words[0] == TIMELINE]


def command_of(words: list[str]) -> tuple[click.Command, dict[str, Any]]:
    """The command and its parsed parameters, as click reads the line."""
    command = main.commands[words[1]]
    with command.make_context(words[1], words[2:]) as context:
        return command, dict(context.params)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A fresh copy of what the commands read, with the folders the README makes."""
    for name in FILES_USED:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    for words in (words for lines in SHOWN.values() for words in lines):
        if words[:2] == ["mkdir", "-p"]:
            for folder in words[2:]:
                (tmp_path / folder).mkdir(parents=True)
    return tmp_path


def run_in(
    folder: Path, arguments: list[str], **environment: str
) -> subprocess.CompletedProcess[str]:
    """`.venv/bin/timeline ARGUMENTS` run as `python -m timeline ARGUMENTS` in `folder`."""
    return subprocess.run(
        [sys.executable, "-m", "timeline", *arguments],
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
        cwd=folder,
        env={**os.environ, **environment},
    )


def view_ids(params: dict[str, Any]) -> tuple[list[str], Dataset]:
    """The ids a view of the shipped data holds, chosen through the URL form of the filters
    (the README says `?country=TR&type=call` and `--country TR --type call` are the same)."""
    dataset = Dataset.from_timeline(load_timeline(ROOT / params["file"]))
    url_names = {"type_": "type", "date_from": "from", "date_to": "to", "query": "q"}
    query: dict[str, list[str]] = {}
    for flag in ("country", "actor", "type_", "status", "date_from", "date_to", "query", "group"):
        value = params[flag]
        if value:
            query[url_names.get(flag, flag)] = [value] if isinstance(value, str) else list(value)
    filters, notes = filters_from_query(query, dataset.timeline, dataset.frame["id"])
    assert not notes
    return list(apply_filters(dataset.frame, filters)["id"]), dataset


def test_the_sections_show_only_commands_this_test_knows() -> None:
    known = {TIMELINE, "make", "mkdir"}
    for title, lines in SHOWN.items():
        assert lines, f"no commands in the README's {title} section"
        for words in lines:
            assert words[0] in known, f"teach tests/test_readme.py to run: {' '.join(words)}"
    shown = {words[1] for words in TIMELINE_LINES}
    assert shown == {"validate", "schema", "events", "dashboard", "export"}


def test_every_line_parses_as_the_cli_reads_it() -> None:
    for words in TIMELINE_LINES:
        command, params = command_of(words)
        assert command.name in ("validate", "schema", "events", "dashboard", "export")
        if command.name == "dashboard":  # not started here: it serves until stopped
            assert (str(params["file"]), params["port"]) == ("my-events.yaml", 8502)


def test_make_lines_name_real_targets_and_variables() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    for words in (words for lines in SHOWN.values() for words in lines if words[0] == "make"):
        target, *assignments = words[1:]
        assert re.search(rf"^{re.escape(target)}:", makefile, re.M), target
        for assignment in assignments:
            variable = assignment.split("=", 1)[0]
            assert f"$({variable})" in makefile, variable


def test_validate_prints_one_summary_line(checkout: Path) -> None:
    (words,) = [words for words in TIMELINE_LINES if words[1] == "validate"]
    result = run_in(checkout, words[1:])
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    timeline = load_timeline(checkout / "data/events.yaml")
    counts = (
        f"data/events.yaml: {len(timeline.events)} events, {len(timeline.actors)} actors, "
        f"{len(timeline.countries)} countries, "
    )
    date = r"(\d{1,2} )?([A-Z][a-z]{2} )?\d{4}"
    assert re.fullmatch(rf"{re.escape(counts)}{date} – {date}\n", result.stdout), result.stdout


def test_validate_exit_codes_and_the_problem_line_shown(checkout: Path) -> None:
    (shown,) = blocks(section("Use"), "")
    (line,) = shown.splitlines()
    bad_file = line.split(":", 1)[0]
    invalid = run_in(checkout, ["validate", bad_file])
    assert invalid.returncode == 1
    assert line in invalid.stderr.splitlines()
    assert run_in(checkout, ["validate", "data/events.yaml", bad_file]).returncode == 1
    assert run_in(checkout, ["validate", "no-such-file.yaml"]).returncode == 2
    assert run_in(checkout, ["validate"]).returncode == 2


def test_schema_prints_the_json_schema_of_the_format(checkout: Path) -> None:
    (words,) = [words for words in TIMELINE_LINES if words[1] == "schema"]
    result = run_in(checkout, words[1:])
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema == json.loads((ROOT / "schema/events.schema.json").read_text("utf-8"))


def test_events_lists_the_views_events(checkout: Path) -> None:
    (words,) = [words for words in TIMELINE_LINES if words[1] == "events"]
    result = run_in(checkout, words[1:])
    assert result.returncode == 0, result.stderr
    _, params = command_of(words)
    expected, dataset = view_ids(params)
    assert expected, "the README's example shows some events"
    listed = result.stdout.splitlines()
    assert [line[23:63].rstrip() for line in listed] == expected
    frame = dataset.frame.set_index("id")
    for line, event_id in zip(listed, expected, strict=True):
        label, title = str(frame.at[event_id, "date_label"]), str(frame.at[event_id, "title"])
        assert line == f"{label:<22} {event_id:<40} {title}"
        event = dataset.event(event_id)
        assert event is not None and event.type in params["type_"]
        assert set(params["country"]) & set(dataset.timeline.countries_of(event))
    assert result.stderr == f"{len(expected)} of {dataset.event_count} events\n"


def test_export_writes_every_file_shown(checkout: Path) -> None:
    (words,) = [words for words in TIMELINE_LINES if words[1] == "export"]
    result = run_in(checkout, words[1:])
    assert result.returncode == 0, result.stderr
    _, params = command_of(words)
    expected, dataset = view_ids(params)
    base = params["output"]
    written = [checkout / line for line in result.stdout.splitlines()]
    targets = {
        name: base.with_name(
            base.name + ("-briefing" if name.startswith("briefing") else "")
        ).with_suffix(FORMATS[name].suffix)
        for name in params["formats"]
    }
    # Files that need no browser are written first; the set is what the README promises.
    assert sorted(path.relative_to(checkout) for path in written) == sorted(targets.values())
    for name, target in targets.items():
        path = checkout / target
        check_export(name, path.read_bytes(), params["size"], expected, dataset)


def check_export(
    name: str, content: bytes, size: str, expected: list[str], dataset: Dataset
) -> None:
    """What a user finds on opening the file."""
    if name == "png":
        with Image.open(io.BytesIO(content)) as image:
            assert image.size[0] == PRESETS[size].width * 2  # the preset's width, the view's height
    elif name == "csv":
        rows = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
        assert [row["id"] for row in rows] == expected
    elif name in ("pdf", "briefing-pdf"):
        reader = PdfReader(io.BytesIO(content))
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        assert dataset.timeline.title in text
        if name == "briefing-pdf":
            assert "Sources" in text
            for event_id in expected:
                title = str(dataset.frame.set_index("id").at[event_id, "title"])
                assert " ".join(title.split()) in text
    else:
        pytest.fail(f"teach check_export what a {name} file holds")


def test_without_a_browser_those_formats_say_so_and_the_others_work(checkout: Path) -> None:
    (words,) = [words for words in TIMELINE_LINES if words[1] == "export"]
    _, params = command_of(words)
    needing = [name for name in params["formats"] if FORMATS[name].needs_browser]
    others = [name for name in params["formats"] if not FORMATS[name].needs_browser]
    assert needing and others
    flags = ["--country", *params["country"], "--type", *params["type_"]]
    missing = str(checkout / "no-browser")
    for name in needing:
        failed = run_in(
            checkout,
            ["export", "data/events.yaml", *flags, "--format", name, "-o", f"out/x-{name}"],
            BROWSER_PATH=missing,
        )
        assert failed.returncode == 1
        assert "apt-get install chromium" in failed.stderr and "BROWSER_PATH" in failed.stderr
    expected, dataset = view_ids(params)
    for name in others:
        worked = run_in(
            checkout,
            ["export", "data/events.yaml", *flags, "--format", name, "-o", f"out/y-{name}"],
            BROWSER_PATH=missing,
        )
        assert worked.returncode == 0, worked.stderr
        check_export(name, (checkout / f"out/y-{name}").read_bytes(), "a4", expected, dataset)


def test_every_cli_command_is_in_the_readme() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "timeline", "--help"], capture_output=True, text=True, check=True
    )
    listed = result.stdout.split("Commands:\n", 1)[1]
    commands = [line.split()[0] for line in listed.splitlines() if line.strip()]
    assert sorted(commands) == sorted(main.commands)
    for name in commands:
        assert f"timeline {name}" in README, f"'timeline {name}' is not in the README"


def test_the_filter_flags_named_are_those_of_events_and_export() -> None:
    sentence = re.search(r"The filter flags \(([^)]*)\)", section("Use"))
    assert sentence
    named = re.findall(r"`(--[a-z-]+)`", sentence.group(1))
    for command in (main.commands["events"], main.commands["export"]):
        flags = {flag for param in command.params for flag in param.opts}
        assert set(named) <= flags
    events_flags = {
        flag
        for param in main.commands["events"].params
        for flag in param.opts
        if flag.startswith("--")
    }
    assert set(named) == events_flags


def test_the_formats_table_names_real_formats_and_sizes() -> None:
    exports = section("Exports")
    rows = [line for line in exports.splitlines() if line.startswith("| `")]
    in_table = {name for row in rows for name in re.findall(r"`([a-z-]+)`", row.split("|")[1])}
    assert in_table <= set(EXPORT_FORMATS) == set(FORMATS)
    for name in EXPORT_FORMATS:  # the table, or another section (TimelineJS), names each one
        assert f"`{name}`" in README or f"--format {name}" in README, name
    for size in re.findall(r"`--size (\w+)`", exports):
        assert size in SIZES
    for size in SIZES:
        assert f"`{size}`" in exports or f"`--size {size}`" in exports, size
