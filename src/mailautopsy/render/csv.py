"""Rows of a spreadsheet-safe CSV (`scan --csv`): the csv module's quoting, and no cell a
spreadsheet would read as a formula.

A cell of the mail's text that starts with `=`, `+`, `-` or `@` (or a tab or carriage return,
which some spreadsheets skip before looking) is prefixed with `'`, the usual defence against CSV
formula injection: a subject such as `=HYPERLINK("http://evil.example")` stays text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Protocol

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The value as text a spreadsheet shows as text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class Writable(Protocol):
    def write(self, text: str, /) -> object: ...


class CsvWriter:
    """Writes the header row once, then one row per call; every cell goes through `safe_cell`."""

    def __init__(self, stream: Writable, columns: Iterable[str]) -> None:
        self._writer = csv.writer(stream, lineterminator="\r\n")
        self._writer.writerow([safe_cell(c) for c in columns])

    def row(self, values: Iterable[object]) -> None:
        self._writer.writerow([safe_cell(v) for v in values])
