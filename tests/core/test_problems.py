"""Located problems and the errors that carry them: the message a user reads, the exit code."""

from __future__ import annotations

import pytest

from timeline.core.problems import (
    ExportError,
    ImportNote,
    InvalidTimelineError,
    Problem,
    TimelineError,
    UnreadableFileError,
    decode_utf8,
    did_you_mean,
    problem_at,
)


def test_a_problem_reads_file_line_column_message_and_hint() -> None:
    assert str(Problem("e.yaml", 13, 14, "unknown actor 'peskof'", "did you mean 'peskov'?")) == (
        "e.yaml:13:14: unknown actor 'peskof' (did you mean 'peskov'?)"
    )
    assert str(Problem("e.yaml", 2, 1, "missing title")) == "e.yaml:2:1: missing title"


def test_an_import_note_names_the_file_and_the_item() -> None:
    note = ImportNote("story.json", "item 3", "no start date; skipped")
    assert str(note) == "story.json: item 3: no start date; skipped"


def test_invalid_timeline_lists_problems_in_file_order_and_exits_1() -> None:
    error = InvalidTimelineError(
        [
            Problem("b.yaml", 1, 1, "third"),
            Problem("a.yaml", 9, 2, "second"),
            Problem("a.yaml", 3, 7, "first"),
        ]
    )
    assert error.exit_code == 1
    assert isinstance(error, TimelineError)
    assert error.format_message() == ("a.yaml:3:7: first\na.yaml:9:2: second\nb.yaml:1:1: third")
    assert str(error) == error.format_message()


def test_a_long_list_of_problems_is_cut_at_fifty_with_a_count() -> None:
    error = InvalidTimelineError([Problem("e.yaml", line, 1, "bad") for line in range(1, 121)])
    lines = error.format_message().splitlines()
    assert len(lines) == 51
    assert lines[49] == "e.yaml:50:1: bad"
    assert lines[50] == "... and 70 more problems"
    assert len(error.report().splitlines()) == 120  # the full report keeps every one
    assert error.report(limit=3).splitlines()[-1] == "... and 117 more problems"


def test_unreadable_file_exits_2_and_export_error_exits_1() -> None:
    unreadable = UnreadableFileError("e.yaml: No such file or directory")
    assert (unreadable.exit_code, unreadable.format_message()) == (
        2,
        "e.yaml: No such file or directory",
    )
    failed = ExportError("The browser did not finish the PNG within 30 s")
    assert (failed.exit_code, failed.format_message()) == (
        1,
        "The browser did not finish the PNG within 30 s",
    )
    assert isinstance(unreadable, TimelineError) and isinstance(failed, TimelineError)


def test_a_whole_file_problem_is_reported_at_its_first_line() -> None:
    error = problem_at("story.json", "the file is empty", "add some events")
    assert error.format_message() == "story.json:1:1: the file is empty (add some events)"


def test_utf8_text_is_decoded_and_a_byte_order_mark_dropped() -> None:
    assert decode_utf8("title: Türkiye\n".encode(), "e.yaml") == "title: Türkiye\n"
    assert decode_utf8(b"\xef\xbb\xbftitle: T\n", "e.yaml") == "title: T\n"


@pytest.mark.parametrize("text", ["title: T\n", "title: Türkiye\n"])
@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_named_with_what_to_do(text: str, codec: str) -> None:
    content = text.encode(codec)
    if codec != "utf-16":  # only a byte-order mark tells UTF-16 apart
        content = "\ufeff".encode(codec) + content
    with pytest.raises(InvalidTimelineError) as raised:
        decode_utf8(content, "e.yaml")
    assert raised.value.format_message() == "e.yaml:1:1: the file is in UTF-16 (save it as UTF-8)"


def test_a_bad_byte_is_located_by_line_and_column() -> None:
    content = "title: T\nevents:\n  - title: Caf\xe9\n".encode("latin-1")
    with pytest.raises(InvalidTimelineError) as raised:
        decode_utf8(content, "e.yaml")
    assert raised.value.format_message() == (
        "e.yaml:3:15: byte 0xe9 is not UTF-8 text (save the file as UTF-8)"
    )
    assert raised.value.__cause__ is None and raised.value.__suppress_context__


def test_did_you_mean_offers_the_closest_name_or_nothing() -> None:
    actors = ["peskov", "putin", "lavrov", "sybiha"]
    assert did_you_mean("peskof", actors) == "did you mean 'peskov'?"
    assert did_you_mean("sibiha", iter(actors)) == "did you mean 'sybiha'?"
    assert did_you_mean("erdogan", actors) is None
    assert did_you_mean("peskov", []) is None
