"""Analysts' verdict overrides: the analyst's word is final.

An analyst sets the verdict of an analysis (with a reason, required), changes it or withdraws it;
every change is kept with who, when, the old and new verdict and why (`verdict_changes`).
Reporters see the final verdict, that an analyst decided it and the reason; analysts also see
the automatic verdict, which the analysis row keeps unchanged."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...store.db import StoredAnalysis, VerdictChange, VerdictOverride, now
from . import Auth, Forbidden, Invalid, NotFinished, search
from .labels import user_names

VERDICTS = ("phishing", "suspicious", "spam", "clean")
MAX_REASON = 2000


def _analyst(auth: Auth) -> None:
    if not auth.analyst:
        raise Forbidden("only analysts override verdicts")


def _record(db: Session, row: StoredAnalysis, verdict: str | None, reason: str, user_id: int) -> bool:
    current = db.get(VerdictOverride, row.id)
    old = current.verdict if current is not None else None
    if current is not None and old == verdict and current.reason == reason:
        return False
    if verdict is None:
        if current is None:
            return False
        db.delete(current)
    elif current is None:
        db.add(VerdictOverride(analysis_id=row.id, verdict=verdict, reason=reason, user_id=user_id, decided_at=now()))
    else:
        current.verdict, current.reason, current.user_id, current.decided_at = verdict, reason, user_id, now()
    db.add(VerdictChange(analysis_id=row.id, old_verdict=old, new_verdict=verdict, reason=reason, user_id=user_id))
    db.flush()
    return True


def set_override(db: Session, auth: Auth, analysis_id: str, verdict: str, reason: str) -> bool:
    """An analyst decides the verdict of a finished analysis; False when nothing changed."""
    _analyst(auth)
    if verdict not in VERDICTS:
        raise Invalid(f"verdict must be one of {', '.join(VERDICTS)}")
    reason = reason.strip()
    if not reason:
        raise Invalid("say why: an override needs a reason (the reporter reads it)")
    if len(reason) > MAX_REASON:
        raise Invalid(f"the reason is longer than {MAX_REASON} characters")
    row = search.visible(db, auth, analysis_id)
    if row.status in ("queued", "running"):
        raise NotFinished("the analysis is not finished: override it once it is")
    return _record(db, row, verdict, reason, auth.user.id)


def withdraw(db: Session, auth: Auth, analysis_id: str, reason: str = "") -> bool:
    """An analyst withdraws the override: the automatic verdict is final again (audited)."""
    _analyst(auth)
    row = search.visible(db, auth, analysis_id)
    return _record(db, row, None, reason.strip()[:MAX_REASON], auth.user.id)


def overrides_of(db: Session, ids: Iterable[str]) -> dict[str, VerdictOverride]:
    """The current overrides of these analyses (one query for a page of rows)."""
    wanted = list(ids)
    if not wanted:
        return {}
    return {
        o.analysis_id: o for o in db.scalars(select(VerdictOverride).where(VerdictOverride.analysis_id.in_(wanted)))
    }


def final_fields(row: StoredAnalysis, override: VerdictOverride | None) -> dict[str, Any]:
    """What the API says of a row's verdict: the final one, who decided it ("analyst" or
    "analysis"), the override with its reason, and the automatic verdict the analysis gave."""
    automatic = row.verdict or None
    if override is None:
        return {"verdict": automatic, "decided_by": "analysis", "override": None, "automatic_verdict": automatic}
    return {
        "verdict": override.verdict,
        "decided_by": "analyst",
        "override": {"verdict": override.verdict, "reason": override.reason, "at": override.decided_at.isoformat()},
        "automatic_verdict": automatic,
    }


def finals(db: Session, rows: Iterable[StoredAnalysis]) -> dict[str, dict[str, Any]]:
    """`final_fields` of each row (a page of the history, an upload's analyses)."""
    rows = list(rows)
    found = overrides_of(db, (r.id for r in rows))
    return {r.id: final_fields(r, found.get(r.id)) for r in rows}


def state(db: Session, auth: Auth, analysis_id: str) -> dict[str, Any]:
    """The override of an analysis and, for analysts, its history (newest first) with who."""
    row = search.visible(db, auth, analysis_id)
    current = db.get(VerdictOverride, row.id)
    out: dict[str, Any] = {"analysis_id": row.id, **final_fields(row, current), "history": []}
    if not auth.analyst:
        return out
    changes = db.scalars(
        select(VerdictChange).where(VerdictChange.analysis_id == row.id).order_by(VerdictChange.id.desc())
    ).all()
    names = user_names(db, {c.user_id for c in changes} | {current.user_id if current else None})
    if current is not None and out["override"] is not None:
        out["override"]["by"] = names[current.user_id]
    out["history"] = [
        {
            "old_verdict": c.old_verdict,
            "new_verdict": c.new_verdict,
            "reason": c.reason,
            "by": names[c.user_id],
            "at": c.changed_at.isoformat(),
        }
        for c in changes
    ]
    return out
