"""The history: which analyses a user may see, searched by sender, indicator, verdict or date."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time
from typing import Any, Self, cast

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from ...store.db import Indicator, StoredAnalysis, VerdictOverride
from . import Auth, Invalid, NotFound


class FormFilters:
    """A frozen dataclass of text fields filled from a query string ("" = any)."""

    @classmethod
    def of(cls, values: Mapping[str, str]) -> Self:
        return cls(**{f.name: values.get(f.name, "") for f in fields(cast(Any, cls))})

    def as_dict(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(cast(Any, self))}


@dataclass(frozen=True)
class Filters(FormFilters):
    """What the history page's form and GET /api/analyses search by ("" = any)."""

    sender: str = ""
    domain: str = ""
    url: str = ""
    ip: str = ""
    subject: str = ""
    verdict: str = ""
    since: str = ""
    until: str = ""


def like(text: str) -> str:
    """`text` as a literal inside a LIKE pattern (escape character: backslash)."""
    return re.sub(r"([\\%_])", r"\\\1", text.strip())


def visible(db: Session, auth: Auth, analysis_id: str) -> StoredAnalysis:
    """The analysis if `auth` may see it: the same NotFound whether it exists or not."""
    row = db.get(StoredAnalysis, analysis_id)
    if row is None or (not auth.analyst and row.owner_id != auth.user.id):
        raise NotFound("no such analysis")
    return row


def _with_indicator(q: Select[StoredAnalysis], *where: object) -> Select[StoredAnalysis]:
    return q.where(StoredAnalysis.id.in_(select(Indicator.analysis_id).where(*where)))  # type: ignore[arg-type]


def _day(name: str, value: str, end: bool) -> datetime:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise Invalid(f"{name} must be a date (YYYY-MM-DD)") from None
    return datetime.combine(day, time.max if end else time.min, tzinfo=UTC)


def _filtered(q: Select[StoredAnalysis], f: Filters) -> Select[StoredAnalysis]:
    if f.verdict:  # the final verdict: an analyst's override, else the analysis's
        overridden = select(VerdictOverride.verdict).where(VerdictOverride.analysis_id == StoredAnalysis.id)
        q = q.where(func.coalesce(overridden.scalar_subquery(), StoredAnalysis.verdict) == f.verdict)
    if f.sender:
        q = q.where(StoredAnalysis.from_address.ilike(f"%{like(f.sender)}%", escape="\\"))
    if f.subject:
        q = q.where(StoredAnalysis.subject.ilike(f"%{like(f.subject)}%", escape="\\"))
    if f.domain:
        domain = f.domain.lower().strip()
        q = _with_indicator(
            q,
            Indicator.kind.in_(("domain", "hostname")),
            or_(Indicator.value == domain, Indicator.value.like(f"%.{like(domain)}", escape="\\")),
        )
    if f.url:
        q = _with_indicator(q, Indicator.kind == "url", Indicator.value.ilike(f"%{like(f.url)}%", escape="\\"))
    if f.ip:
        q = _with_indicator(q, Indicator.kind == "ip", Indicator.value == f.ip.strip())
    if f.since:
        q = q.where(StoredAnalysis.created_at >= _day("since", f.since, end=False))
    if f.until:
        q = q.where(StoredAnalysis.created_at <= _day("until", f.until, end=True))
    return q


def search(db: Session, auth: Auth, f: Filters, offset: int, limit: int) -> tuple[list[StoredAnalysis], int]:
    """One page of the analyses `auth` may see that match `f`, newest first, and how many match."""
    q = select(StoredAnalysis)
    if not auth.analyst:
        q = q.where(StoredAnalysis.owner_id == auth.user.id)
    q = _filtered(q, f)
    total = db.scalar(select(func.count()).select_from(q.subquery())) or 0
    rows = db.scalars(q.order_by(StoredAnalysis.created_at.desc()).offset(offset).limit(limit)).all()
    return list(rows), int(total)


def with_indicator(db: Session, auth: Auth, kind: str, value: str, limit: int = 500) -> list[StoredAnalysis]:
    """The analyses `auth` may see that carry one indicator (URLs exactly, the rest lower-cased)."""
    wanted = value if kind == "url" else value.lower()
    q = _with_indicator(select(StoredAnalysis), Indicator.kind == kind, Indicator.value == wanted)
    if not auth.analyst:
        q = q.where(StoredAnalysis.owner_id == auth.user.id)
    return list(db.scalars(q.order_by(StoredAnalysis.created_at.desc()).limit(limit)))


def shown_indicators(db: Session, analysis_id: str, limit: int = 100) -> list[Indicator]:
    """The indicators the result page links to their own pages."""
    return list(
        db.scalars(
            select(Indicator)
            .where(Indicator.analysis_id == analysis_id, Indicator.kind.in_(("domain", "ip", "email")))
            .order_by(Indicator.kind, Indicator.value)
            .limit(limit)
        )
    )
