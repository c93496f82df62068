"""Located problems, import notes, and the errors that carry them to the user.

Every error this package raises on purpose is a `TimelineError`: it knows the message a user
reads (`format_message`) and the exit code of the command that met it (`exit_code`), as click's
`ClickException` does. The CLI and the page each turn one into a message in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import get_close_matches

from timeline.core.text import line_and_column

# Where a value sits in a document: keys and list positions from the root, ('events', 3, 'date').
FieldPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One mistake in a file: where it is (1-based line and column), what, and how to fix it."""

    file: str
    line: int
    column: int
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.file}:{self.line}:{self.column}: {self.message}{hint}"


@dataclass(frozen=True)
class ImportNote:
    """Something in another tool's file that could not be carried over as it was, and where."""

    file: str
    where: str  # "row 12", "item 3", "event 5 ('Title')"
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message}"


class TimelineError(Exception):
    """Base of every error this package raises on purpose."""

    exit_code = 1

    def format_message(self) -> str:
        """What the user reads."""
        return str(self)


class InvalidTimelineError(TimelineError):
    """A file that cannot be used as it is: holds every problem found, in file order."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column))
        super().__init__(self.report())

    def report(self, limit: int | None = None) -> str:
        shown = self.problems if limit is None else self.problems[:limit]
        lines = [str(problem) for problem in shown]
        if len(self.problems) > len(shown):
            lines.append(f"... and {len(self.problems) - len(shown)} more problems")
        return "\n".join(lines)

    def format_message(self) -> str:
        return self.report(limit=50)


class UnreadableFileError(TimelineError):
    """The file could not be opened, is too big, or is not of a kind we read."""

    exit_code = 2


class ExportError(TimelineError):
    """An export that could not be made (no browser, a browser that hung...)."""


def problem_at(name: str, message: str, hint: str | None = None) -> InvalidTimelineError:
    """An error for a problem with the whole file (reported at its first line)."""
    return InvalidTimelineError([Problem(name, 1, 1, message, hint)])


def decode_utf8(content: bytes, name: str) -> str:
    """UTF-8 text (a byte-order mark is dropped), or a located problem at the first bad byte."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise problem_at(name, "the file is in UTF-16", "save it as UTF-8")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = line_and_column(content, error.start)
        message = f"byte 0x{content[error.start]:02x} is not UTF-8 text"
        problem = Problem(name, line, column, message, "save the file as UTF-8")
        raise InvalidTimelineError([problem]) from None


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A 'did you mean' hint for a misspelt name, or None when nothing is close."""
    close = get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None
