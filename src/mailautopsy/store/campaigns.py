"""The campaign index in the store's database (tables of migration 0005, keyed by the mail's sha256).

`open_index(url)` gives a `CampaignIndex` over the database; `record(index, sha256, analysis)`
is the one call a scan, `analyze --store` or the web app makes after analysing a mail with
`analyze(raw, campaigns=index)`. A lookup reads the `campaign_bands` rows whose key is one of the
mail's band keys (an index on `key`), then the few signatures they point at: it never loads
every signature.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Engine,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    func,
    insert,
    select,
    update,
)

from ..campaign.index import (
    THRESHOLD,
    Campaign,
    CampaignIndex,
    CampaignRecord,
    Candidate,
    Member,
    from_bytes,
    member_of,
    to_bytes,
)
from .db import make_engine, migrate

if TYPE_CHECKING:
    from ..analyze import Analysis

_META = MetaData()
campaigns = Table(
    "campaigns",
    _META,
    Column("id", Integer, primary_key=True),
    Column("size", Integer),
    Column("first_seen", DateTime(timezone=True)),
    Column("last_seen", DateTime(timezone=True)),
    Column("sample_sha256", String(64)),
    Column("subject", String(200)),
    Column("brands", Text),
    Column("sender_domains", Text),
    Column("link_domains", Text),
    Column("verdicts", Text),
)
members = Table(
    "campaign_members",
    _META,
    Column("sha256", String(64), primary_key=True),
    Column("campaign_id", Integer),
    Column("seen_at", DateTime(timezone=True)),
    Column("similarity", Float),
)
signatures = Table(
    "campaign_signatures",
    _META,
    Column("sha256", String(64), primary_key=True),
    Column("campaign_id", Integer),
    Column("signature", LargeBinary),
    Column("tiny", Boolean),
)
bands = Table("campaign_bands", _META, Column("key", BigInteger), Column("sha256", String(64)))

_COUNTERS = ("brands", "sender_domains", "link_domains", "verdicts")


def _utc(when: datetime) -> datetime:
    from datetime import UTC

    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)  # SQLite returns naive times


def _campaign(row: Any) -> Campaign:
    counters = {name: Counter(json.loads(getattr(row, name) or "{}")) for name in _COUNTERS}
    return Campaign(
        row.id,
        row.size,
        _utc(row.first_seen),
        _utc(row.last_seen),
        row.sample_sha256,
        row.subject,
        counters["brands"],
        counters["sender_domains"],
        counters["link_domains"],
        counters["verdicts"],
    )


def _values(campaign: Campaign) -> dict[str, Any]:
    return {
        "size": campaign.size,
        "first_seen": campaign.first_seen,
        "last_seen": campaign.last_seen,
        "sample_sha256": campaign.sample,
        "subject": campaign.subject[:200],
        **{name: json.dumps(dict(getattr(campaign, name)), ensure_ascii=False) for name in _COUNTERS},
    }


class SqlStorage:
    """The index's storage in the store's database; every add is one transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def member_campaign(self, sha256: str) -> int | None:
        with self.engine.connect() as conn:
            found = conn.execute(select(members.c.campaign_id).where(members.c.sha256 == sha256)).scalar()
        return int(found) if found is not None else None

    def candidates(self, keys: list[int], limit: int) -> list[Candidate]:
        hits = func.count().label("hits")
        shared = (
            select(bands.c.sha256, hits).where(bands.c.key.in_(keys)).group_by(bands.c.sha256).order_by(hits.desc())
        )
        with self.engine.connect() as conn:
            chosen = [row.sha256 for row in conn.execute(shared.limit(limit))]
            if not chosen:
                return []
            rows = conn.execute(select(signatures).where(signatures.c.sha256.in_(chosen))).all()
        return [Candidate(r.sha256, r.campaign_id, from_bytes(r.signature), bool(r.tiny)) for r in rows]

    def campaign(self, campaign_id: int) -> Campaign:
        found = self.find(campaign_id)
        if found is None:
            raise LookupError(f"no campaign {campaign_id}")
        return found

    def create_campaign(self, member: Member, subject: str) -> Campaign:
        campaign = Campaign(0, 0, member.seen_at, member.seen_at, member.sha256, subject)
        campaign.absorb(member)
        with self.engine.begin() as conn:
            key = conn.execute(insert(campaigns).values(**_values(campaign))).inserted_primary_key
            campaign.id = int(key[0]) if key is not None else 0
        return campaign

    def add_member(self, campaign: Campaign, member: Member, similarity: float) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(campaigns).where(campaigns.c.id == campaign.id).values(**_values(campaign)))
            conn.execute(
                insert(members).values(
                    sha256=member.sha256, campaign_id=campaign.id, seen_at=member.seen_at, similarity=similarity
                )
            )

    def add_representative(self, candidate: Candidate, keys: list[int]) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(signatures).values(
                    sha256=candidate.sha256,
                    campaign_id=candidate.campaign_id,
                    signature=to_bytes(candidate.signature),
                    tiny=candidate.tiny,
                )
            )
            conn.execute(insert(bands), [{"key": key, "sha256": candidate.sha256} for key in keys])

    def summaries(self, since: datetime | None = None, limit: int | None = None) -> list[Campaign]:
        query = select(campaigns).order_by(campaigns.c.size.desc(), campaigns.c.id)
        if since is not None:
            query = query.where(campaigns.c.last_seen >= since)
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            chosen = [_campaign(row) for row in conn.execute(query)]
            wanted = {c.id: c for c in chosen}
            days = select(members.c.campaign_id, members.c.seen_at).where(members.c.campaign_id.in_(list(wanted)))
            if since is not None:
                days = days.where(members.c.seen_at >= since)
            for row in conn.execute(days):
                wanted[row.campaign_id].per_day[_utc(row.seen_at).date()] += 1
        return chosen

    def campaign_of(self, sha256: str) -> int | None:
        return self.member_campaign(sha256)

    def find(self, campaign_id: int) -> Campaign | None:
        """The campaign, or None when there is none of that id."""
        with self.engine.connect() as conn:
            row = conn.execute(select(campaigns).where(campaigns.c.id == campaign_id)).one_or_none()
        return _campaign(row) if row is not None else None

    def members(self, campaign_id: int, limit: int) -> list[tuple[str, datetime, float]]:
        """(sha256, seen at, similarity to its closest earlier member) of a campaign's mails, the
        most recent `limit` of them."""
        query = (
            select(members.c.sha256, members.c.seen_at, members.c.similarity)
            .where(members.c.campaign_id == campaign_id)
            .order_by(members.c.seen_at.desc(), members.c.sha256)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [(r.sha256, _utc(r.seen_at), float(r.similarity)) for r in conn.execute(query)]


def open_index(url: str, threshold: float = THRESHOLD, engine: Engine | None = None) -> CampaignIndex:
    """The campaign index of the store at `url` (SQLite path URL or postgresql://…), its schema
    brought up to date first."""
    engine = engine or make_engine(url)
    migrate(engine)
    return CampaignIndex(SqlStorage(engine), threshold)


def record(index: CampaignIndex, sha256: str, analysis: Analysis, seen_at: datetime | None = None) -> CampaignRecord:
    """Put an analysed mail in its campaign (after `analyze(raw, campaigns=index)`): its verdict
    and brand go into the campaign's summary. Recording a mail twice changes nothing."""
    member = member_of(sha256, analysis.message, analysis.verdict, analysis.brand_label, seen_at)
    return index.add(member, analysis.message)


__all__ = ["SqlStorage", "open_index", "record"]
