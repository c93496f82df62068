"""The loader: the bad-file corpus, values read as written, hostile input, and the dataset."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import DATA, TEST_DATA, WriteEvents
from timeline.core.load import load_timeline, parse_timeline
from timeline.core.problems import InvalidTimelineError, UnreadableFileError

BAD = TEST_DATA / "bad"
BAD_FILES = sorted(BAD.glob("*.yaml"))


def problems_of(path: Path | str) -> list[str]:
    with pytest.raises(InvalidTimelineError) as caught:
        load_timeline(path)
    return [str(problem) for problem in caught.value.problems]


def test_the_corpus_is_large_enough() -> None:
    assert len(BAD_FILES) >= 30


@pytest.mark.parametrize("bad_file", BAD_FILES, ids=lambda path: path.stem)
def test_bad_file_gives_its_located_message(
    bad_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(BAD)
    expected = bad_file.with_suffix(".expected").read_text("utf-8").splitlines()
    assert problems_of(bad_file.name) == expected


def test_every_problem_is_reported_not_just_the_first(write_events: WriteEvents) -> None:
    path = write_events(
        """\
        - id: a
          date: 2025-02-30
          title: First
          type: cal
          sources: [{url: "https://example.org"}]
        - id: b
          date: 2025-05-19
          title: Second
          type: call
          actors: [peskof]
          sources: [{url: "https://example.org"}]
        """
    )
    messages = problems_of(path)
    assert [message.split(": ", 1)[1] for message in messages] == [
        "date: '2025-02-30' is not a real day (February 2025 has 28 days)",
        "unknown type 'cal' (did you mean 'call'?)",
        "unknown actor 'peskof' (did you mean 'peskov'?)",
    ]
    assert [message.split(":")[1] for message in messages] == ["12", "14", "20"]


@pytest.mark.parametrize(
    "written", ["NO", "on", "yes", "1:20", "017", "1.10", "2025-05-19", "null"]
)
def test_values_are_read_as_written(write_events: WriteEvents, written: str) -> None:
    quoted = '"null"' if written == "null" else written
    path = write_events(
        f"""\
        - id: a
          date: 2025-05-19
          title: {quoted}
          location: {quoted}
          type: call
          tags: [{quoted}]
          sources: [{{url: "https://example.org"}}]
        """
    )
    event = load_timeline(path).events[0]
    assert (event.title, event.location, event.tags) == (written, written, [written])


def test_defaults_and_aliases(write_events: WriteEvents) -> None:
    path = write_events(
        """\
        - id: a
          date: 2025-05
          title: Talks
          type: meeting
          actors: [sybiha]
          countries: [TR]
          sources: [{url: "https://example.org"}]
        """
    )
    timeline = load_timeline(path)
    event = timeline.events[0]
    assert event.status == "happened"
    assert event.approximate is False
    assert timeline.countries_of(event) == ["TR", "UA"]
    assert timeline.actors["sybiha"].aliases == ["Andrei Sibiga"]


def test_a_source_without_address_is_cited_by_title(write_events: WriteEvents) -> None:
    path = write_events(
        """\
        - id: a
          date: 2025-05-19
          title: Talks
          type: meeting
          sources: [{title: "Kommersant, print edition, 20 May 2025"}]
        """
    )
    source = load_timeline(path).events[0].sources[0]
    assert (source.url, source.citation) == (None, "Kommersant, print edition, 20 May 2025")


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match="No such file"):
        load_timeline(tmp_path / "missing.yaml")


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as file:
        file.truncate(65 * 2**20)
    with pytest.raises(UnreadableFileError, match="65 MiB is larger than the 64 MiB"):
        load_timeline(path)


def test_deep_nesting_is_refused_with_a_location() -> None:
    content = ("title: Deep\nevents: " + "[" * 5000 + "]" * 5000 + "\n").encode()
    with pytest.raises(InvalidTimelineError) as caught:
        parse_timeline(content, "deep.yaml")
    problem = caught.value.problems[0]
    assert (problem.file, problem.line) == ("deep.yaml", 2)


def test_alias_bomb_is_refused_without_expanding() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 30)]
    started = time.perf_counter()
    with pytest.raises(InvalidTimelineError, match="aliases"):
        parse_timeline("\n".join(lines).encode(), "bomb.yaml")
    # 9**30 strings if expanded; refusing it must not even start to walk them.
    assert time.perf_counter() - started < 5


def test_shipped_dataset_loads() -> None:
    timeline = load_timeline(DATA)
    assert len(timeline.events) >= 35
    assert all(event.sources for event in timeline.events)


@pytest.mark.parametrize(
    ("date", "end", "timezone"),
    [
        ("2025-05-19", "2025", "UTC"),  # the end is the whole year: not before
        ("2025-05-19", "May 2025", "UTC"),
        ("2025-05-19T10:00", "2025-05-19T05:00Z", "Asia/Tokyo"),  # 14:00 in Tokyo
    ],
)
def test_end_is_compared_as_the_period_it_names(
    tmp_path: Path, date: str, end: str, timezone: str
) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(
        f"title: T\ntimezone: {timezone}\nevents:\n  - {{id: a, date: '{date}', end: '{end}', "
        "title: A, type: call, sources: [{url: 'https://e.org'}]}\n",
        "utf-8",
    )
    assert load_timeline(path).events[0].end is not None


def test_the_documented_example_loads(tmp_path: Path) -> None:
    import re

    from tests.conftest import ROOT

    text = (ROOT / "docs" / "data-format.md").read_text("utf-8")
    example = re.search(r"```yaml\n(.*?)```", text, re.DOTALL)
    assert example is not None
    timeline = parse_timeline(example.group(1).encode(), "data-format.md")
    round_2 = timeline.events[1]
    assert [change.status for change in round_2.history][-1] == round_2.status
    assert timeline.events[0].quotes[1].reported
