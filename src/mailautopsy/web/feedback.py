"""Analysts' labels teach the deployment's content model (docs/web.md, "Labels and the model").

The label changes (`label_changes`, also the audit trail) are the queue: a `Trainer` thread
applies the pending ones in order, outside any request, and marks each applied in the same
database transaction that follows the model's save. Applying is idempotent — the model is
brought to the message's *current* label (learn, relabel, or forget), and a message already
learnt so is left alone — so a restart that replays a change counts nothing twice.

The features are those of `mailautopsy learn` (training.message_tokens: the stored raw mail parsed
and read by the feature checks), computed in a worker process: a hostile mail costs a process, not the
server. Worker processes read the model with `process_model()` and read it again whenever
training has changed the file."""

from __future__ import annotations

import logging
import os
import threading
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ..errors import InputError, time_limit
from ..learning import ContentModel, message_id
from ..parse.sources import message_bytes
from ..settings import DEFAULT_SETTINGS
from ..store.db import AnalysisLabel, LabelChange, StoredAnalysis, now
from ..training import message_tokens

if TYPE_CHECKING:
    from .worker import Worker

LOG = logging.getLogger(__name__)
MODEL_LABEL = {"phishing": "phish", "legitimate": "ham"}
"""The web's labels as the model names them."""
BATCH = 100

# -- in the worker processes: the model new analyses are judged with ---------------------------
_model_path: Path | None = None
_loaded: tuple[tuple[int, int], ContentModel] | None = None


def use_model(path: Path | None) -> None:
    """The worker processes' initializer: which model file new analyses use (None: none)."""
    global _model_path, _loaded
    _model_path, _loaded = path, None


def process_model() -> ContentModel | None:
    """The model as the file is now: read again when training changed it since (size, mtime)."""
    global _loaded
    if _model_path is None:
        return None
    try:
        st = os.stat(_model_path)
    except OSError:
        return None
    stamp = (st.st_mtime_ns, st.st_size)
    if _loaded is None or _loaded[0] != stamp:
        try:
            model = ContentModel.open(_model_path, readonly=True)
        except InputError:  # being written this instant, or replaced by something else: keep the last
            return _loaded[1] if _loaded is not None else None
        if _loaded is not None:
            _loaded[1].close()
        _loaded = (stamp, model)
    return _loaded[1]


def _tokens(raw: bytes) -> list[str]:
    """In a worker process: the features `mailautopsy learn` reads from this mail."""
    with time_limit(DEFAULT_SETTINGS.limits.time_limit_seconds):
        return message_tokens(message_bytes(raw))


def current_label(db: Session, sha256: str) -> str | None:
    """A message's label now: the newest label of the analyses of that mail (a mail submitted
    twice is one message to the model)."""
    return db.scalar(
        select(AnalysisLabel.label)
        .join(StoredAnalysis, StoredAnalysis.id == AnalysisLabel.analysis_id)
        .where(StoredAnalysis.sha256 == sha256)
        .order_by(AnalysisLabel.labelled_at.desc())
        .limit(1)
    )


# -- in the server: applying the queue ----------------------------------------------------------
class Trainer:
    """Applies pending label changes to the model file at `path`, in a thread of its own."""

    def __init__(self, sessions: sessionmaker[Session], worker: Worker, path: Path) -> None:
        self.sessions = sessions
        self.worker = worker
        self.path = path
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = False
        self._thread = threading.Thread(target=self._loop, name="mailautopsy-trainer", daemon=True)
        self._thread.start()
        self._wake.set()  # what a previous run left pending

    def wake(self) -> None:
        """New label changes are committed: apply them soon."""
        self._wake.set()

    def close(self) -> None:
        self._stop = True
        self._wake.set()
        self._thread.join(timeout=30)

    def _loop(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._stop:
                return
            try:
                self.apply_pending()
            except Exception:  # the changes stay pending; the next label or restart retries
                LOG.exception("applying label changes to %s failed", self.path)

    def apply_pending(self) -> int:
        """Apply every pending change, in batches; returns how many were applied."""
        total = 0
        with self._lock:
            while not self._stop and (n := self._batch()):
                total += n
        return total

    def _batch(self) -> int:
        with self.sessions() as db:
            pending = select(LabelChange).where(LabelChange.applied.is_(False)).order_by(LabelChange.id).limit(BATCH)
            changes = db.scalars(pending).all()
            if not changes:
                return 0
            model = ContentModel.open(self.path, create=True)
            try:
                outcomes = [self._apply(db, model, change) for change in changes]
                model.save({"web_labels": dict(Counter(outcomes))})
            finally:
                model.close()
            for change, outcome in zip(changes, outcomes, strict=True):
                change.applied, change.applied_at, change.outcome = True, now(), outcome[:100]
            db.commit()
            return len(changes)

    def _apply(self, db: Session, model: ContentModel, change: LabelChange) -> str:
        """Bring the model to the message's current label; what was done, as the audit shows it."""
        row = db.get(StoredAnalysis, change.analysis_id)
        if row is None:
            return "analysis deleted"
        raw = message_bytes(row.raw)
        mid = message_id(raw)
        label = current_label(db, row.sha256)
        if label is None:
            return "forgotten" if model.forget(mid) else "not learnt"
        wanted = MODEL_LABEL[label]
        if model.label(mid) == wanted:
            return f"{wanted} unchanged"
        try:
            tokens = self.worker.call(_tokens, row.raw)
        except Exception as exc:  # a mail the analysis cannot read teaches nothing
            return f"failed: {type(exc).__name__}: {exc}"
        return f"{wanted} {model.learn(mid, tokens, wanted, f'web:{row.id}')}"
