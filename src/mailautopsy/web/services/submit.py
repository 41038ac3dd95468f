"""Submitting messages: uploads read within limits, identical messages found instead of
analysed again, the rest handed to the worker processes."""

from __future__ import annotations

import asyncio
import hashlib
import json
import uuid
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...settings import Lists
from ...store.db import Indicator, StoredAnalysis
from ..files import Upload, split_uploads
from ..settings import WebSettings
from ..worker import Busy
from . import FINISHED, Auth, Runtime, TooLarge
from . import lists as analyst_lists

if TYPE_CHECKING:
    from ...enrich.investigate import OnlineOptions


class Part(Protocol):
    """An uploaded file part (starlette's UploadFile)."""

    filename: str | None

    async def read(self, size: int = -1) -> bytes: ...


BUSY = "the server is busy: try again in a minute"


@dataclass
class UploadReport:
    accepted: list[tuple[str, str, bool]] = field(default_factory=list)  # (id, filename, duplicate)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (filename, reason)
    pending: list[Future[None]] = field(default_factory=list, repr=False)
    """Offline analyses still running: done once their results are stored (`wait_for`)."""

    @property
    def busy(self) -> bool:
        """Nothing accepted because the queue was full: 503, not 400."""
        return not self.accepted and any(why == BUSY for _, why in self.rejected)


async def wait_for(report: UploadReport) -> None:
    """Wait for the offline analyses without holding a thread (a request waiting for its
    analysis must not keep the app's thread pool from serving pages)."""
    if report.pending:
        await asyncio.gather(*(asyncio.wrap_future(f) for f in report.pending), return_exceptions=True)


@dataclass(frozen=True)
class SubmitOptions:
    online: bool = False
    visit: bool = False
    force: bool = False

    @property
    def stored(self) -> str:
        """As the `options` column has it: "", "online" or "online,visit"."""
        return ",".join(x for x, on in (("online", self.online or self.visit), ("visit", self.visit)) if on)


async def read_parts(files: Sequence[Part], settings: WebSettings) -> list[Upload]:
    """The uploaded files, each read up to its limit and all together up to the request limit."""
    per_file = max(settings.max_message_bytes, settings.max_zip_total_bytes) + 1
    items: list[Upload] = []
    total = 0
    for f in files[: settings.max_files + 1]:
        data = await f.read(min(per_file, settings.max_request_bytes - total + 1))
        total += len(data)
        if total > settings.max_request_bytes:
            raise TooLarge(f"submission larger than {settings.max_request_bytes // 1048576} MB")
        items.append(Upload(f.filename or "upload.eml", data))
    return items


def _online_options(rt: Runtime, opts: SubmitOptions) -> OnlineOptions | None:
    if not opts.stored:
        return None
    from ...enrich.intel import intel_settings
    from ...enrich.investigate import OnlineOptions

    # Keys come from the server (its config, else its environment), never from the submission.
    base = rt.settings.online or OnlineOptions(cache_path=rt.data_dir / "cache.sqlite3", intel=intel_settings({}))
    return replace(base, visit=opts.visit)


def _previous(db: Session, auth: Auth, sha: str, options: str) -> StoredAnalysis | None:
    """The analysis of the same message with the same options: the user's own first."""
    return db.scalars(
        select(StoredAnalysis)
        .where(StoredAnalysis.sha256 == sha, StoredAnalysis.options == options)
        .where(StoredAnalysis.status.in_((*FINISHED, "queued", "running")))
        .order_by((StoredAnalysis.owner_id == auth.user.id).desc(), StoredAnalysis.created_at.desc())
    ).first()


def _copy_result(db: Session, row: StoredAnalysis, previous: StoredAnalysis) -> None:
    """Analysed before for someone else: copy the result, do not analyse twice."""
    for attr in ("status", "verdict", "score", "brand", "subject", "from_address", "enrichment", "error"):
        setattr(row, attr, getattr(previous, attr))
    # the copy carries this uploader's file name, never the first uploader's
    data = json.loads(previous.result_json)
    data["source"] = row.filename
    row.result_json = json.dumps(data, ensure_ascii=False)
    db.flush()
    db.add_all(
        Indicator(analysis_id=row.id, kind=i.kind, value=i.value)
        for i in db.scalars(select(Indicator).where(Indicator.analysis_id == previous.id))
    )


def _analyse(
    db: Session, rt: Runtime, row: StoredAnalysis, item: Upload, online: OnlineOptions | None, lists: Lists
) -> Future[None]:
    """Queue the analysis of a stored row; `Busy` (the row removed again) when the queue is full."""
    row.status = "running"
    row.progress = "online" if online else ""
    db.commit()  # the worker stores through its own session
    try:
        return rt.worker.run(row.id, item.data, item.filename, online, str(row.owner_id), item.defects, lists)
    except Busy:
        db.delete(row)
        db.commit()
        raise
    except Exception as exc:  # never leave a row 'running' that nothing will finish
        db.rollback()
        failed = db.get(StoredAnalysis, row.id)
        if failed is not None:
            failed.status, failed.error = "failed", f"{type(exc).__name__}: {exc}"[:500]
            db.commit()
        raise


def _new_row(auth: Auth, item: Upload, sha: str, opts: SubmitOptions) -> StoredAnalysis:
    return StoredAnalysis(
        id=str(uuid.uuid4()),
        sha256=sha,
        owner_id=auth.user.id,
        filename=item.filename[:300],
        options=opts.stored,
        size=len(item.data),
        raw=item.data,
        status="queued",
    )


def submit(
    db: Session, rt: Runtime, auth: Auth, uploads: list[Upload], opts: SubmitOptions, wait: bool = True
) -> UploadReport:
    """Store and analyse the messages in `uploads`. With `wait` the offline analyses are waited
    for here; without, their futures are in `report.pending` (the routes await them)."""
    report = UploadReport()
    messages, report.rejected = split_uploads(uploads, rt.settings)
    if messages and not rt.submit_limit.hit(f"user:{auth.user.id}", len(messages)):
        report.rejected.extend((m.filename, "too many submissions: wait a minute") for m in messages)
        return report
    online = _online_options(rt, opts)
    lists, lists_changed = analyst_lists.current(db), analyst_lists.changed_at(db)
    for item in messages:
        sha = hashlib.sha256(item.data).hexdigest()
        previous = None if opts.force else _previous(db, auth, sha, opts.stored)
        if previous is not None and lists_changed is not None and previous.created_at < lists_changed:
            previous = None  # judged before the analysts' lists last changed: judge it again
        if previous is not None and previous.owner_id == auth.user.id:
            report.accepted.append((previous.id, item.filename, True))
            continue
        row = _new_row(auth, item, sha, opts)
        db.add(row)
        if previous is not None and previous.status in FINISHED:
            _copy_result(db, row, previous)
            report.accepted.append((row.id, item.filename, True))
            continue
        try:
            future = _analyse(db, rt, row, item, online, lists)
        except Busy:
            report.rejected.append((item.filename, BUSY))
            continue
        except Exception:
            report.accepted.append((row.id, item.filename, False))
            continue
        if online is None:
            report.pending.append(future)
        report.accepted.append((row.id, item.filename, False))
    db.commit()
    if wait:
        for future in report.pending:
            future.exception()  # waits; a failure is already on the row
        report.pending = []
        db.expire_all()  # the worker stored results through its own session
    return report
