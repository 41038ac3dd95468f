"""Analysts' labels: "phishing" or "legitimate" on an analysis, changed or cleared, each change
kept with who and when (`label_changes`), exported and imported as JSON lines.

Only analysts label (a reporter's submission never trains the model by itself: the poisoning
guard). A change is only recorded here; web/feedback.py teaches the model from it, in the
background."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...store.db import AnalysisLabel, LabelChange, StoredAnalysis, User, now
from . import Auth, Forbidden, Invalid, search

LABELS = ("phishing", "legitimate")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _analyst(auth: Auth) -> None:
    if not auth.analyst:
        raise Forbidden("only analysts label analyses")


def _record(db: Session, analysis_id: str, label: str | None, user_id: int | None, note: str = "") -> bool:
    """Set (or, with None, clear) the label and keep the change; False when nothing changed."""
    current = db.get(AnalysisLabel, analysis_id)
    old = current.label if current is not None else None
    if old == label:
        return False
    if label is None:
        db.delete(current)
    elif current is None:
        db.add(AnalysisLabel(analysis_id=analysis_id, label=label, user_id=user_id, labelled_at=now()))
    else:
        current.label, current.user_id, current.labelled_at = label, user_id, now()
    db.add(LabelChange(analysis_id=analysis_id, old_label=old, new_label=label, user_id=user_id, note=note[:300]))
    db.flush()
    return True


def set_label(db: Session, auth: Auth, analysis_id: str, label: str | None) -> bool:
    """An analyst labels an analysis ("phishing", "legitimate") or clears its label (None)."""
    _analyst(auth)
    if label is not None and label not in LABELS:
        raise Invalid(f"label must be one of {', '.join(LABELS)}")
    row = search.visible(db, auth, analysis_id)
    return _record(db, row.id, label, auth.user.id)


def user_names(db: Session, ids: set[int | None]) -> dict[int | None, str | None]:
    wanted = [i for i in ids if i is not None]
    found: dict[int | None, str | None] = {None: None}
    if wanted:
        found.update((i, name) for i, name in db.execute(select(User.id, User.name).where(User.id.in_(wanted))))
    return {i: found.get(i) for i in ids} | {None: None}


def state(db: Session, auth: Auth, analysis_id: str) -> dict[str, Any]:
    """The label of an analysis, who set it and when, whether the model has learnt it, and its
    history (newest first), as the API's `LabelState` and the result page show it."""
    _analyst(auth)
    row = search.visible(db, auth, analysis_id)
    current = db.get(AnalysisLabel, row.id)
    changes = db.scalars(
        select(LabelChange).where(LabelChange.analysis_id == row.id).order_by(LabelChange.id.desc())
    ).all()
    names = user_names(db, {c.user_id for c in changes} | {current.user_id if current else None})
    history = [
        {
            "old_label": c.old_label,
            "new_label": c.new_label,
            "by": names[c.user_id],
            "at": c.changed_at.isoformat(),
            "note": c.note,
            "applied": c.applied,
            "outcome": c.outcome,
        }
        for c in changes
    ]
    return {
        "analysis_id": row.id,
        "label": current.label if current else None,
        "by": names[current.user_id] if current else None,
        "at": current.labelled_at.isoformat() if current else None,
        "applied": all(c.applied for c in changes),
        "history": history,
    }


def export_lines(db: Session, auth: Auth) -> Iterator[str]:
    """Every current label as one JSON line: the SHA-256 of the raw mail, label, who, when."""
    _analyst(auth)
    q = (
        select(StoredAnalysis.sha256, AnalysisLabel.label, User.name, AnalysisLabel.labelled_at)
        .join(StoredAnalysis, StoredAnalysis.id == AnalysisLabel.analysis_id)
        .outerjoin(User, User.id == AnalysisLabel.user_id)
        .order_by(AnalysisLabel.labelled_at, StoredAnalysis.sha256)
    )
    for sha256, label, name, at in db.execute(q):
        yield json.dumps({"sha256": sha256, "label": label, "by": name, "at": at.isoformat()}) + "\n"


@dataclass
class ImportReport:
    lines: int = 0
    matched: int = 0
    """Lines whose mail is stored here (their analyses are labelled)."""
    unknown: int = 0
    """Lines whose mail is not stored here: nothing to learn from."""
    changed: int = 0
    """Analyses whose label changed."""
    invalid: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _parsed(line: str) -> tuple[str, str, str] | None:
    try:
        item = json.loads(line)
    except ValueError:
        return None
    if not isinstance(item, dict) or item.get("label") not in LABELS:
        return None
    sha256 = str(item.get("sha256", "")).lower()
    if not _SHA256.fullmatch(sha256):
        return None
    return sha256, str(item["label"]), f"import: {item.get('by') or '?'} {item.get('at') or ''}".strip()


def import_lines(db: Session, auth: Auth, text: str) -> ImportReport:
    """Apply a labels file to the stored analyses of the same mails (by SHA-256). The importing
    analyst is who labelled; the file's who and when are kept in the change's note."""
    _analyst(auth)
    report = ImportReport()
    for line in text.splitlines():
        if not line.strip():
            continue
        report.lines += 1
        parsed = _parsed(line)
        if parsed is None:
            report.invalid += 1
            continue
        sha256, label, note = parsed
        rows = db.scalars(select(StoredAnalysis.id).where(StoredAnalysis.sha256 == sha256)).all()
        if not rows:
            report.unknown += 1
            continue
        report.matched += 1
        report.changed += sum(_record(db, analysis_id, label, auth.user.id, note) for analysis_id in rows)
    return report
