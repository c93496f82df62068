"""Read an events file: safe YAML, values kept as written, every mistake found and located.

The file is composed into YAML nodes (with libyaml where available) and turned into plain text,
lists and mappings by our own small constructor, so YAML 1.1's implicit typing never changes what
a curator meant (`NO`, `1:20`, `017` stay text). The nodes are kept until validation is over, so
each problem can point at its line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from timeline.core.checks import find_reference_problems
from timeline.core.messages import describe_validation_error
from timeline.core.model import Timeline
from timeline.core.problems import (
    FieldPath,
    InvalidTimelineError,
    Problem,
    UnreadableFileError,
    decode_utf8,
)
from timeline.core.text import HIDDEN_CHARACTERS, line_and_column

MAX_FILE_BYTES = 64 * 1024 * 1024
# About 1.7 million ACLED rows, which the dashboard holds in about 4 GB while importing them.
MAX_TABLE_BYTES = 512 * 1024 * 1024
TABLE_SUFFIXES = (".csv",)
MAX_DEPTH = 16

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULL = re.compile(r"~|null|Null|NULL|")
_LINE_SEPARATORS = re.compile("[\u0085\u2028\u2029]")
# C0/C1 controls (tab and newline are fine) and the bidi overrides that can disguise text.
# The tags YAML resolves plain values to; anything else ("!!python/...", "!custom") is refused.
_CORE_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "null", "bool", "int", "float", "timestamp", "seq", "map", "value", "merge")
)


class _AliasFound(Exception):
    """Raised at the first alias: one is enough to refuse the file, and walking on could explode."""


def load_timeline(path: str | Path, max_bytes: int | None = None) -> Timeline:
    """Load and validate an events file; raise `InvalidTimelineError` listing every problem."""
    return parse_timeline(read_file(path, max_bytes), str(path))


def size_limit(path: str | Path) -> int:
    """The largest file we open: a CSV export (a million ACLED rows is about 300 MiB) may be
    larger than an events file, whose YAML is parsed into objects node by node."""
    return MAX_TABLE_BYTES if Path(path).suffix.lower() in TABLE_SUFFIXES else MAX_FILE_BYTES


def read_file(path: str | Path, max_bytes: int | None = None) -> bytes:
    """The file's bytes, refusing what is missing, not a file, or too large to open (by default,
    `size_limit`)."""
    file = Path(path)
    limit = size_limit(file) if max_bytes is None else max_bytes
    try:
        size = file.stat().st_size
        if not file.is_file():
            raise UnreadableFileError(f"{path}: not a file")
        if size > limit:
            kind = "a CSV file" if limit == MAX_TABLE_BYTES else "an events file"
            raise UnreadableFileError(
                f"{path}: {size / 2**20:.0f} MiB is larger than the {limit / 2**20:.0f} MiB "
                f"{kind} may be (split it, or import it with 'timeline import')"
            )
        return file.read_bytes()
    except OSError as error:
        raise UnreadableFileError(f"{path}: {error.strerror or error}") from error


def read_stable_file(path: str | Path, max_bytes: int | None = None, tries: int = 3) -> bytes:
    """Like `read_file`, but refuses a file that changes while it is read (half-written)."""
    file = Path(path)
    for _ in range(tries):
        before = _signature(file)
        content = read_file(file, max_bytes)
        if _signature(file) == before and len(content) == before[0]:
            return content
    raise UnreadableFileError(f"{path}: the file is changing while it is read; try again shortly")


def _signature(file: Path) -> tuple[int, int]:
    try:
        status = file.stat()
    except OSError as error:
        raise UnreadableFileError(f"{file}: {error.strerror or error}") from error
    return status.st_size, status.st_mtime_ns


def parse_timeline(content: bytes, name: str) -> Timeline:
    """Validate the bytes of an events file named `name` (used in messages)."""
    text = decode_utf8(content, name)
    root = compose_document(text, name)
    builder = _PlainBuilder(name)
    try:
        data = builder.build(root)
    except _AliasFound:
        data = None
    if builder.problems:
        raise InvalidTimelineError(builder.problems)
    if not isinstance(data, dict):
        raise InvalidTimelineError(
            [_at(root, name, "the file should be a mapping with 'title' and 'events'", None)]
        )
    return _validate(data, root, name)


def _validate(data: dict[str, Any], root: Node, name: str) -> Timeline:
    found: list[tuple[FieldPath, str, str | None, bool]] = []
    timeline: Timeline | None = None
    try:
        timeline = Timeline.model_validate(data)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            path, message, hint, at_key = describe_validation_error(detail)
            found.append((path, message, hint, at_key))
    for path, message, hint in find_reference_problems(data):
        found.append((path, message, hint, False))
    if found or timeline is None:
        problems = [_locate(root, name, *item) for item in found]
        raise InvalidTimelineError(_unique(problems))
    return timeline


def _unique(problems: Sequence[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def compose_document(text: str, name: str) -> Node:
    """The single YAML document in `text`, as nodes; problems for syntax errors and empty files."""
    separators = list(_line_separators(text, name))
    if separators:
        raise InvalidTimelineError(separators)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise InvalidTimelineError(_syntax_problems(error, text, name)) from None
    except yaml.reader.ReaderError as error:
        raise InvalidTimelineError([_reader_problem(error, text, name)]) from None
    except yaml.YAMLError as error:
        raise InvalidTimelineError([Problem(name, 1, 1, f"YAML error: {error}")]) from None
    if root is None:
        raise InvalidTimelineError(
            [
                Problem(
                    name, 1, 1, "the file is empty", "start from the example in docs/data-format.md"
                )
            ]
        )
    return root


def _line_separators(text: str, name: str) -> Iterator[Problem]:
    """U+0085, U+2028 and U+2029 end a line for YAML but not for editors: every line number
    after one would be wrong, so they are refused first (located by newlines only)."""
    for match in _LINE_SEPARATORS.finditer(text):
        line, column = line_and_column(text, match.start())
        yield Problem(
            name,
            line,
            column,
            f"line separator U+{ord(match.group()):04X} in the file",
            "replace it with a plain line break or a space",
        )


def _points_at_tab(error: yaml.MarkedYAMLError, text: str) -> bool:
    """The parser stopped on a tab (tabs are fine elsewhere, e.g. inside a block of text)."""
    mark = error.problem_mark
    if mark is None:
        return False
    lines = text.split("\n")
    return mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t"


def _syntax_problems(error: yaml.MarkedYAMLError, text: str, name: str) -> list[Problem]:
    if _points_at_tab(error, text):
        return list(_tab_indented_lines(text, name))
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    context = str(error.context)
    if "expected a single document" in context:
        hint = "keep one document per file: remove the '---' line"
        return [Problem(name, line, column, "a second YAML document starts here", hint)]
    if "quoted scalar" in context and error.context_mark is not None:
        start = error.context_mark
        hint = "add the closing quote"
        return [
            Problem(name, start.line + 1, start.column + 1, "quoted text is never closed", hint)
        ]
    problem = error.problem or "syntax error"
    return [Problem(name, line, column, f"YAML syntax: {problem}", _syntax_hint(problem))]


def _syntax_hint(problem: str) -> str | None:
    if "mapping values are not allowed" in problem:
        return "put text containing ': ' in quotes"
    if "could not find expected ':'" in problem:
        return "each line of a mapping is 'key: value'"
    if "found undefined alias" in problem:
        return "aliases (*name) are not supported: write the value out"
    return None


def _tab_indented_lines(text: str, name: str) -> Iterator[Problem]:
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            yield Problem(
                name,
                number,
                indent.index("\t") + 1,
                "tab in indentation",
                "indent with spaces, not tabs",
            )


def _reader_problem(error: yaml.reader.ReaderError, text: str, name: str) -> Problem:
    # ReaderError has no mark, only a character position.
    position = int(error.position)
    line, column = line_and_column(text, position)
    character = error.character if isinstance(error.character, str) else chr(int(error.character))
    return Problem(
        name, line, column, f"control character U+{ord(character):04X} in the file", "remove it"
    )


class _PlainBuilder:
    """Turns nodes into str / None / list / dict, refusing aliases, tags and hidden characters."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self._seen: set[int] = set()

    def build(self, node: Node, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            self._problem(
                node,
                f"nested more than {MAX_DEPTH} levels deep",
                "an events file is a few levels deep at most",
            )
            return None
        if node.tag not in _CORE_TAGS:
            written = node.tag.replace("tag:yaml.org,2002:", "!!")
            self._problem(node, f"YAML tag '{written}' is not supported", "remove the tag")
            return None
        if id(node) in self._seen:
            self._problem(
                node,
                "anchors and aliases (&name, *name) are not supported",
                "write the value out in full where it is needed",
            )
            raise _AliasFound
        self._seen.add(id(node))
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode):
            return [self.build(item, depth + 1) for item in node.value]
        if isinstance(node, MappingNode):
            return self._mapping(node, depth)
        return None

    def _scalar(self, node: ScalarNode) -> str | None:
        value: str = node.value
        if not node.style and _NULL.fullmatch(value):
            return None
        hidden = HIDDEN_CHARACTERS.search(value)
        if hidden:
            self._problem(
                node,
                f"hidden control character U+{ord(hidden.group()):04X} in text",
                "remove it; it can disguise what the text says",
            )
        return value

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._problem(key_node, "a key must be plain text", None)
                continue
            key = key_node.value
            if HIDDEN_CHARACTERS.search(key):
                self._problem(key_node, "hidden control character in a key", "remove it")
                continue
            if key in first_seen:
                first_line = first_seen[key].start_mark.line + 1
                hint = f"line {first_line} sets it already; keep one"
                self._problem(key_node, f"duplicate key '{key}'", hint)
                continue
            first_seen[key] = key_node
            result[key] = self.build(value_node, depth + 1)
        return result

    def _problem(self, node: Node, message: str, hint: str | None) -> None:
        self.problems.append(_at(node, self.name, message, hint))


def _at(node: Node, name: str, message: str, hint: str | None) -> Problem:
    mark = node.start_mark
    return Problem(name, mark.line + 1, mark.column + 1, message, hint)


def _locate(
    root: Node, name: str, path: FieldPath, message: str, hint: str | None, at_key: bool
) -> Problem:
    return _at(node_at(root, path, at_key), name, message, hint)


def node_at(root: Node, path: FieldPath, at_key: bool = False) -> Node:
    """The node a path leads to, or the deepest node on the way (for a missing key)."""
    node = root
    for position, step in enumerate(path):
        last = position == len(path) - 1
        child = _child(node, step, want_key=at_key and last)
        if child is None:
            return node
        node = child
    return node


def _child(node: Node, step: str | int, want_key: bool) -> Node | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == step:
                found: Node = key_node if want_key else value_node
                return found
    if isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        child: Node = node.value[step]
        return child
    return None
