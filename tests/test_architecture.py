"""The layout's rules (docs/architecture.md): imports run down the pipeline, modules stay small,
Streamlit stays in the page, and the CLI's checking commands start without the drawing stack."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "timeline"
# Each stage may import the stages before it, never one after it.
ORDER = ["core", "importers", "data", "figures", "export", "ui"]
MAX_LINES = 400


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _stage(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _imported_stages(path: Path) -> set[str]:
    stages = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "timeline" and len(parts) > 1:
                stages.add(parts[1])
    return stages


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_down_the_pipeline(path: Path) -> None:
    stage = _stage(path)
    if stage not in ORDER:
        return  # cli.py and __main__.py sit on top
    later = set(ORDER[ORDER.index(stage) + 1 :])
    assert not (_imported_stages(path) & later), f"{path.name} imports a later stage"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_stay_short(path: Path) -> None:
    assert len(path.read_text().splitlines()) <= MAX_LINES


def test_streamlit_is_imported_in_the_ui_package_only() -> None:
    importing = [
        path.relative_to(PACKAGE).as_posix()
        for path in _modules()
        if "import streamlit" in path.read_text() or "from streamlit" in path.read_text()
    ]
    assert importing and all(name.startswith("ui/") for name in importing)


HEAVY = ("pandas", "plotly", "streamlit", "kaleido", "pyarrow")


def _modules_after(*arguments: str) -> set[str]:
    script = (
        "import sys, json\n"
        "from timeline.cli import main\n"
        f"sys.argv = ['timeline', *{list(arguments)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=PACKAGE
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


@pytest.mark.parametrize("command", [["validate", "data/events.yaml"], ["schema"], ["--help"]])
def test_checking_commands_load_no_drawing_or_table_stack(command: list[str]) -> None:
    if command[-1] == "data/events.yaml":
        command = [command[0], str(PACKAGE.parents[1] / "data" / "events.yaml")]
    loaded = _modules_after(*command)
    assert "timeline.cli" in loaded
    assert not {name for name in loaded if name.split(".")[0] in HEAVY}


def test_events_and_import_load_no_drawing_stack(tmp_path: Path) -> None:
    data = str(PACKAGE.parents[1] / "data" / "events.yaml")
    sample = PACKAGE.parents[1] / "tests" / "data" / "import" / "items.json"
    for command in (
        ["events", data, "--country", "TR"],
        ["import", str(sample), "-o", str(tmp_path / "x.yaml")],
    ):
        loaded = _modules_after(*command)
        assert not {
            name for name in loaded if name.split(".")[0] in ("plotly", "streamlit", "kaleido")
        }
