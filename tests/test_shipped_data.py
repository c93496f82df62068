"""The shipped dataset, data/events.yaml, as a user meets it: it loads, every country has a
colour of its own, and an export of it loads back unchanged."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SHIPPED
from timeline.core.load import load_timeline
from timeline.data.dataset import Dataset
from timeline.data.filters import Filters
from timeline.data.views import ExportView
from timeline.export.dispatch import export
from timeline.figures.style import country_colors

TIMELINE = load_timeline(SHIPPED)


def test_every_country_has_its_own_colour() -> None:
    colours = country_colors(TIMELINE)
    assert len(set(colours.values())) == len(TIMELINE.countries)


def test_yaml_export_of_the_whole_dataset_loads_back_unchanged(tmp_path: Path) -> None:
    dataset = Dataset.from_timeline(TIMELINE)
    view = ExportView(dataset, dataset.frame, Filters(), SHIPPED.name)
    path = tmp_path / "all.yaml"
    path.write_bytes(export(view, "yaml"))
    reloaded = load_timeline(path)
    assert reloaded.events == sorted(
        TIMELINE.events, key=lambda e: list(dataset.frame["id"]).index(e.id)
    )
    assert reloaded.actors == TIMELINE.actors


def test_the_curated_accounts_and_histories_are_recorded() -> None:
    from datetime import date

    from timeline.data.filters import apply_filters

    frame = Dataset.from_timeline(TIMELINE).frame
    disputed = set(apply_filters(frame, Filters(disputed=True))["id"])
    assert {"istanbul-round-1", "istanbul-round-2", "budapest-summit"} <= disputed
    then = apply_filters(frame, Filters(known=date(2025, 5, 29))).set_index("id")["status"]
    assert then["istanbul-round-2"] == "proposed"  # proposed on 28 May, confirmed on 1 June
    assert "alaska-summit" not in then  # first known on 8 August
