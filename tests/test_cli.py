"""The command line: summaries, located problems, exit codes, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import DATA, TEST_DATA, WriteEvents, run_timeline
from timeline.cli import main


def run(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(arguments))
    return result.exit_code, result.stdout, result.stderr


def test_validate_valid_file_prints_a_summary(write_events: WriteEvents) -> None:
    path = write_events(
        """\
        - id: a
          date: 2025-05-10
          title: First
          type: call
          actors: [peskov]
          sources: [{url: "https://example.org"}]
        - id: b
          date: 2025-08
          title: Later
          type: summit
          sources: [{url: "https://example.org"}]
        """
    )
    code, out, err = run("validate", str(path))
    assert code == 0, err
    assert out == f"{path}: 2 events, 2 actors, 3 countries, 10 May 2025 – Aug 2025\n"


def test_validate_shipped_dataset() -> None:
    code, out, _ = run("validate", str(DATA))
    assert code == 0
    assert " events, " in out


def test_validate_invalid_file_lists_problems_and_exits_1() -> None:
    bad = TEST_DATA / "bad" / "unknown-actor.yaml"
    code, out, err = run("validate", str(bad))
    assert code == 1
    assert out == ""
    assert f"{bad}:13:14: unknown actor 'peskof' (did you mean 'peskov'?)" in err
    assert err.endswith(f"{bad}: 1 problem\n")


def test_validate_several_files_reports_each(write_events: WriteEvents) -> None:
    bad = TEST_DATA / "bad" / "impossible-day.yaml"
    code, out, err = run("validate", str(DATA), str(bad))
    assert code == 1
    assert out.startswith(f"{DATA}: ")
    assert "is not a real day" in err


def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    code, _, err = run("validate", str(tmp_path / "nope.yaml"))
    assert code == 2
    assert err == f"Error: {tmp_path / 'nope.yaml'}: No such file or directory\n"


def test_usage_error_exits_2() -> None:
    code, _, err = run("validate")
    assert code == 2
    assert "Missing argument" in err


def test_schema_command_prints_json() -> None:
    code, out, _ = run("schema")
    assert code == 0
    assert json.loads(out)["required"] == ["title", "events"]


def test_console_script_never_prints_a_traceback() -> None:
    bad = TEST_DATA / "bad" / "alias-bomb.yaml"
    result = run_timeline("validate", str(bad))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "anchors and aliases" in result.stderr


def test_the_command_delivers_all_its_output_and_its_exit_code_as_a_process() -> None:
    # The process ends without Python's clean-up (cli.run): what it printed must still arrive.
    bad = TEST_DATA / "bad" / "alias-bomb.yaml"
    checked = run_timeline("validate", str(DATA), str(bad))
    assert checked.returncode == 1
    assert checked.stdout == f"{DATA}: {run('validate', str(DATA))[1].split(': ', 1)[1]}"
    assert checked.stderr.endswith(f"{bad}: 1 problem\n")
    listed = run_timeline("events", str(DATA))
    assert (listed.returncode, len(listed.stdout.splitlines())) == (0, 40)
    usage = run_timeline("validate")
    assert usage.returncode == 2
    assert "Missing argument 'FILES...'" in usage.stderr


def test_events_lists_what_the_flags_let_through() -> None:
    code, out, err = run("events", str(DATA), "--country", "BY", "--type", "exchange")
    assert code == 0
    listed = [line.split()[3] for line in out.splitlines()]
    assert listed == ["prisoner-exchange-1000-for-1000", "young-wounded-pow-exchange-begins"]
    assert err == "2 of 40 events\n"


def test_events_refuses_unknown_flag_values() -> None:
    code, _, err = run("events", str(DATA), "--country", "XX", "--from", "May 2025")
    assert code == 2
    assert "unknown country 'XX'; from date 'May 2025': write it as YYYY-MM-DD" in err


def test_events_as_known_on_a_day_and_disputed_only() -> None:
    truth = str(TEST_DATA / "truth.yaml")
    code, out, err = run("events", truth, "--known", "2025-05-29", "--status", "proposed")
    assert code == 0
    assert [line[23:].split()[0] for line in out.splitlines()] == [
        "istanbul-round-2",
        "leaders-meeting",
    ]
    code, out, _ = run("events", truth, "--disputed")
    assert [line[23:].split()[0] for line in out.splitlines()] == [
        "istanbul-round-1",
        "istanbul-round-2",
    ]
    code, _, err = run("events", truth, "--known", "29/05/2025")
    assert code == 2
    assert "known date '29/05/2025': write it as YYYY-MM-DD" in err


IMPORTS = TEST_DATA / "import"


def test_import_with_nothing_to_keep_writes_nothing_and_says_why(tmp_path: Path) -> None:
    out = tmp_path / "deep.yaml"
    source = IMPORTS / "story-all-bce.json"
    code, stdout, err = run("import", str(source), "-o", str(out))
    assert (code, stdout, out.exists()) == (1, "", False)
    assert "note: " in err and "year -3500 cannot be expressed" in err
    assert (
        f"{source}:1:1: nothing to import: all 2 events were left out; the first, "
        "event 1 ('The Big Bang'): year -13800000000 cannot be expressed" in err
    )


def test_import_date_order_is_asked_for_and_honoured(tmp_path: Path) -> None:
    out = tmp_path / "items.yaml"
    source = IMPORTS / "items-ambiguous.json"
    code, _, err = run("import", str(source), "-o", str(out))
    assert (code, out.exists()) == (1, False)
    assert "--date-order mdy" in err and "--date-order dmy" in err
    code, stdout, err = run("import", str(source), "-o", str(out), "--date-order", "dmy")
    assert code == 0, err
    assert stdout == f"{out}: 3 events from {source}\n"
    assert "date: '2003-01-04'" in out.read_text("utf-8")


def test_export_without_a_browser_writes_the_rest_then_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    base = tmp_path / "view"
    result = run_timeline(
        "export", str(DATA), "--format", "png", "--format", "csv", "-o", str(base)
    )
    assert result.returncode == 1
    assert result.stdout == f"{base}.csv\n"
    assert (tmp_path / "view.csv").read_bytes().startswith("\ufeffid,".encode())
    assert not (tmp_path / "view.png").exists()
    assert result.stderr.startswith("Error: png not written: Image export needs Chrome")
    assert "Traceback" not in result.stderr
