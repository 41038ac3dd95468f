"""Analyses run in separate processes: a hostile message can use up a process, not the server.

Offline analyses are quick and the request waits for them; online ones (`--online`/`--visit`)
run in the background while the page shows their progress. Results are stored as the JSON of
docs/schema.json (pages, API, search) and as the pickled `Analysis` the report renderers need,
signed with the server's secret key so that only what this server wrote is ever unpickled."""

from __future__ import annotations

import hashlib
import hmac
import json
import multiprocessing
import pickle
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from ..analyze import Analysis, analyze
from ..errors import AnalysisTimeout, time_limit
from ..parse.received import first_external_hop, originating_hop
from ..parse.sources import message_bytes
from ..render.json import to_dict
from ..settings import DEFAULT_SETTINGS
from .db import Indicator, StoredAnalysis

if TYPE_CHECKING:  # the network stack is imported by the worker processes that need it
    from ..enrich.investigate import OnlineOptions


def _analyse(raw: bytes, source: str, online: OnlineOptions | None) -> tuple[bytes, str]:
    """In a worker process: (pickled Analysis, "") or (b"", reason)."""
    limit = DEFAULT_SETTINGS.limits.time_limit_seconds
    if online is not None:
        limit += int(online.budget + 4 * online.visit_timeout)
    try:
        with time_limit(limit):
            result = analyze(message_bytes(raw), source, DEFAULT_SETTINGS, None, online)
    except AnalysisTimeout:
        return b"", f"timeout: the analysis took over {limit} s"
    except Exception as exc:
        return b"", f"{type(exc).__name__}: {exc}"[:500]
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), ""


def sign(key: bytes, data: bytes) -> bytes:
    return hmac.new(key, data, hashlib.sha256).digest() + data


def unsign(key: bytes, blob: bytes) -> Analysis | None:
    mac, data = blob[:32], blob[32:]
    if len(blob) <= 32 or not hmac.compare_digest(mac, hmac.new(key, data, hashlib.sha256).digest()):
        return None
    result = pickle.loads(data)  # written and signed by this server only
    return result if isinstance(result, Analysis) else None


def indicators_of(result: Analysis) -> list[tuple[str, str]]:
    """What the history and the indicator pages search: sender, IPs, link hosts, URLs, hashes."""
    msg = result.message
    out: set[tuple[str, str]] = set()
    for a in msg.from_ + msg.reply_to + msg.return_path + msg.sender:
        if a.address:
            out.add(("email", a.address.lower()))
        if a.domain:
            out.add(("hostname", a.domain.lower()))
        if a.registrable:
            out.add(("domain", a.registrable.lower()))
    for hop in (originating_hop(msg.hops), first_external_hop(msg.hops)):
        if hop is not None and hop.from_ip:
            out.add(("ip", hop.from_ip))
    for link in msg.links[:500]:
        out.add(("url", link.url[:2000]))
        if link.is_ip and link.host:
            out.add(("ip", link.host))
        elif link.host:
            out.add(("hostname", link.host.lower()))
            if link.registrable:
                out.add(("domain", link.registrable.lower()))
    for att in msg.all_attachments():
        out.add(("sha256", att.sha256))
    return sorted(out)


class Worker:
    def __init__(self, sessions: sessionmaker[Session], key: bytes, processes: int = 2) -> None:
        self.sessions = sessions
        self.key = key
        self.processes = processes
        self._lock = threading.Lock()
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("forkserver"))

    def _submit(self, raw: bytes, source: str, online: OnlineOptions | None) -> Future[tuple[bytes, str]]:
        with self._lock:
            try:
                return self._pool.submit(_analyse, raw, source, online)
            except (BrokenProcessPool, RuntimeError):  # a dead pool, or one closed at shutdown
                self._pool = self._new_pool()
                return self._pool.submit(_analyse, raw, source, online)

    def run(self, analysis_id: str, raw: bytes, source: str, online: OnlineOptions | None, wait: bool) -> None:
        """Analyse and store; with wait=False the result is stored when it is ready."""
        future = self._submit(raw, source, online)
        if wait:
            self._store(analysis_id, future)
        else:
            future.add_done_callback(lambda f: self._store(analysis_id, f))

    def _store(self, analysis_id: str, future: Future[tuple[bytes, str]]) -> None:
        try:
            blob, error = future.result()
        except BrokenProcessPool:
            blob, error = b"", "the analysis process died (message too hostile?)"
            with self._lock:
                self._pool = self._new_pool()
        except Exception as exc:
            blob, error = b"", f"{type(exc).__name__}: {exc}"[:500]
        try:
            with self.sessions.begin() as db:
                row = db.get(StoredAnalysis, analysis_id)
                if row is None:
                    return
                if error:
                    row.status, row.error, row.progress = "failed", error, ""
                    return
                result: Analysis = pickle.loads(blob)  # from our own worker process
                store_result(db, row, result, self.key)
        except Exception as exc:  # a callback's exception would be lost: never leave the row running
            with self.sessions.begin() as db:
                row = db.get(StoredAnalysis, analysis_id)
                if row is not None:
                    row.status, row.progress = "failed", ""
                    row.error = f"could not store the result: {type(exc).__name__}: {exc}"[:500]

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def store_result(db: Session, row: StoredAnalysis, result: Analysis, key: bytes) -> None:
    data: dict[str, Any] = to_dict(result)
    row.status, row.progress, row.error = "done", "", ""
    row.verdict = result.verdict
    row.score = float(result.score.total)
    row.brand = result.brand_label or ""
    row.subject = result.message.subject[:2000]
    row.from_address = (result.message.from_[0].address if result.message.from_ else "")[:400]
    row.result_json = json.dumps(data, ensure_ascii=False)
    row.result_blob = sign(key, pickle.dumps(replace(result, source=row.filename), protocol=pickle.HIGHEST_PROTOCOL))
    db.execute(delete(Indicator).where(Indicator.analysis_id == row.id))
    db.add_all(Indicator(analysis_id=row.id, kind=k, value=v) for k, v in indicators_of(result))
