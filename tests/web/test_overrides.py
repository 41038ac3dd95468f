"""The analyst's word is final (issue 19 item 4), end to end through the web app: an override
changes what the reporter sees, by page and by API, and is audited; an allow-listed,
authenticated sender's next mail is clean with the reason shown, a forged one is not; a
block-listed URL makes a mail phishing; the lists export as a config file the loader reads back.
SQLite always, PostgreSQL when MAILAUTOPSY_TEST_POSTGRES names one."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from helpers import build_mail
from helpers.postgres import database_url
from helpers.webapp import bearer, post_mail
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from mailautopsy import knowledge
from mailautopsy.analyze import analyze
from mailautopsy.store.db import ListChange, VerdictChange
from mailautopsy.web.app import WebSettings, create_app
from mailautopsy.web.security import create_token, create_user

PASSWORD = "a long password 1"
PASS = "mx.example.jp; dkim=pass header.d=partner.example; spf=pass smtp.mailfrom=billing@partner.example"
FORGED = "mx.example.jp; dkim=none; spf=fail smtp.mailfrom=x@evil.example; dmarc=fail header.from=partner.example"
LURE = (
    '<p>Your mailbox is full. <a href="https://login.evil.example/owa">https://www.smbc.co.jp/login</a> '
    "verify your password now or your account will be suspended.</p>"
)


def _mail(subject: str, auth: str | None = PASS, html: str = LURE) -> bytes:
    trace = [("Authentication-Results", auth)] if auth else []
    return build_mail(
        from_="Billing <billing@partner.example>",
        to="taro@example.jp",
        subject=subject,
        html=html,
        text=None,
        trace=trace,
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def web(request, tmp_path):
    with database_url(request.param) as database:
        settings = WebSettings(data_dir=tmp_path / "data", database_url=database, processes=1)
        app = create_app(settings)
        with sessionmaker(app.state.engine).begin() as db:
            tokens = {
                n: create_token(db, create_user(db, n, r, PASSWORD))
                for n, r in (("ana", "analyst"), ("rep", "reporter"))
            }
        with TestClient(app) as client:
            client.tokens = tokens  # type: ignore[attr-defined]
            yield client
        app.state.engine.dispose()


submit = post_mail


def page_session(client, name: str) -> tuple[TestClient, str]:
    """A browser of its own (cookies apart from the other user's), signed in: (client, CSRF token)."""
    browser = TestClient(client.app)
    page = browser.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    response = browser.post("/login", data={"username": name, "password": PASSWORD, "csrf": csrf})
    return browser, re.search(r'name="csrf" value="([^"]+)"', response.text).group(1)


def test_an_override_changes_what_the_reporter_sees_and_is_audited(web):
    first = submit(web, _mail("Invoice", auth=None))
    analysis = first["id"]
    assert first["verdict"] in ("phishing", "suspicious") and first["decided_by"] == "analysis"
    reporter, _ = page_session(web, "rep")
    assert "分析担当者がこのメールを確認し" not in reporter.get(f"/analyses/{analysis}?lang=ja").text  # looked first

    analyst, csrf = page_session(web, "ana")
    form = {"csrf": csrf, "action": "set", "verdict": "clean", "reason": "給与明細の正規の通知です(総務に確認済み)"}
    assert analyst.post(f"/analyses/{analysis}/override", data=form, follow_redirects=False).status_code == 303
    assert analyst.post(f"/analyses/{analysis}/override", data={**form, "csrf": "wrong"}).status_code == 403
    assert analyst.post(f"/analyses/{analysis}/override", data={**form, "reason": " "}).status_code == 422

    ja = reporter.get(f"/analyses/{analysis}?lang=ja").text
    assert "分析担当者がこのメールを確認し、「詐欺の兆候なし」と判定しました。" in ja
    assert "給与明細の正規の通知です" in ja and ">ana<" not in ja
    en = reporter.get(f"/analyses/{analysis}?lang=en").text
    assert "An analyst reviewed this mail and decided" in en
    got = web.get(f"/api/analyses/{analysis}", headers=bearer(web, "rep")).json()
    assert got["verdict"] == "clean" and got["decided_by"] == "analyst"
    assert got["override"]["reason"].startswith("給与明細") and got["override"]["by"] is None
    assert got["automatic_verdict"] == first["verdict"]
    listed = web.get("/api/analyses", headers=bearer(web, "rep")).json()["items"][0]
    assert listed["verdict"] == "clean" and listed["decided_by"] == "analyst"
    found = web.get("/api/analyses?verdict=clean", headers=bearer(web, "rep")).json()["items"]
    assert [a["id"] for a in found] == [analysis]  # the history searches the final verdict
    assert web.get(f"/api/analyses?verdict={first['verdict']}", headers=bearer(web, "rep")).json()["total"] == 0
    assert web.get(f"/api/analyses/{analysis}/override", headers=bearer(web, "rep")).json()["history"] == []

    withdrawn = web.delete(f"/api/analyses/{analysis}/override?reason=mistake", headers=bearer(web, "ana")).json()
    assert withdrawn["verdict"] == first["verdict"] and withdrawn["decided_by"] == "analysis"
    history = [(c["old_verdict"], c["new_verdict"], c["by"], c["reason"][:4]) for c in reversed(withdrawn["history"])]
    assert history == [(None, "clean", "ana", "給与明細"), ("clean", None, "ana", "mist")]
    with sessionmaker(web.app.state.engine)() as db:
        rows = db.scalars(select(VerdictChange).order_by(VerdictChange.id)).all()
        assert [(r.old_verdict, r.new_verdict) for r in rows] == [(None, "clean"), ("clean", None)]
        assert all(r.user_id is not None and r.changed_at is not None for r in rows)


def test_only_analysts_override_and_a_reason_is_required(web):
    analysis = submit(web, _mail("Invoice"))["id"]
    url = f"/api/analyses/{analysis}/override"
    assert web.put(url, json={"verdict": "clean", "reason": "mine"}, headers=bearer(web, "rep")).status_code == 403
    assert web.delete(url, headers=bearer(web, "rep")).status_code == 403
    assert web.put(url, json={"verdict": "clean", "reason": ""}, headers=bearer(web, "ana")).status_code == 422
    assert web.put(url, json={"verdict": "fine", "reason": "x"}, headers=bearer(web, "ana")).status_code == 422
    assert (
        web.put(
            "/api/analyses/nope/override", json={"verdict": "clean", "reason": "x"}, headers=bearer(web, "ana")
        ).status_code
        == 404
    )
    done = web.put(url, json={"verdict": "phishing", "reason": "seen before"}, headers=bearer(web, "ana")).json()
    assert done["verdict"] == "phishing" and done["override"]["by"] == "ana" and len(done["history"]) == 1


def add(client, list_: str, kind: str, value: str, reason: str, name: str = "ana"):
    return client.post(
        "/api/lists", json={"list": list_, "kind": kind, "value": value, "reason": reason}, headers=bearer(client, name)
    )


def test_an_allow_listed_senders_next_mail_is_clean_with_the_reason(web):
    before = submit(web, _mail("Invoice April"))
    assert before["verdict"] != "clean"
    analyst, csrf = page_session(web, "ana")
    form = {
        "csrf": csrf,
        "list": "allow",
        "kind": "domain",
        "value": "Partner.example",
        "reason": "our payroll provider",
    }
    assert analyst.post("/lists", data=form, follow_redirects=False).status_code == 303
    assert "partner.example" in analyst.get("/lists").text

    after = submit(web, _mail("Invoice May"))
    assert after["verdict"] == "clean" and after["decided_by"] == "analysis"
    result = web.get(f"/api/analyses/{after['id']}", headers=bearer(web, "rep")).json()["result"]
    finding = next(f for f in result["findings"] if f["id"] == "SENDER_ALLOWLISTED")
    assert finding["params"]["reason"] == "our payroll provider"
    assert result["verdict_basis"]["lowered_by"] == ["SENDER_ALLOWLISTED"]
    reporter, _ = page_session(web, "rep")
    shown = reporter.get(f"/analyses/{after['id']}?lang=ja").text
    assert "our payroll provider" in shown and "許可リスト" in shown
    # The same mail as before the change is judged again, not copied from the earlier analysis.
    assert submit(web, _mail("Invoice April"))["verdict"] == "clean"

    forged = submit(web, _mail("Invoice June", auth=FORGED))
    assert forged["verdict"] != "clean"
    result = web.get(f"/api/analyses/{forged['id']}", headers=bearer(web, "rep")).json()["result"]
    assert "SENDER_ALLOWLIST_UNVERIFIED" in {f["id"] for f in result["findings"]}


def test_a_block_listed_url_makes_the_next_mail_phishing(web):
    harmless = '<p>The shared file: <a href="https://files.example.com/s/abc">files.example.com/s/abc</a></p>'
    assert submit(web, _mail("Files", auth=None, html=harmless))["verdict"] == "clean"
    assert add(web, "block", "url", "https://files.example.com/s/", "used in last week's campaign").status_code == 201
    again = submit(web, _mail("Files again", auth=None, html=harmless))
    assert again["verdict"] == "phishing"
    result = web.get(f"/api/analyses/{again['id']}", headers=bearer(web, "ana")).json()["result"]
    finding = next(f for f in result["findings"] if f["id"] == "LINK_BLOCKLISTED")
    assert finding["params"]["reason"] == "used in last week's campaign"


def test_list_edits_are_analysts_only_checked_and_audited(web):
    assert add(web, "block", "domain", "evil.example", "x", name="rep").status_code == 403
    assert web.get("/api/lists", headers=bearer(web, "rep")).status_code == 403
    assert web.get("/api/lists/export", headers=bearer(web, "rep")).status_code == 403
    assert add(web, "block", "domain", "not a domain", "x").status_code == 422
    assert add(web, "block", "domain", "evil.example", "").status_code == 422
    assert add(web, "allow", "domain", "gmail.com", "everyone's").status_code == 422
    entry = add(web, "block", "domain", "evil.example", "phishing kit host").json()
    assert add(web, "allow", "domain", "EVIL.example", "again").status_code == 422
    removed = web.delete(f"/api/lists/{entry['id']}?reason=taken down", headers=bearer(web, "ana"))
    assert removed.status_code == 200
    state = removed.json()
    assert state["entries"] == []
    assert [(c["action"], c["value"], c["reason"], c["by"]) for c in state["changes"]] == [
        ("remove", "evil.example", "taken down", "ana"),
        ("add", "evil.example", "phishing kit host", "ana"),
    ]
    with sessionmaker(web.app.state.engine)() as db:
        assert len(db.scalars(select(ListChange)).all()) == 2


def test_the_export_is_a_config_file_the_loader_reads_back(web, tmp_path: Path):
    for args in (
        ("allow", "sender", "billing@partner.example", 'payroll "provider"'),
        ("allow", "url", "https://portal.example.com/App", "our SSO"),
        ("block", "domain", "evil.example", "phishing kit host\nsecond line"),
        ("block", "url", "https://files.example.com/s/", "campaign"),
    ):
        assert add(web, *args).status_code == 201
    exported = web.get("/api/lists/export", headers=bearer(web, "ana"))
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("application/toml")
    path = tmp_path / "exported.toml"
    path.write_bytes(exported.content)
    lists = knowledge.load(path).lists
    assert lists.allow_senders == ("billing@partner.example",) and lists.block_domains == ("evil.example",)
    assert lists.allow_urls == ("https://portal.example.com/App",)
    assert lists.reason("evil.example") == "phishing kit host\nsecond line"
    assert tomllib.loads(exported.text)["lists"]["block_urls"] == ["https://files.example.com/s/"]
    # The exported file with `analyze --config`: the block-listed domain makes a mail phishing.
    mail = build_mail(from_="Eve <eve@evil.example>", subject="Lunch", text="Lunch tomorrow?")
    assert analyze(mail).verdict == "clean" and analyze(mail, config=path).verdict == "phishing"
    # Imported into an empty deployment's lists, it gives the same export.
    for entry in web.get("/api/lists", headers=bearer(web, "ana")).json()["entries"]:
        web.delete(f"/api/lists/{entry['id']}", headers=bearer(web, "ana"))
    imported = web.post("/api/lists/import", content=exported.content, headers=bearer(web, "ana"))
    assert imported.json() == {"added": 4, "already_listed": 0}
    again = web.get("/api/lists/export", headers=bearer(web, "ana")).text
    assert again.split("\n", 2)[2] == exported.text.split("\n", 2)[2]  # the same but for the date line
    bad = web.post("/api/lists/import", content=b"[lists]\nblock_url = []\n", headers=bearer(web, "ana"))
    assert bad.status_code == 422 and "import:2: lists: unknown key 'block_url'" in bad.json()["detail"]
