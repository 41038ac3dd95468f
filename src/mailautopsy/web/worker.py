"""Analyses run in separate processes: a hostile message can use up a process, not the server.

Offline analyses are quick and the request waits for them; online ones (`--online`/`--visit`)
run in the background while the page shows their progress. A finished analysis is stored as
plain data (web/stored.py); the reports and the result page get their full `Analysis` by
analysing the stored raw mail again, in the same process pool."""

from __future__ import annotations

import multiprocessing
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from ..analyze import Analysis, analyze
from ..errors import AnalysisTimeout, time_limit
from ..parse.sources import message_bytes
from ..settings import DEFAULT_SETTINGS
from .db import Indicator, StoredAnalysis
from .feedback import process_model, use_model
from .stored import StoredResult, reanalyse, stored_result

T = TypeVar("T")
RECENT_ANALYSES = 16
RECENT_BYTES = 32 * 1024 * 1024
"""Re-analysed results kept in memory: at most this many, of mails of at most this size together."""

if TYPE_CHECKING:  # the network stack is imported by the worker processes that need it
    from ..enrich.investigate import OnlineOptions


def _analyse(raw: bytes, source: str, online: OnlineOptions | None) -> tuple[StoredResult | None, str]:
    """In a worker process: (what to store, "") or (None, reason)."""
    limit = DEFAULT_SETTINGS.limits.time_limit_seconds
    if online is not None:
        limit += int(online.budget + 4 * online.visit_timeout)
    try:
        with time_limit(limit):
            result = analyze(message_bytes(raw), source, DEFAULT_SETTINGS, None, online, model=process_model())
            return stored_result(result), ""
    except AnalysisTimeout:
        return None, f"timeout: the analysis took over {limit} s"
    except Exception as exc:
        return None, f"{type(exc).__name__}: {exc}"[:500]


def _reanalyse(raw: bytes, source: str, result_json: str, enrichment: str) -> Analysis:
    """In a worker process: the full analysis of a stored row (web/stored.py)."""
    with time_limit(DEFAULT_SETTINGS.limits.time_limit_seconds):
        return reanalyse(raw, source, result_json, enrichment)


class Worker:
    def __init__(self, sessions: sessionmaker[Session], processes: int = 2, model: Path | None = None) -> None:
        self.sessions = sessions
        self.processes = processes
        self.model = model
        """The deployment's content model: each process reads it, again whenever training changed it."""
        self._lock = threading.Lock()
        self._pool = self._new_pool()
        self._recent: OrderedDict[tuple[str, str, int, int], tuple[int, Analysis]] = OrderedDict()

    def _new_pool(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        return ProcessPoolExecutor(self.processes, mp_context=context, initializer=use_model, initargs=(self.model,))

    def _submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        with self._lock:
            try:
                return self._pool.submit(fn, *args)
            except (BrokenProcessPool, RuntimeError):  # a dead pool, or one closed at shutdown
                self._pool = self._new_pool()
                return self._pool.submit(fn, *args)

    def call(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` in a worker process, waited for (the feedback trainer's features of a mail)."""
        return self._submit(fn, *args).result()

    def run(self, analysis_id: str, raw: bytes, source: str, online: OnlineOptions | None, wait: bool) -> None:
        """Analyse and store; with wait=False the result is stored when it is ready."""
        future = self._submit(_analyse, raw, source, online)
        if wait:
            self._store(analysis_id, future)
        else:
            future.add_done_callback(lambda f: self._store(analysis_id, f))

    def analysis_of(self, row: StoredAnalysis) -> Analysis:
        """The full `Analysis` of a finished row, analysed again from its raw mail (in the pool:
        a hostile mail costs a worker process, not the server). The last few are kept, so the
        page in the other language and the downloads that follow a view do not repeat it."""
        key = (row.id, row.filename, hash(row.result_json), hash(row.enrichment))
        with self._lock:
            if key in self._recent:
                self._recent.move_to_end(key)
                return self._recent[key][1]
        future = self._submit(_reanalyse, row.raw, row.filename, row.result_json, row.enrichment)
        try:
            result = future.result()
        except BrokenProcessPool:
            with self._lock:
                self._pool = self._new_pool()
            raise
        with self._lock:
            self._recent[key] = (len(row.raw), result)
            while len(self._recent) > RECENT_ANALYSES or sum(n for n, _ in self._recent.values()) > RECENT_BYTES:
                self._recent.popitem(last=False)
        return result

    def _store(self, analysis_id: str, future: Future[tuple[StoredResult | None, str]]) -> None:
        stored: StoredResult | None
        try:
            stored, error = future.result()
        except BrokenProcessPool:
            stored, error = None, "the analysis process died (message too hostile?)"
            with self._lock:
                self._pool = self._new_pool()
        except Exception as exc:
            stored, error = None, f"{type(exc).__name__}: {exc}"[:500]
        try:
            with self.sessions.begin() as db:
                row = db.get(StoredAnalysis, analysis_id)
                if row is None:
                    return
                if error or stored is None:
                    row.status, row.error, row.progress = "failed", error or "no result", ""
                    return
                store_result(db, row, stored)
        except Exception as exc:  # a callback's exception would be lost: never leave the row running
            with self.sessions.begin() as db:
                row = db.get(StoredAnalysis, analysis_id)
                if row is not None:
                    row.status, row.progress = "failed", ""
                    row.error = f"could not store the result: {type(exc).__name__}: {exc}"[:500]

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def store_result(db: Session, row: StoredAnalysis, stored: StoredResult) -> None:
    row.status, row.progress, row.error = "done", "", ""
    row.verdict, row.score, row.brand = stored.verdict, stored.score, stored.brand
    row.subject, row.from_address = stored.subject, stored.from_address
    row.result_json, row.enrichment = stored.result_json, stored.enrichment
    db.execute(delete(Indicator).where(Indicator.analysis_id == row.id))
    db.add_all(Indicator(analysis_id=row.id, kind=k, value=v) for k, v in stored.indicators)
