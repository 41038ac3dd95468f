"""Analysts' labels teach the deployment's model (issue 15 item 4): who may label, the audit of
every change, background training that equals `mailautopsy learn`, idempotent replays, export and
import, and new analyses judged with the model. SQLite always, PostgreSQL when
MAILAUTOPSY_TEST_POSTGRES names one."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from helpers import build_mail
from helpers.postgres import database_url
from helpers.webapp import bearer, post_mail
from sqlalchemy import create_engine, text, update
from sqlalchemy.orm import sessionmaker

from mailautopsy.cli import main
from mailautopsy.store.db import LabelChange, migrate
from mailautopsy.web.app import WebSettings, create_app
from mailautopsy.web.security import create_token, create_user

PASSWORD = "a long password 1"


def _mail(subject: str, body: str) -> bytes:
    return build_mail(from_="Service <notice@shop.example.net>", to="taro@example.jp", subject=subject, text=body)


PHISH = [
    _mail("Win a prize today", f"Congratulations winner {i}! Claim your lottery prize, send your bank fee.")
    for i in range(4)
]
HAM = [
    _mail("Minutes of the meeting", f"Attached the minutes of meeting {i}; the next review is on Thursday.")
    for i in range(4)
]
PROBE = _mail("Claim your prize", "Dear winner, claim the lottery prize: send the bank fee now.")


@pytest.fixture(params=["sqlite", "postgresql"])
def web(request, tmp_path):
    with database_url(request.param) as database:
        yield from _serve(tmp_path, database)


def _serve(tmp_path, database):
    settings = WebSettings(data_dir=tmp_path / "data", database_url=database, processes=1)
    app = create_app(settings)
    accounts = {}
    with sessionmaker(app.state.engine).begin() as db:
        for name, role in (("ana", "analyst"), ("rep", "reporter")):
            accounts[name] = create_token(db, create_user(db, name, role, PASSWORD))
    with TestClient(app) as client:
        client.tokens = accounts  # type: ignore[attr-defined]
        client.settings = settings  # type: ignore[attr-defined]
        yield client
    app.state.engine.dispose()


def submit(client, raw: bytes, name: str = "rep") -> str:
    return str(post_mail(client, raw, name)["id"])


def label(client, analysis_id: str, value: str | None, name: str = "ana"):
    url = f"/api/analyses/{analysis_id}/label"
    if value is None:
        return client.delete(url, headers=bearer(client, name))
    return client.put(url, json={"label": value}, headers=bearer(client, name))


def train(client) -> int:
    return int(client.app.state.runtime.trainer.apply_pending())


def model_rows(path: Path) -> tuple[list[tuple], list[tuple]]:
    """What decides every judgement: the counts and each learnt message's label and features."""
    db = sqlite3.connect(path)
    try:
        counts = db.execute("SELECT feature, ham, phish FROM counts ORDER BY feature").fetchall()
        messages = db.execute("SELECT id, label, features FROM messages ORDER BY id").fetchall()
    finally:
        db.close()
    return counts, messages


def test_analysts_label_change_and_clear_and_every_change_is_kept(web):
    analysis = submit(web, PHISH[0])
    first = label(web, analysis, "legitimate")
    assert first.status_code == 200 and first.json()["label"] == "legitimate" and first.json()["by"] == "ana"
    assert label(web, analysis, "phishing").json()["label"] == "phishing"
    cleared = label(web, analysis, None).json()
    assert cleared["label"] is None and cleared["by"] is None
    history = [(c["old_label"], c["new_label"], c["by"]) for c in reversed(cleared["history"])]
    assert history == [(None, "legitimate", "ana"), ("legitimate", "phishing", "ana"), ("phishing", None, "ana")]
    assert all(c["at"] for c in cleared["history"])
    assert label(web, analysis, "spam").status_code == 422
    assert label(web, "no-such-id", "phishing").status_code == 404


def test_reporters_cannot_label_and_their_submissions_never_train(web):
    analysis = submit(web, PHISH[0], "rep")
    for response in (
        label(web, analysis, "phishing", "rep"),
        label(web, analysis, None, "rep"),
        web.get(f"/api/analyses/{analysis}/label", headers=bearer(web, "rep")),
        web.get("/api/labels/export", headers=bearer(web, "rep")),
        web.post("/api/labels/import", content=b"{}", headers=bearer(web, "rep")),
    ):
        assert response.status_code == 403
    assert train(web) == 0
    model = web.settings.model_file
    assert not model.exists() or model_rows(model) == ([], [])


def test_the_web_model_equals_what_mailautopsy_learn_makes(web, tmp_path):
    ids = [submit(web, raw) for raw in PHISH + HAM + [PROBE]]
    phish, ham, probe = ids[:4], ids[4:8], ids[8]
    label(web, phish[0], "legitimate")  # a mistake, corrected below: forget, then learn
    for analysis in phish:
        label(web, analysis, "phishing")
    for analysis in ham:
        label(web, analysis, "legitimate")
    label(web, probe, "phishing")  # labelled, then cleared: forgotten
    label(web, probe, None)
    train(web)  # whatever the background thread has not applied yet
    state = web.get(f"/api/analyses/{phish[0]}/label", headers=bearer(web, "ana")).json()
    assert state["applied"] and [c["applied"] for c in state["history"]] == [True, True]

    folders = {"phish": PHISH, "ham": HAM}
    for kind, mails in folders.items():
        (tmp_path / kind).mkdir()
        for i, raw in enumerate(mails):
            (tmp_path / kind / f"{i}.eml").write_bytes(raw)
    cli_model = tmp_path / "cli.sqlite3"
    assert (
        main(["learn", "--phish", str(tmp_path / "phish"), "--ham", str(tmp_path / "ham"), "--model", str(cli_model)])
        == 0
    )
    assert model_rows(web.settings.model_file) == model_rows(cli_model)


def test_applying_again_after_a_restart_counts_nothing_twice(web):
    for raw, value in ((PHISH[0], "phishing"), (HAM[0], "legitimate"), (PHISH[1], "legitimate")):
        label(web, submit(web, raw), value)
    train(web)
    before = model_rows(web.settings.model_file)
    with web.app.state.runtime.sessions.begin() as db:  # as if the server stopped before marking them
        db.execute(update(LabelChange).values(applied=False))
    assert train(web) == 3
    assert model_rows(web.settings.model_file) == before


def test_export_and_import_by_the_mail_sha256(web):
    ids = [submit(web, raw) for raw in (PHISH[0], HAM[0])]
    label(web, ids[0], "phishing")
    label(web, ids[1], "legitimate")
    exported = web.get("/api/labels/export", headers=bearer(web, "ana"))
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in exported.text.splitlines()]
    assert sorted((x["label"], x["by"]) for x in lines) == [("legitimate", "ana"), ("phishing", "ana")]
    assert all(re.fullmatch(r"[0-9a-f]{64}", x["sha256"]) and x["at"] for x in lines)
    for analysis in ids:
        label(web, analysis, None)
    unknown = json.dumps({"sha256": "0" * 64, "label": "phishing", "by": "x", "at": "2026-01-01T00:00:00+00:00"})
    body = exported.text + unknown + "\nnot json\n"
    report = web.post("/api/labels/import", content=body.encode(), headers=bearer(web, "ana"))
    assert report.json() == {"lines": 4, "matched": 2, "unknown": 1, "changed": 2, "invalid": 1}
    state = web.get(f"/api/analyses/{ids[0]}/label", headers=bearer(web, "ana")).json()
    assert state["label"] == "phishing" and state["history"][0]["note"].startswith("import: ana ")


def test_new_analyses_are_judged_with_the_trained_model(web):
    before = web.get(f"/api/analyses/{submit(web, PROBE)}", headers=bearer(web, "rep")).json()
    assert "CONTENT_LEARNED" not in {f["id"] for f in before["result"]["findings"]}
    for raw in PHISH:
        label(web, submit(web, raw), "phishing")
    for raw in HAM:
        label(web, submit(web, raw), "legitimate")
    train(web)
    headers = {**bearer(web, "rep"), "Content-Type": "message/rfc822"}
    after = web.post("/api/analyses", content=PROBE, headers=headers, params={"force": "true"}).json()
    got = web.get(f"/api/analyses/{after['id']}", headers=bearer(web, "rep")).json()
    assert "CONTENT_LEARNED" in {f["id"] for f in got["result"]["findings"]}
    report = web.get(f"/api/analyses/{after['id']}/report/md", params={"lang": "en"}, headers=bearer(web, "rep"))
    assert "CONTENT_LEARNED" in report.text  # the page and reports keep the judgement made then


def _login(client, name: str) -> str:
    page = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    response = client.post("/login", data={"username": name, "password": PASSWORD, "csrf": csrf})
    return re.search(r'name="csrf" value="([^"]+)"', response.text).group(1)


def test_the_result_page_labels_in_english_and_japanese(web):
    analysis = submit(web, PHISH[0], "ana")
    csrf = _login(web, "ana")
    page = web.get(f"/analyses/{analysis}", params={"lang": "ja"})
    assert "分析担当者の判定" in page.text and "フィッシングと判定する" in page.text
    done = web.post(f"/analyses/{analysis}/label", data={"label": "phishing", "csrf": csrf})
    assert done.status_code == 200 and "判定を取り消す" in done.text
    assert web.post(f"/analyses/{analysis}/label", data={"label": "clear", "csrf": "wrong"}).status_code == 403
    english = web.get(f"/analyses/{analysis}", params={"lang": "en"}).text
    assert "Clear the label" in english and "Label history" in english


def test_reporters_see_no_label_buttons(web):
    analysis = submit(web, PHISH[0], "rep")
    csrf = _login(web, "rep")
    assert "label-buttons" not in web.get(f"/analyses/{analysis}", params={"lang": "en"}).text
    assert web.post(f"/analyses/{analysis}/label", data={"label": "phishing", "csrf": csrf}).status_code == 403


def test_migration_0003_goes_down_and_up(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    migrate(engine)
    migrate_down = sessionmaker(engine)
    with migrate_down.begin() as db:
        assert db.execute(text("SELECT COUNT(*) FROM label_changes")).scalar() == 0
    from alembic import command
    from alembic.config import Config

    from mailautopsy.store import db as webdb

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(webdb.__file__).parent / "migrations"))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0002")
    with engine.connect() as conn:
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))}
    assert "labels" not in tables and "label_changes" not in tables
    migrate(engine)
    engine.dispose()
