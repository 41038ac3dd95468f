"""The store's campaigns as the analysts' pages show them (store/campaigns.py keeps them): the
largest, one campaign with its mails joined to their stored results, and the campaign of a
stored analysis."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...campaign import Campaign
from ...store.campaigns import SqlStorage
from ...store.db import ScanResult, StoredAnalysis
from . import ServiceError

LIMIT = 200
"""The campaigns page lists at most this many, largest first."""
MEMBERS = 500
"""A campaign's page lists its most recent mails, at most this many."""
_LABEL = re.compile(r"C-(\d{1,12})")


class NoCampaign(ServiceError):
    status = 404


@dataclass(frozen=True)
class CampaignMail:
    """One mail of a campaign, with where its result is stored (a web analysis, a scan result,
    or neither: the campaign outlived it)."""

    sha256: str
    seen_at: datetime
    similarity: float
    upload: StoredAnalysis | None
    scanned: ScanResult | None


def _storage(db: Session) -> SqlStorage:
    return SqlStorage(db.get_bind())  # type: ignore[arg-type]


def largest(db: Session, min_size: int) -> list[Campaign]:
    return [c for c in _storage(db).summaries(limit=LIMIT) if c.size >= min_size]


def campaign(db: Session, name: str) -> tuple[Campaign, list[CampaignMail]]:
    """The campaign named `name` (C-0042) and its most recent mails; NoCampaign when none is."""
    match = _LABEL.fullmatch(name)
    storage = _storage(db)
    found = storage.find(int(match.group(1))) if match else None
    if found is None:
        raise NoCampaign("no such campaign")
    members = storage.members(found.id, MEMBERS)
    hashes = [sha for sha, _, _ in members]
    uploads: dict[str, StoredAnalysis] = {}
    for row in db.scalars(select(StoredAnalysis).where(StoredAnalysis.sha256.in_(hashes))):
        uploads.setdefault(row.sha256, row)
    scanned: dict[str, ScanResult] = {}
    for result in db.scalars(select(ScanResult).where(ScanResult.sha256.in_(hashes))):
        scanned.setdefault(result.sha256, result)
    return found, [CampaignMail(s, when, sim, uploads.get(s), scanned.get(s)) for s, when, sim in members]


def campaign_of(db: Session, sha256: str) -> Campaign | None:
    """The campaign a stored mail joined, if it joined one."""
    storage = _storage(db)
    found = storage.campaign_of(sha256)
    return storage.find(found) if found is not None else None
