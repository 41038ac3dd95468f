"""Where scan results go besides standard output: the store (`scan --store URL`).

Any executor feeds the same sink: the local process pool (scan.scan_results) or another one
hands each message's (JSON line, Summary) from `scan.result_of` to `ResultSink.add`, in any
order, and calls `close()` at the end. Results are written in batches, one transaction each
(every `batch` results or `seconds`, whichever comes first), so a scan killed at any point loses
at most its last uncommitted batch, and a rerun analyses only that: `StoredFilter` drops the
messages whose (source, SHA-256) is already stored before they reach a worker.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Protocol

from .parse.sources import Item
from .scan import Summary
from .settings import DEFAULT_SETTINGS, Limits
from .store.results import ResultRow, ResultStore


class ResultSink(Protocol):
    def add(self, line: str, summary: Summary) -> None: ...

    def close(self) -> None: ...


def row_of(line: str, summary: Summary) -> ResultRow:
    """What the store keeps of one result."""
    return ResultRow(
        sha256=summary.sha256,
        source=summary.source,
        status=summary.status,
        verdict=summary.verdict,
        score=summary.score,
        result_json=line,
        brand=summary.brand,
        from_address=summary.sender,
        subject=summary.subject,
        message_date=summary.date,
        incomplete=summary.incomplete,
    )


class StoreSink:
    """Results into a `ResultStore` in batched transactions. `committed(sources)` is told the
    sources of each batch once it is written (an IMAP folder then marks or moves them and
    moves its state on). A result without its SHA-256 is refused: the store keys by it."""

    def __init__(
        self,
        store: ResultStore,
        committed: Callable[[list[str]], None] | None = None,
        batch: int = 200,
        seconds: float = 2.0,
    ) -> None:
        self.store = store
        self.committed = committed or (lambda sources: None)
        self.batch, self.seconds = batch, seconds
        self.added = 0
        """Results newly stored (one already there is not counted)."""
        self._rows: list[ResultRow] = []
        self._since = time.monotonic()

    def add(self, line: str, summary: Summary) -> None:
        if not summary.sha256:
            raise ValueError(f"{summary.source}: a result without the SHA-256 of its message")
        self._rows.append(row_of(line, summary))
        if len(self._rows) >= self.batch or time.monotonic() - self._since >= self.seconds:
            self.flush()

    def flush(self) -> None:
        rows, self._rows = self._rows, []
        self._since = time.monotonic()
        if rows:
            self.added += self.store.put(rows)
            self.committed([r.source for r in rows])

    def close(self) -> None:
        self.flush()


def _sha256(item: Item, limits: Limits) -> str:
    return hashlib.sha256(item.loaded(limits).data).hexdigest()


class StoredFilter:
    """The messages of `items` not stored yet, in order. A message counts as stored when its
    source has a result for the same bytes (SHA-256; read again only for a source already in
    the store), so a file changed since is analysed anew. `counts` tallies what was skipped
    (verdict, or status when not analysed); `skipped(source)` is told each one."""

    def __init__(
        self,
        store: ResultStore,
        limits: Limits = DEFAULT_SETTINGS.limits,
        skipped: Callable[[str], None] | None = None,
        batch: int = 256,
    ) -> None:
        self.store, self.limits, self.batch = store, limits, batch
        self.on_skip = skipped or (lambda source: None)
        self.counts: Counter[str] = Counter()

    def __call__(self, items: Iterable[Item]) -> Iterator[Item]:
        iterator = iter(items)
        while chunk := list(islice(iterator, self.batch)):
            stored = self.store.stored([item.source for item in chunk])
            for item in chunk:
                known = stored.get(item.source)
                outcome = known.get(_sha256(item, self.limits)) if known else None
                if outcome is None:
                    yield item
                    continue
                self.counts[outcome] += 1
                self.on_skip(item.source)

    @property
    def total(self) -> int:
        return sum(self.counts.values())
