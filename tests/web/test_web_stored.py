"""Stored results: no pickles. Rows written by the first schema (signed pickles of `Analysis`)
still open after migration 0002, whether their pickle still loads or not; online facts survive
as JSON; the full analysis comes back from the raw mail."""

from __future__ import annotations

import hashlib
import hmac
import json
import pickle
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from helpers import EXAMPLES
from helpers.postgres import database_url
from sqlalchemy import inspect, text

from mailautopsy import rules
from mailautopsy.analyze import analyze
from mailautopsy.enrich.investigate import DomainInfo, Enrichment
from mailautopsy.enrich.rdap import Registration
from mailautopsy.enrich.visit import VisitResult
from mailautopsy.model import Evidence, Finding
from mailautopsy.render.json import to_dict
from mailautopsy.store.db import StoredAnalysis, make_engine, migrate, session_factory
from mailautopsy.web.app import WebSettings, create_app, load_key
from mailautopsy.web.security import create_token, create_user
from mailautopsy.web.stored import enrichment_from_json, enrichment_json, reanalyse, stored_result

SEED = (EXAMPLES / "kagoya-phish.eml").read_bytes()
PASSWORD = "a long password 1"
FACTS = Enrichment(
    sender_domain="plala.or.jp",
    sender_addresses=["192.0.2.77"],
    domains=[DomainInfo("beak.host", "link", Registration("beak.host", "2025-04-19T10:00:00Z", "R", "NG", ""), 3)],
    visits=[
        VisitResult(
            "https://a.example/",
            "https://a.example/",
            ("https://a.example/",),
            "https://a.example/",
            200,
            "Sign in",
            1,
            0,
            1,
            ("kagoya",),
            b"\x89PNG\r\n\x1a\n\x00\xff",
            "",
        )
    ],
)


def _online_analysis():
    """The seed analysed offline, plus an online finding and facts (as an online run would add)."""
    result = analyze(SEED, "old-online.eml")
    rule = rules.load().get("ONLINE_DOMAIN_NEW")
    online = Finding(
        "ONLINE_DOMAIN_NEW",
        rule.severity,
        1.0,
        (Evidence("domain", "beak.host", "RDAP registration"),),
        {"domain": "beak.host", "days": "3", "role": "link"},
        rule.group,
        rule.weight,
    )
    return replace(result, findings=(*result.findings, online), enrichment=FACTS)


def _old_row(conn, key: bytes, analysis_id: str, owner: int, blob: bytes, data: dict, options: str = "") -> None:
    """A row as revision 0001's code wrote it: the schema JSON and a signed pickle."""
    signed = hmac.new(key, blob, hashlib.sha256).digest() + blob
    conn.execute(
        text(
            "INSERT INTO analyses (id, sha256, owner_id, created_at, filename, options, status, progress, verdict,"
            " score, brand, subject, from_address, size, error, result_json, result_blob, raw) VALUES (:id, :sha,"
            " :owner, :at, :name, :options, 'done', '', :verdict, :score, '', '', '', :size, '', :json, :blob, :raw)"
        ),
        {
            "id": analysis_id,
            "sha": hashlib.sha256(SEED).hexdigest(),
            "owner": owner,
            "at": datetime.now(UTC),
            "name": data["source"],
            "options": options,
            "verdict": data["verdict"],
            "score": data["score"],
            "size": len(SEED),
            "json": json.dumps(data),
            "blob": signed,
            "raw": SEED,
        },
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request):
    """The database URL: SQLite in tmp_path, or a schema of its own on MAILAUTOPSY_TEST_POSTGRES."""
    with database_url(request.param) as url:
        yield url


def test_rows_of_the_pickle_schema_open_after_the_migration(tmp_path, database):
    settings = WebSettings(data_dir=tmp_path, database_url=database, processes=1)
    engine = make_engine(settings.url)
    migrate(engine, revision="0001")
    key = load_key(tmp_path)
    with session_factory(engine).begin() as db:
        owner = create_user(db, "ana", "analyst", PASSWORD).id
        token = create_token(db, create_user(db, "bot", "analyst"))
    offline = analyze(SEED, "old.eml")
    online = _online_analysis()
    gone = b"cmailautopsy.module_that_moved\nAnalysis\n)\x81."  # a pickle whose class no longer exists
    with engine.begin() as conn:
        _old_row(conn, key, "a" * 36, owner, pickle.dumps(offline), to_dict(offline))
        _old_row(conn, key, "b" * 36, owner, pickle.dumps(online), to_dict(online), "online")
        _old_row(conn, key, "c" * 36, owner, gone, {**to_dict(online), "source": "moved.eml"}, "online")
    engine.dispose()

    app = create_app(settings)
    columns = {c["name"] for c in inspect(app.state.engine).get_columns("analyses")}
    assert "result_blob" not in columns and "enrichment" in columns
    with session_factory(app.state.engine).begin() as db:
        kept = db.get(StoredAnalysis, "b" * 36)
        assert enrichment_from_json(kept.enrichment) == FACTS  # read out of the old pickle once
        assert db.get(StoredAnalysis, "c" * 36).enrichment == ""  # not loadable: the facts are lost, not the row
    headers = {"Authorization": f"Bearer {token}"}
    with TestClient(app) as client:
        for analysis_id in ("a" * 36, "b" * 36, "c" * 36):
            got = client.get(f"/api/analyses/{analysis_id}", headers=headers).json()
            assert got["result"]["verdict"] == "phishing"
            report = client.get(f"/api/analyses/{analysis_id}/report/md", params={"lang": "en"}, headers=headers)
            assert report.status_code == 200 and b"KAGOYA" in report.content
        with_facts = client.get(f"/api/analyses/{'b' * 36}/report/md", params={"lang": "en"}, headers=headers)
        assert b"192.0.2.77" in with_facts.content or b"192[.]0.2.77" in with_facts.content
    app.state.engine.dispose()


def test_reanalysis_adds_the_stored_online_findings_and_facts():
    online = _online_analysis()
    stored = stored_result(online)
    assert "pickle" not in stored.result_json and stored.enrichment
    again = reanalyse(SEED, "old-online.eml", stored.result_json, stored.enrichment)
    assert [f.id for f in again.findings] == [f.id for f in online.findings]
    assert again.enrichment == FACTS and again.verdict == online.verdict
    assert again.score.total == online.score.total
    # offline rows are just analysed again
    plain = reanalyse(SEED, "x.eml", stored_result(analyze(SEED, "x.eml")).result_json, "")
    assert plain.enrichment is None and "ONLINE_DOMAIN_NEW" not in {f.id for f in plain.findings}


def test_facts_written_by_another_version_cost_only_the_facts():
    assert enrichment_from_json(enrichment_json(FACTS)) == FACTS
    assert enrichment_from_json('{"sender_domain": 5, "visits": "nonsense"}') is None
    assert enrichment_from_json("not json") is None
    assert enrichment_from_json("") is None
