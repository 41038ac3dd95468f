"""Analyses run in separate processes: a hostile message can use up a process, not the server,
and one account's messages cannot keep everyone else's waiting.

Each worker process is a slot served by a thread of the app. The slots take work from a fair
queue: one queue per account, served in turn (round robin), and no account holds more than all
but one of the slots, so a colleague's mail finds a free process however many hostile mails
someone else posted. The queue is bounded (`WebSettings.max_queued`, `max_queued_per_user`):
beyond it a submission is refused as busy, never queued without end.

A message is analysed by `scan.analyse_one`, the batch scanner's own function: a file that is
not mail gets status not_mail, an analysis cut short is incomplete with ANALYSIS_INCOMPLETE,
never clean, and its last-resort alarm is the same (`scan.backstop_seconds`). A process that
does not answer even then (a C library that ignores the alarm) is killed and replaced after a
grace period, and the message gets an incomplete result.

Offline analyses are quick and the request waits for them (asynchronously: a waiting request
holds no thread); online ones (`--online`/`--visit`) run in the background while the page shows
their progress. A finished analysis is stored as plain data (web/stored.py); the reports and the
result page get their full `Analysis` by analysing the stored raw mail again, in the same slots."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import multiprocessing
import threading
from collections import Counter, OrderedDict, deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from ..analyze import Analysis
from ..campaign import CampaignIndex, compact, member_of
from ..campaign.skeleton import skeleton
from ..errors import time_limit
from ..model import Defect
from ..scan import analyse_one, backstop_seconds, incomplete_result
from ..settings import DEFAULT_SETTINGS, NO_LISTS, Lists, Settings
from ..store.db import Indicator, StoredAnalysis
from .feedback import process_model, use_model
from .files import protected_attachments, sanitised_preview
from .stored import StoredResult, reanalyse, stored_result, stored_skipped

if TYPE_CHECKING:  # the network stack is imported by the worker processes that need it
    from ..enrich.investigate import OnlineOptions

RECENT_ANALYSES = 16
RECENT_BYTES = 32 * 1024 * 1024
"""Re-analysed results kept in memory: at most this many, of mails of at most this size together."""
GRACE_SECONDS = 10
"""How long past its own last-resort alarm a worker process may stay silent before it is killed."""
LOST = "the worker process analysing it was lost (killed or crashed)"


class Busy(Exception):
    """The queue is full: the submission is refused (503), not queued."""


# --- in the worker processes --------------------------------------------------------------------

_settings: Settings = DEFAULT_SETTINGS
_campaigns: CampaignIndex | None = None


def campaign_index(database: str) -> CampaignIndex | None:
    """The campaigns of the app's database (store/campaigns.py), or None for a database that only
    one process can see (SQLite in memory)."""
    if not database or database in ("sqlite://", "sqlite:///:memory:"):
        return None
    from ..store.campaigns import SqlStorage
    from ..store.db import make_engine

    return CampaignIndex(SqlStorage(make_engine(database)))


def _serve(conn: Connection, settings: Settings, model: Path | None = None, database: str = "") -> None:
    """A worker process: run the calls its slot sends, one at a time, until the pipe closes.
    `model`: the deployment's content model file new analyses use (web/feedback.py); `database`:
    the app's database, whose campaigns the analyses ask (new or seen before)."""
    global _settings, _campaigns
    _settings = settings
    _campaigns = campaign_index(database)
    use_model(model)
    from .. import knowledge, rules

    knowledge.load(None)  # once, before the first message
    rules.load()
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer: tuple[bool, Any] = (True, fn(*args))
        except BaseException as exc:  # the slot reports it; the process lives on
            answer = (False, f"{type(exc).__name__}: {exc}"[:500])
        try:
            conn.send(answer)
        except (OSError, EOFError):
            return
        except Exception as exc:  # an answer that does not pickle: say why, keep serving
            conn.send((False, f"unsendable result: {type(exc).__name__}: {exc}"[:500]))


def _analyse(
    raw: bytes, source: str, defects: tuple[Defect, ...], online: OnlineOptions | None, lists: Lists = NO_LISTS
) -> StoredResult:
    """In a worker process: what to store of one message, whatever happens to it. `lists`: the
    analysts' allow- and block-lists as they are when the message was submitted."""
    kept: list[Analysis] = []
    settings = replace(_settings, lists=lists) if lists else _settings
    model = process_model()  # read again when training changed the file
    obj = analyse_one(
        source, raw, settings, defects=defects, model=model, online=online, keep=kept.append, campaigns=_campaigns
    )
    if kept and "verdict_basis" in obj:  # the rendering of the analysis, not a result made without it
        result = kept[0]
        sk = _campaigns.skeleton(result.message) if _campaigns is not None else skeleton(result.message)
        member = member_of(hashlib.sha256(raw).hexdigest(), result.message, result.verdict, result.brand_label)
        return replace(stored_result(result, obj), campaign=(member, compact(sk)))
    return stored_skipped(obj)


def _reanalyse(raw: bytes, source: str, result_json: str, enrichment: str) -> Analysis:
    """In a worker process: the full analysis of a stored row (web/stored.py)."""
    with time_limit(backstop_seconds(_settings)):
        return reanalyse(raw, source, result_json, enrichment, _settings)


def _preview(raw: bytes) -> str:
    """In a worker process: the sanitised preview of the mail's HTML (web/files.py)."""
    with time_limit(_settings.limits.time_limit_seconds):
        return sanitised_preview(raw, _settings.limits)


def _attachments(raw: bytes) -> bytes:
    """In a worker process: the attachments as a password-protected zip (web/files.py)."""
    with time_limit(_settings.limits.time_limit_seconds):
        return protected_attachments(raw)


# --- in the app ---------------------------------------------------------------------------------


class _Slot:
    """One worker process and its pipe; killed and started again when it does not answer."""

    def __init__(self, settings: Settings, model: Path | None = None, database: str = "") -> None:
        self._ctx = multiprocessing.get_context("forkserver")
        self._settings = settings
        self._model = model
        self._database = database
        self._lock = threading.Lock()  # stop() comes from the slot's thread and from close()
        self._spawn = threading.Lock()  # one process started at a time: by the slot or by warm()
        self._proc: Any = None
        self._conn: Connection | None = None

    def _connection(self) -> Connection:
        with self._spawn:
            with self._lock:
                if self._conn is not None and self._proc is not None and self._proc.is_alive():
                    return self._conn
            self.stop()
            parent, child = self._ctx.Pipe()
            proc = self._ctx.Process(
                target=_serve, args=(child, self._settings, self._model, self._database), daemon=True
            )
            proc.start()
            child.close()
            with self._lock:
                self._proc, self._conn = proc, parent
            return parent

    def warm(self) -> None:
        """Start the process before its first job (loading the knowledge takes about a second)."""
        with contextlib.suppress(Exception):
            self._connection()

    def call(self, fn: Callable[..., Any], args: tuple[Any, ...], seconds: float) -> tuple[bool, Any]:
        """(True, value) or (False, why): never raises, never waits past `seconds`."""
        try:
            conn = self._connection()
            conn.send((fn, args))
            if conn.poll(seconds):
                answer: tuple[bool, Any] = conn.recv()
                return answer
        except (EOFError, OSError):
            pass
        self.stop()
        return False, LOST

    def stop(self) -> None:
        with self._lock:
            proc, conn = self._proc, self._conn
            self._proc = self._conn = None
        if proc is not None:
            proc.kill()
            proc.join(5)
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.close()


@dataclass
class _Job:
    owner: str
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    seconds: float
    done: Callable[[bool, Any], Any]
    """Turns the process's answer into the future's result (or raises its exception)."""
    future: Future[Any]


class FairQueue:
    """Jobs by account, served in turn; an account runs at most `cap` at once."""

    def __init__(self, cap: int, max_queued: int, max_queued_per_user: int) -> None:
        self.cap, self.max_queued, self.max_per_user = cap, max_queued, max_queued_per_user
        self.cond = threading.Condition()
        self.closed = False
        self._queues: OrderedDict[str, deque[_Job]] = OrderedDict()
        self._running: Counter[str] = Counter()

    def put(self, job: _Job) -> None:
        with self.cond:
            queued = sum(len(q) for q in self._queues.values())
            mine = len(self._queues.get(job.owner, ()))
            if self.closed or queued >= self.max_queued or mine >= self.max_per_user:
                raise Busy("the server is busy: try again in a minute")
            self._queues.setdefault(job.owner, deque()).append(job)
            self.cond.notify()

    def take(self) -> _Job | None:
        """The next job (blocking), None once closed."""
        with self.cond:
            while not self.closed:
                for owner, queue in self._queues.items():
                    if self._running[owner] < self.cap:
                        job = queue.popleft()
                        del self._queues[owner]
                        if queue:  # served: to the back of the line
                            self._queues[owner] = queue
                        self._running[owner] += 1
                        return job
                self.cond.wait()
            return None

    def finished(self, job: _Job) -> None:
        with self.cond:
            self._running[job.owner] -= 1
            self.cond.notify_all()

    def close(self) -> list[_Job]:
        with self.cond:
            self.closed = True
            left = [job for queue in self._queues.values() for job in queue]
            self._queues.clear()
            self.cond.notify_all()
            return left


class Worker:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        processes: int = 2,
        settings: Settings = DEFAULT_SETTINGS,
        max_queued: int = 200,
        max_queued_per_user: int = 60,
        processes_per_user: int = 0,
        model: Path | None = None,
        database: str = "",
    ) -> None:
        self.sessions = sessions
        self.processes = processes
        self.settings = settings
        self.model = model
        """The deployment's content model: each process reads it, again whenever training changed it."""
        cap = processes_per_user or max(1, processes - 1)
        self.queue = FairQueue(cap, max_queued, max_queued_per_user)
        self._lock = threading.Lock()
        self._recent: OrderedDict[tuple[str, str, int, int], tuple[int, Analysis]] = OrderedDict()
        self._slots = [_Slot(settings, model, database) for _ in range(processes)]
        self._campaigns = campaign_index(database)
        """Where finished analyses join their campaigns (the processes only look campaigns up)."""
        self._campaign_lock = threading.Lock()
        self._warmed = False
        self._threads = [
            threading.Thread(target=self._drive, args=(slot,), name=f"analysis-{n}", daemon=True)
            for n, slot in enumerate(self._slots)
        ]
        for thread in self._threads:
            thread.start()

    def _drive(self, slot: _Slot) -> None:
        """A slot's thread: the next job in turn, in the slot's process, until the queue closes."""
        while (job := self.queue.take()) is not None:
            if not job.future.set_running_or_notify_cancel():
                self.queue.finished(job)
                continue
            try:
                ok, value = slot.call(job.fn, job.args, job.seconds)
                job.future.set_result(job.done(ok, value))
            except BaseException as exc:  # the waiting request gets it
                job.future.set_exception(exc)
            finally:
                self.queue.finished(job)
        slot.stop()

    def _put(self, owner: str, fn: Callable[..., Any], args: tuple[Any, ...], seconds: float, done: Any) -> Future[Any]:
        future: Future[Any] = Future()
        self.queue.put(_Job(owner, fn, args, seconds, done, future))
        return future

    def run(
        self,
        analysis_id: str,
        raw: bytes,
        source: str,
        online: OnlineOptions | None,
        owner: str = "",
        defects: tuple[Defect, ...] = (),
        lists: Lists = NO_LISTS,
    ) -> Future[None]:
        """Queue the analysis of one message; the future is done once its result is stored.
        Raises `Busy` when the queue is full."""
        seconds = backstop_seconds(self.settings, online) + GRACE_SECONDS
        self._warm_all()

        def done(ok: bool, value: Any) -> None:
            if self.queue.closed:  # shutting down: the next start marks the row interrupted
                return
            if not ok:  # the process was lost, or failed outside analyse_one's own net
                value = stored_skipped(incomplete_result(source, "INTERNAL_ERROR", str(value)))
            self._store(analysis_id, value)

        return self._put(owner, _analyse, (raw, source, defects, online, lists), seconds, done)

    def _warm_all(self) -> None:
        """On the first submission, start every slot's process in the background: otherwise a
        slot first used while the others are busy (one account's burst) makes its mail wait for
        a process to start. Not at start-up: an app that never analyses starts none."""
        with self._lock:
            if self._warmed:
                return
            self._warmed = True
        for slot in self._slots:
            threading.Thread(target=slot.warm, name="warm-slot", daemon=True).start()

    def analysis_of(self, row: StoredAnalysis, owner: str = "") -> Analysis:
        """The full `Analysis` of a finished row, analysed again from its raw mail (in a slot:
        a hostile mail costs a worker process, not the server). The last few are kept, so the
        page in the other language and the downloads that follow a view do not repeat it."""
        key = (row.id, row.filename, hash(row.result_json), hash(row.enrichment))
        with self._lock:
            if key in self._recent:
                self._recent.move_to_end(key)
                return self._recent[key][1]

        def done(ok: bool, value: Any) -> Analysis:
            if not ok:
                raise RuntimeError(value)
            result: Analysis = value
            return result

        seconds = backstop_seconds(self.settings) + GRACE_SECONDS
        args = (row.raw, row.filename, row.result_json, row.enrichment)
        result: Analysis = self._put(owner, _reanalyse, args, seconds, done).result()
        with self._lock:
            self._recent[key] = (len(row.raw), result)
            while len(self._recent) > RECENT_ANALYSES or sum(n for n, _ in self._recent.values()) > RECENT_BYTES:
                self._recent.popitem(last=False)
        return result

    def preview(self, raw: bytes, owner: str = "") -> str:
        """The sanitised preview, built in a slot: reading hostile MIME and HTML costs a worker
        process its time limit, never the server."""

        def done(ok: bool, value: Any) -> str:
            return str(value) if ok else "<p>(no preview: the mail could not be read in time)</p>"

        seconds = backstop_seconds(self.settings) + GRACE_SECONDS
        preview: str = self._put(owner, _preview, (raw,), seconds, done).result()
        return preview

    def call(self, fn: Callable[..., Any], *args: Any, owner: str = "trainer") -> Any:
        """`fn(*args)` in a worker process, waited for (the feedback trainer's features of a
        mail); raises RuntimeError when the process fails or is lost."""

        def done(ok: bool, value: Any) -> Any:
            if not ok:
                raise RuntimeError(value)
            return value

        seconds = backstop_seconds(self.settings) + GRACE_SECONDS
        return self._put(owner, fn, args, seconds, done).result()

    def attachments(self, raw: bytes, owner: str = "") -> bytes:
        """The attachments' zip, built in a slot (the standard library reads the hostile MIME);
        raises RuntimeError when the mail cannot be read in time."""

        def done(ok: bool, value: Any) -> bytes:
            if not ok:
                raise RuntimeError(value)
            return bytes(value)

        seconds = backstop_seconds(self.settings) + GRACE_SECONDS
        archive: bytes = self._put(owner, _attachments, (raw,), seconds, done).result()
        return archive

    def _store(self, analysis_id: str, stored: StoredResult) -> None:
        try:
            with self.sessions.begin() as db:
                row = db.get(StoredAnalysis, analysis_id)
                if row is not None:
                    store_result(db, row, stored)
            self._join_campaign(stored)
        except Exception as exc:  # never leave the row queued
            with self.sessions.begin() as db:
                row = db.get(StoredAnalysis, analysis_id)
                if row is not None:
                    row.status, row.progress = "failed", ""
                    row.error = f"could not store the result: {type(exc).__name__}: {exc}"[:500]

    def _join_campaign(self, stored: StoredResult) -> None:
        """The stored mail joins its campaign (one at a time: the index numbers new campaigns).
        A failure here costs the campaign page one mail, never the result."""
        if stored.campaign is None or self._campaigns is None:
            return
        member, sk = stored.campaign
        try:
            with self._campaign_lock:
                self._campaigns.add_skeleton(member, sk)
        except Exception:
            logging.getLogger(__name__).exception("could not add an analysis to its campaign")

    def close(self) -> None:
        for job in self.queue.close():
            job.future.cancel()
        for slot in self._slots:
            slot.stop()


def store_result(db: Session, row: StoredAnalysis, stored: StoredResult) -> None:
    row.status, row.progress, row.error = stored.status, "", ""
    row.verdict, row.score, row.brand = stored.verdict, stored.score, stored.brand
    row.subject, row.from_address = stored.subject, stored.from_address
    row.result_json, row.enrichment = stored.result_json, stored.enrichment
    db.execute(delete(Indicator).where(Indicator.analysis_id == row.id))
    db.add_all(Indicator(analysis_id=row.id, kind=k, value=v) for k, v in stored.indicators)
