"""Strict loading of data files with every error reported at once, each with file:line.

A data file (brands.toml, rules.toml, a user config, a one-entry-per-line list) is read into typed
models (`msgspec.Struct` with `forbid_unknown_fields`): a misspelt key, a value outside an enum, a
string where a list is expected or a duplicate is an error, never silently loaded. Like pySigma's
collection loader, the loader does not stop at the first error: it collects every problem of the
file and raises one `KnowledgeError` listing them all, each as `file:line: what`.

Why msgspec and not pydantic: both reject unknown keys and give typed models, but the command line
does not otherwise import pydantic, and importing it costs about 70 ms of CPU against msgspec's 15
(docs/knowledge.md), while msgspec's `convert` validates all of brands.toml in a few milliseconds.
msgspec stops at an entry's first error, so the loader converts each table on its own and, when one
fails, each of its keys on its own: every error of every entry is still reported.

Why a line scanner: `tomllib` gives no positions, and no kept TOML library does either (tomlkit
keeps formatting but exposes no line numbers, and parses brands.toml about 7 times slower). The
data is parsed by `tomllib`; a small linear scanner only finds the lines of table headers and keys,
and only when there is an error to report. When the file is not valid TOML at all, it is parsed
table by table (split at the headers the scanner finds), so one syntax error does not hide the
others.
"""

from __future__ import annotations

import enum
import re
import tomllib
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

import msgspec

from ..errors import KnowledgeError

T = TypeVar("T")
S = TypeVar("S", bound=msgspec.Struct)

Path_ = tuple[str | int, ...]
"""Where a value is in a file's data: table and key names, and the index of an array-of-tables entry."""


class DataError(KnowledgeError):
    """Every problem found in one data file; `problems` holds them as `file:line: what` strings."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        count = f"{len(problems)} error" + ("s" if len(problems) != 1 else "")
        super().__init__(f"{count} in knowledge data:\n  " + "\n  ".join(problems))


_HEADER = re.compile(
    r"[ \t]*(\[\[?)[ \t]*([A-Za-z0-9_\-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_\-]+)*)[ \t]*(\]\]?)[ \t]*(?:#.*)?"
)
_KEY = re.compile(r"[ \t]*([A-Za-z0-9_\-]+|\"[^\"\\\n]*\"|'[^'\n]*')[ \t]*[=.]")
_SYNTAX_LINE = re.compile(r"\(at line (\d+), column \d+\)|\(at end of document\)")


@dataclass
class Chunk:
    """One table of a TOML file: its header, the lines of its keys and, if it parses, its data."""

    path: tuple[str, ...]
    array: bool
    line: int
    """The header's line (1 for the part before the first header)."""
    keys: dict[str, int] = field(default_factory=dict)
    data: dict[str, Any] | None = None
    end: int = 0
    """The line after the table's last."""
    error: str = ""
    """tomllib's message when the table alone is not valid TOML, with the line in the file."""


def _lines_outside_strings(lines: list[str]) -> Iterator[tuple[int, str]]:
    """(index, line) of the lines that do not start inside a multi-line string."""
    delim = ""
    for i, line in enumerate(lines):
        inside = bool(delim)
        pos = 0
        while True:
            if delim:
                end = line.find(delim, pos)
                if end < 0:
                    break
                delim, pos = "", end + 3
                continue
            starts = [(p, d) for d in ('"""', "'''") if (p := line.find(d, pos)) >= 0]
            if not starts:
                break
            pos, delim = min(starts)
            pos += 3
        if not inside:
            yield i, line


def chunks(text: str) -> list[Chunk]:
    """Split a TOML document at its table headers, noting the line of each key (linear)."""
    lines = text.splitlines()
    out = [Chunk((), False, 1)]
    starts = [0]
    for i, line in _lines_outside_strings(lines):
        header = _HEADER.fullmatch(line)
        if header:
            path = tuple(p.strip() for p in header.group(2).split("."))
            out.append(Chunk(path, header.group(1) == "[[", i + 1))
            starts.append(i)
            continue
        key = _KEY.match(line)
        if key:
            out[-1].keys.setdefault(key.group(1).strip("\"'"), i + 1)
    starts.append(len(lines))
    for n, chunk in enumerate(out):
        chunk.end = starts[n + 1] + 1
        body = "\n".join(lines[starts[n] : starts[n + 1]])
        try:
            chunk.data = tomllib.loads(body)
        except tomllib.TOMLDecodeError as exc:
            found = _SYNTAX_LINE.search(str(exc))
            at = starts[n] + int(found.group(1)) if found and found.group(1) else chunk.line
            chunk.error = f"{at}:" + _SYNTAX_LINE.sub("", str(exc)).strip()
    return out


class Report:
    """The problems of one file, located lazily: the line scan runs only when there is an error."""

    def __init__(self, name: str, text: str, chunk_list: list[Chunk] | None = None) -> None:
        self.name = name
        self.text = text
        self._chunks = chunk_list
        self.problems: list[tuple[int, str]] = []

    @property
    def chunk_list(self) -> list[Chunk]:
        if self._chunks is None:
            self._chunks = chunks(self.text)
        return self._chunks

    def line_of(self, path: Path_, needle: str = "", after: int = 0) -> int:
        """The line of the deepest table or key of `path` that the file names; with `needle`, the
        first line from there on in the same table that holds it (an item of a long list)."""
        best = 1
        seen: dict[tuple[str, ...], int] = {}
        for chunk in self.chunk_list:
            if chunk.data is None:
                continue
            index = seen.get(chunk.path, -1) + 1 if chunk.array else 0
            seen[chunk.path] = index
            table: Path_ = chunk.path + ((index,) if chunk.array else ())
            if path[: len(table)] != table:
                continue
            best = chunk.line
            rest = path[len(table) :]
            if rest and isinstance(rest[0], str) and rest[0] in chunk.keys:
                line = chunk.keys[rest[0]]
                if needle:
                    lines = self.text.splitlines()
                    found = (n for n in range(max(line, after + 1), chunk.end) if needle in lines[n - 1])
                    return next(found, line)
                return line
            if not rest:
                return best
        return best

    def add(self, path: Path_, message: str, line: int | None = None, needle: str = "", after: int = 0) -> None:
        self.problems.append((self.line_of(path, needle, after) if line is None else line, message))

    def formatted(self) -> list[str]:
        return [f"{self.name}:{line}: {message}" for line, message in sorted(self.problems, key=lambda p: p[0])]

    def raise_if_any(self) -> None:
        if self.problems:
            raise DataError(self.formatted())


def describe(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _strip_optional(tp: Any) -> Any:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


_AT = re.compile(r" - at `\$(.*)`$")
_AT_PART = re.compile(r"\[(\d+)\]|\.([^.\[]+)")
_REGEX = re.compile(r"Expected `str` matching regex '(.*)'$")

PATTERNS: dict[str, str] = {}
"""A constrained string's regex → what it means, for error messages (the models fill it)."""


def _at(value: Any, at: str) -> Any:
    """The part of `value` that msgspec's path (`[2]`, `.key`) names."""
    for index, key in _AT_PART.findall(at):
        try:
            value = value[int(index)] if index else value[key]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _convert_message(exc: msgspec.ValidationError, where: str, tp: Any, value: Any) -> str:
    """'where: what' from msgspec's message, naming the enum's values when one is wrong."""
    text = str(exc)
    at = _AT.search(text)
    if at:
        where, text, value = where + at.group(1), text[: at.start()], _at(value, at.group(1))
    regex = _REGEX.match(text)
    if regex:
        # msgspec shows the regex escaped: compare without backslashes.
        meaning = {k.replace("\\", ""): v for k, v in PATTERNS.items()}.get(regex.group(1).replace("\\", ""))
        text = f"{value!r} is not {meaning or 'of the form ' + regex.group(1)}"
    inner = _strip_optional(tp)
    if typing.get_origin(inner) is list:
        inner = typing.get_args(inner)[0]
    if isinstance(inner, type) and issubclass(inner, enum.Enum) and text.startswith("Invalid enum value"):
        names = [str(m.value) for m in inner]
        text += f" ({inner.__doc__})" if len(names) > 30 else " (one of: " + ", ".join(names) + ")"
    return f"{where}: {text}" if where else text


def convert(value: Any, tp: type[T] | Any, report: Report, path: Path_) -> T | None:
    """`value` as type `tp`, or None after reporting every error found in it."""
    try:
        return typing.cast(T, msgspec.convert(value, tp, strict=True))
    except msgspec.ValidationError as exc:
        first = exc
    before = len(report.problems)
    inner = _strip_optional(tp)
    if isinstance(inner, type) and issubclass(inner, msgspec.Struct) and isinstance(value, dict):
        _diagnose_struct(value, inner, report, path)
    elif typing.get_origin(inner) is dict and isinstance(value, dict):
        key_type, value_type = typing.get_args(inner)
        for key, item in value.items():
            convert(key, key_type, report, (*path, key))
            convert(item, value_type, report, (*path, key))
    if len(report.problems) == before:
        report.add(path, _convert_message(first, describe(path), tp, value))
    return None


def _diagnose_struct(value: dict[str, Any], model: type[msgspec.Struct], report: Report, path: Path_) -> None:
    fields = {f.encode_name: f for f in msgspec.structs.fields(model)}
    for key in value:
        if key not in fields:
            import difflib  # only when there is an error to explain

            close = difflib.get_close_matches(key, list(fields), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(fields)})"
            report.add((*path, key), f"{describe(path)}: unknown key {key!r}{hint}")
    for name, info in fields.items():
        if name not in value:
            if info.required:
                report.add(path, f"{describe(path)}: required key {name!r} is missing")
            continue
        convert(value[name], info.type, report, (*path, name))


def parse_toml(name: str, text: str) -> tuple[dict[str, Any], Report]:
    """The data of a TOML document and the report to add its problems to. When the document is
    not valid TOML, each table is parsed on its own: every syntax error is reported (with its
    line), and the tables that parse are returned for validation."""
    try:
        return tomllib.loads(text), Report(name, text)
    except tomllib.TOMLDecodeError:
        pass
    report = Report(name, text)
    data: dict[str, Any] = {}
    defined: dict[tuple[str, ...], int] = {}
    for chunk in report.chunk_list:
        if chunk.data is None:
            _syntax_error(report, chunk)
            continue
        if not chunk.array and chunk.path in defined:
            report.add(
                (), f"table [{'.'.join(chunk.path)}] is defined twice (first on line {defined[chunk.path]})", chunk.line
            )
            chunk.data = None
            continue
        defined.setdefault(chunk.path, chunk.line)
        _merge(data, chunk.data)
    return data, report


def _syntax_error(report: Report, chunk: Chunk) -> None:
    line, _, message = chunk.error.partition(":")
    report.add((), f"invalid TOML: {message}", int(line))


def _merge(into: dict[str, Any], data: dict[str, Any]) -> None:
    for key, value in data.items():
        old = into.get(key)
        if old is None:
            into[key] = value
        elif isinstance(old, dict) and isinstance(value, dict):
            _merge(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            old.extend(value)


def check_lines(
    name: str, text: str, entry: Callable[[str], str | None], *, unique: Callable[[str], str] | None = None
) -> tuple[list[str], Report]:
    """The entries of a one-per-line list ("#" starts a comment). `entry(line)` returns what is
    wrong with a line (stripped, comment removed), or None; `unique` maps an entry to the form two
    entries must not share."""
    report = Report(name, text, [])
    out: list[str] = []
    first: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        wrong = entry(line)
        if wrong:
            report.add((), f"{line!r}: {wrong}", number)
            continue
        if unique is not None:
            key = unique(line)
            if key in first:
                report.add((), f"{line!r} is listed twice (first on line {first[key]})", number)
                continue
            first[key] = number
        out.append(line)
    return out, report
