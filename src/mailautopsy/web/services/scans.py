"""Results of `scan --store` / `analyze --store` kept in the same database (store/results.py),
listed for analysts: filtered by verdict, status, sender and source, newest first."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...store.db import ScanResult
from . import NotFound
from .search import FormFilters, like


@dataclass(frozen=True)
class ScanFilters(FormFilters):
    verdict: str = ""
    status: str = ""
    sender: str = ""
    source: str = ""


def listing(db: Session, filters: ScanFilters, offset: int, limit: int) -> tuple[list[ScanResult], int]:
    """One page of stored command-line results and how many match in all."""
    q = select(ScanResult)
    if filters.verdict:
        q = q.where(ScanResult.verdict == filters.verdict)
    if filters.status:
        q = q.where(ScanResult.status == filters.status)
    if filters.sender.strip():
        q = q.where(ScanResult.from_address.like(f"%{like(filters.sender.lower())}%", escape="\\"))
    if filters.source.strip():
        q = q.where(ScanResult.source.like(f"%{like(filters.source)}%", escape="\\"))
    total = db.scalar(select(func.count()).select_from(q.subquery())) or 0
    rows = db.scalars(q.order_by(ScanResult.id.desc()).offset(offset).limit(limit)).all()
    return list(rows), total


def get(db: Session, result_id: int) -> ScanResult:
    """One stored result (NotFound: 404)."""
    row = db.get(ScanResult, result_id)
    if row is None:
        raise NotFound("no such stored result")
    return row
