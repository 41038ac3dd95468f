"""`scan`'s progress on a terminal: messages done, their rate, and — when the size of the input is
known beforehand (files, Maildir folders, mbox files) — a bar and the time left.

The bar follows bytes, not messages: an mbox's message count is unknown until it has been read
through, its size is not. Bytes are counted as messages are handed to the workers, which run at
most a small window ahead of the results, so the bar is as close as the window. Standard input and
IMAP folders have no known size: a spinner with the count and the rate.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .parse.sources import Item


def input_bytes(paths: Iterable[str], limit_files: int = 2_000_000) -> int | None:
    """The total size of the local inputs, or None when one is not a local file or folder (stdin,
    IMAP) or a folder holds more than `limit_files` files (counting would take too long)."""
    total = 0
    seen = 0
    for name in paths:
        path = Path(name)
        if name == "-" or "://" in name or not path.exists():
            return None
        if path.is_file():
            total += path.stat().st_size
            continue
        for root, _dirs, files in os.walk(path):
            for file in files:
                seen += 1
                if seen > limit_files:
                    return None
                try:
                    total += os.stat(os.path.join(root, file)).st_size
                except OSError:
                    continue
    return total


class ScanProgress:
    """Counts bytes handed out (`feed`) and messages done (`tick`), and draws them on stderr."""

    def __init__(self, total: int | None, label: str) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeRemainingColumn

        columns: list[Any] = [SpinnerColumn(), TextColumn("{task.fields[messages]:,} " + label)]
        columns.append(TextColumn("{task.fields[rate]:.0f}/s"))
        if total:
            columns += [BarColumn(), TextColumn("{task.percentage:>3.0f}%"), TimeRemainingColumn()]
        self.progress = Progress(*columns, transient=True, console=Console(file=sys.stderr))
        self.task = self.progress.add_task("scan", total=total or None, messages=0, rate=0.0)
        self.messages = 0
        self.started = time.monotonic()

    def feed(self, items: Iterable[Item]) -> Iterator[Item]:
        for item in items:
            self.progress.update(self.task, advance=item.size)
            yield item

    def tick(self) -> None:
        self.messages += 1
        elapsed = max(time.monotonic() - self.started, 1e-6)
        self.progress.update(self.task, messages=self.messages, rate=self.messages / elapsed)

    def __enter__(self) -> ScanProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()
