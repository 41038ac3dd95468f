"""The campaign index assigns mails to campaigns one at a time, the same in memory, in SQLite and
in PostgreSQL (MAILAUTOPSY_TEST_POSTGRES), and a lookup reads only the band rows it needs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from hashlib import sha256
from pathlib import Path

import pytest
from helpers.campaigns import lure, news
from helpers.postgres import database_url
from sqlalchemy import func, select

from mailautopsy.analyze import analyze
from mailautopsy.campaign import CampaignIndex, memory_index
from mailautopsy.campaign.index import BANDS
from mailautopsy.store.campaigns import SqlStorage, bands, open_index, record


def _add(index: CampaignIndex, raw: bytes):  # type: ignore[no-untyped-def]
    result = analyze(raw, campaigns=index)
    return result, record(index, sha256(raw).hexdigest(), result)


def _exercise(index: CampaignIndex) -> None:
    assert index.lookup(analyze(lure(0)).message) is None
    _, first = _add(index, lure(0))
    assert first.new and first.label == "C-0001" and first.size == 1
    for i in range(1, 6):
        result, rec = _add(index, lure(i))
        assert rec.id == first.id and not rec.new, i
        seen = [f for f in result.findings if f.id == "CONTENT_CAMPAIGN_SEEN"]
        assert seen and seen[0].params["count"] == str(i) and seen[0].params["campaign"] == "C-0001"
    _, other = _add(index, news(0))
    assert other.new and other.id != first.id
    _, again = _add(index, news(1))
    assert again.id == other.id and again.size == 2
    assert _add(index, lure(3))[1].size == 6  # the same mail twice: counted once
    top = index.storage.summaries()
    assert [c.size for c in top] == [6, 2]
    assert top[0].first_seen == datetime(2025, 6, 10, 9, tzinfo=UTC)
    assert top[0].last_seen == datetime(2025, 6, 15, 9, tzinfo=UTC)
    assert sum(top[0].per_day.values()) == 6 and top[0].sender_domains == {"example.net": 6}
    assert sum(top[0].verdicts.values()) == 6
    assert len(index.storage.summaries(since=datetime(2025, 6, 14, tzinfo=UTC))) == 1


def test_memory_index() -> None:
    _exercise(memory_index())


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database_url(request.param) as url:
        yield url or f"sqlite:///{tmp_path / 'store.db'}"


def test_database_index(store_url: str) -> None:
    index = open_index(store_url)
    _exercise(index)
    assert isinstance(index.storage, SqlStorage)
    with index.storage.engine.connect() as conn:
        rows = conn.execute(select(func.count()).select_from(bands)).scalar()
    # Near-identical copies are represented by an earlier member: fewer band rows than mails x 32.
    assert rows is not None and rows < 7 * BANDS
    reopened = open_index(store_url)  # a second process finds the campaigns where they were left
    result = analyze(lure(9), campaigns=reopened)
    assert [f.params["campaign"] for f in result.findings if f.id == "CONTENT_CAMPAIGN_SEEN"] == ["C-0001"]
    index.storage.engine.dispose()
    reopened.storage.engine.dispose()
