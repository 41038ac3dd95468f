"""The web app and API with the real app and a real database: SQLite always, PostgreSQL when
MAILAUTOPSY_TEST_POSTGRES names one (.ci/run starts one from Debian's packages)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from helpers import EXAMPLES, build_mail
from helpers.postgres import database_url
from sqlalchemy.orm import sessionmaker

from mailautopsy.cli import main
from mailautopsy.web.app import WebSettings, create_app, split_uploads
from mailautopsy.web.security import create_token, create_user

SEED = (EXAMPLES / "kagoya-phish.eml").read_bytes()
PASSWORD = "a long password 1"


@pytest.fixture(params=["sqlite", "postgresql"])
def web(request, tmp_path):
    with database_url(request.param) as database:
        yield from _serve(tmp_path, database)


def _serve(tmp_path, database):
    settings = WebSettings(data_dir=tmp_path, database_url=database, processes=1)
    app = create_app(settings)
    accounts = {}
    with sessionmaker(app.state.engine).begin() as db:
        for name, role in (("ana", "analyst"), ("rep", "reporter"), ("rep2", "reporter")):
            user = create_user(db, name, role, PASSWORD)
            accounts[name] = create_token(db, user)
    with TestClient(app) as client:
        client.tokens = accounts  # type: ignore[attr-defined]
        client.settings = settings  # type: ignore[attr-defined]
        yield client
    app.state.engine.dispose()


def bearer(client, name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {client.tokens[name]}"}


def post_message(client, name: str, raw: bytes = SEED, **params: str):
    headers = {**bearer(client, name), "Content-Type": "message/rfc822"}
    return client.post("/api/analyses", content=raw, headers=headers, params=params)


def login(client, name: str) -> str:
    """Sign in through the form; returns the page CSRF token."""
    page = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    response = client.post("/login", data={"username": name, "password": PASSWORD, "csrf": csrf})
    assert response.status_code == 200 and response.url.path == "/"
    return re.search(r'name="csrf" value="([^"]+)"', response.text).group(1)


# --- API --------------------------------------------------------------------------------------------


def test_submit_and_read_back(web):
    response = post_message(web, "rep")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "done" and body["verdict"] == "phishing" and body["brand"] == "KAGOYA"
    got = web.get(f"/api/analyses/{body['id']}", headers=bearer(web, "rep")).json()
    assert got["result"]["verdict"] == "phishing"
    assert "SENDER_BRAND_MISMATCH" in {f["id"] for f in got["result"]["findings"]}
    listing = web.get("/api/analyses", params={"domain": "beak.host"}, headers=bearer(web, "rep")).json()
    assert listing["total"] == 1 and listing["items"][0]["id"] == body["id"]
    for fmt, marker in (("md", b"# "), ("html", b"<!DOCTYPE html>"), ("iocs", b"type,value"), ("stix", b'"bundle"')):
        report = web.get(f"/api/analyses/{body['id']}/report/{fmt}", params={"lang": "en"}, headers=bearer(web, "rep"))
        assert report.status_code == 200 and marker in report.content
        assert b"administrator@example.co.jp" not in report.content


def test_multipart_and_zip_upload(web):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("one.eml", SEED)
        zf.writestr("two.eml", build_mail(subject="Lunch", text="See you at noon."))
        zf.writestr("notes.pdf", b"%PDF-1.4")
    files = [("file", ("mails.zip", archive.getvalue(), "application/zip"))]
    response = web.post("/api/analyses", files=files, headers=bearer(web, "ana"))
    assert response.status_code == 201
    body = response.json()
    assert sorted(a["verdict"] for a in body["analyses"]) == ["clean", "phishing"]
    assert body["rejected"] == [{"filename": "mails.zip/notes.pdf", "reason": "not a message (.eml, .msg)"}]


def test_identical_message_is_not_analysed_twice(web):
    first = post_message(web, "rep").json()
    again = post_message(web, "rep").json()
    assert again["id"] == first["id"] and again["duplicate"] is True
    forced = post_message(web, "rep", force="true").json()
    assert forced["id"] != first["id"] and forced["duplicate"] is False
    # another reporter gets their own copy of the result, not access to the first one
    other = web.post(
        "/api/analyses",
        content=SEED,
        headers={**bearer(web, "rep2"), "Content-Type": "message/rfc822", "X-Filename": "mine.eml"},
    ).json()
    assert other["id"] != first["id"] and other["duplicate"] is True and other["verdict"] == "phishing"
    copy = web.get(f"/api/analyses/{other['id']}", headers=bearer(web, "rep2")).json()
    assert copy["filename"] == "mine.eml" and copy["result"]["source"] == "mine.eml"  # not the first uploader's
    report = web.get(f"/api/analyses/{other['id']}/report/md", headers=bearer(web, "rep2"))
    assert report.status_code == 200


def test_reporters_cannot_read_each_other(web):
    mine = post_message(web, "rep").json()["id"]
    assert web.get(f"/api/analyses/{mine}", headers=bearer(web, "rep2")).status_code == 404
    assert web.get(f"/api/analyses/{mine}/report/md", headers=bearer(web, "rep2")).status_code == 404
    assert web.get("/api/analyses", headers=bearer(web, "rep2")).json()["total"] == 0
    assert web.get(f"/api/analyses/{mine}", headers=bearer(web, "ana")).status_code == 200  # analysts see all
    guessed = mine[:-4] + ("0000" if not mine.endswith("0000") else "1111")
    assert web.get(f"/api/analyses/{guessed}", headers=bearer(web, "rep")).status_code == 404


def test_api_needs_credentials(web):
    assert web.post("/api/analyses", content=SEED, headers={"Content-Type": "message/rfc822"}).status_code == 401
    assert web.get("/api/analyses", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert (
        web.post(
            "/api/analyses", content=b"x", headers={**bearer(web, "rep"), "Content-Type": "text/plain"}
        ).status_code
        == 415
    )


def test_limits_reject_clearly_and_keep_what_was_stored(web):
    kept = post_message(web, "ana").json()["id"]
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("big.eml", b"A" * 30_000_000)
    response = web.post(
        "/api/analyses", files=[("file", ("bomb.zip", bomb.getvalue(), "application/zip"))], headers=bearer(web, "ana")
    )
    assert response.status_code == 400
    assert "zip bomb" in response.json()["rejected"][0]["reason"]
    assert web.get(f"/api/analyses/{kept}", headers=bearer(web, "ana")).json()["status"] == "done"


def test_zip_limits_unit(tmp_path):
    from mailautopsy.web.app import Upload

    settings = WebSettings(data_dir=tmp_path, max_zip_entries=3, max_files=2)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        for i in range(5):
            zf.writestr(f"{i}.eml", b"Subject: x\n\nbody")
    ok, rejected = split_uploads([Upload("many.zip", archive.getvalue())], settings)
    assert ok == [] and "more than 3 files" in rejected[0][1]
    ok, rejected = split_uploads([Upload(f"{i}.eml", b"Subject: x\n\nb") for i in range(3)], settings)
    assert len(ok) == 2 and rejected == [("2.eml", "more than 2 messages at once")]
    assert split_uploads([Upload("e.eml", b"")], settings)[1] == [("e.eml", "empty file")]


# --- pages -----------------------------------------------------------------------------------------


def test_pages_sign_in_upload_result_history(web):
    csrf = login(web, "ana")
    response = web.post("/upload", data={"csrf": csrf}, files=[("files", ("kagoya.eml", SEED, "message/rfc822"))])
    assert response.status_code == 200 and response.url.path.startswith("/analyses/")
    assert "フィッシング" in web.get(response.url.path, params={"lang": "ja"}).text
    english = web.get(response.url.path, params={"lang": "en"}).text
    assert "phishing" in english and "KAGOYA" in english
    shown = re.sub(r'href="/indicators/[^"]*"', "", english)  # links to our own indicator pages
    assert "beak.host" not in shown and "https://active-japan" not in shown  # defanged on the page too
    history = web.get("/analyses", params={"domain": "beak.host"}).text
    assert response.url.path in history
    assert response.url.path in web.get("/indicators/domain/beak.host").text
    assert 'href="/indicators/domain/beak.host"' in english  # the result page links its indicators
    analysis_id = response.url.path.rsplit("/", 1)[1]
    archive = web.get(f"/analyses/{analysis_id}/attachments.zip")
    assert archive.status_code == 200 and archive.content[:2] == b"PK"


def test_forms_without_csrf_are_refused(web):
    login(web, "ana")
    response = web.post("/upload", files=[("files", ("kagoya.eml", SEED, "message/rfc822"))])
    assert response.status_code == 403
    response = web.post("/users", data={"username": "mallory", "password": "x" * 12, "role": "analyst"})
    assert response.status_code == 403
    # a session cookie alone does not let a cross-site script use the API either
    assert web.post("/api/analyses", content=SEED, headers={"Content-Type": "message/rfc822"}).status_code == 403
    page = web.get("/login")
    assert web.post("/login", data={"username": "ana", "password": PASSWORD}).status_code == 403
    assert page.status_code == 200


def test_session_cookie_flags_and_security_headers(web):
    page = web.get("/login")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "no-referrer"
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    response = web.post("/login", data={"username": "ana", "password": PASSWORD, "csrf": csrf}, follow_redirects=False)
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie


def test_login_is_rate_limited(web):
    for _ in range(5):
        page = web.get("/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        assert web.post("/login", data={"username": "ana", "password": "wrong", "csrf": csrf}).status_code == 401
    page = web.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    assert web.post("/login", data={"username": "ana", "password": PASSWORD, "csrf": csrf}).status_code == 429


def test_preview_is_sanitised_and_sandboxed(web):
    hostile = build_mail(
        html=(
            '<p>Hello</p><script>alert(1)</script><img src="http://127.0.0.1:9/pixel.gif" onerror="alert(2)">'
            '<a href="javascript:alert(3)">click</a><style>body{background:url(http://127.0.0.1:9/x)}</style>'
            '<form action="http://127.0.0.1:9/steal"><input type="password"></form>'
        ),
        text=None,
    )
    csrf = login(web, "rep")
    response = web.post("/upload", data={"csrf": csrf}, files=[("files", ("h.eml", hostile, "message/rfc822"))])
    analysis_id = response.url.path.rsplit("/", 1)[1]
    assert 'sandbox=""' in response.text
    preview = web.get(f"/analyses/{analysis_id}/preview")
    assert "sandbox" in preview.headers["content-security-policy"]
    body = preview.text.lower()
    for bad in ("<script", "<img", "javascript:", "onerror", "<style", "<form", "<input", "127.0.0.1"):
        assert bad not in body, bad
    assert "hello" in body


def test_reporters_cannot_manage_users_or_download_attachments(web):
    csrf = login(web, "rep")
    assert web.get("/users").status_code == 403
    response = web.post("/users", data={"username": "x", "password": "y" * 12, "role": "analyst", "csrf": csrf})
    assert response.status_code == 403
    mine = web.post("/upload", data={"csrf": csrf}, files=[("files", ("k.eml", SEED, "message/rfc822"))])
    assert web.get(mine.url.path + "/attachments.zip").status_code == 403


# --- command line ------------------------------------------------------------------------------------


def test_token_and_user_commands(tmp_path, capsys, monkeypatch):
    data = str(tmp_path)
    assert main(["token", "create", "--role", "analyst", "--data-dir", data]) == 0
    token = capsys.readouterr().out.split()[-1]
    assert token.startswith("mla_")
    monkeypatch.setattr("sys.stdin", io.StringIO("a long password 2\n"))
    assert main(["user", "create", "admin", "--role", "analyst", "--password-stdin", "--data-dir", data]) == 0
    app = create_app(WebSettings(data_dir=Path(data), processes=1))
    with TestClient(app) as client:
        response = client.get("/api/analyses", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200
    app.state.engine.dispose()


# --- property-based API testing against the OpenAPI description ---------------------------------------


def test_openapi_no_server_errors(tmp_path):
    import schemathesis
    from hypothesis import HealthCheck, given, settings

    app = create_app(WebSettings(data_dir=tmp_path, processes=1))
    with sessionmaker(app.state.engine).begin() as db:
        token = create_token(db, create_user(db, "ana", "analyst", PASSWORD))
    TestClient(app).post(
        "/api/analyses", content=SEED, headers={"Authorization": f"Bearer {token}", "Content-Type": "message/rfc822"}
    )
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures = []
    calls = []
    for operation in schema.get_all_operations():
        op = operation.ok()

        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
        @given(case=op.as_strategy())
        def run(case):
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
            response = case.call()
            calls.append(case.method)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:200]}")

        try:
            run()
        except SystemError as exc:
            # CPython 3.11's "AST constructor recursion depth mismatch" (gh-106905), seen once
            # while hypothesis compiled a generated test under xdist: an interpreter bug, not the
            # app's; the operation is generated and run again.
            if "AST constructor recursion depth" not in str(exc):
                raise
            run()
    app.state.worker.close()
    app.state.engine.dispose()
    assert failures == []
    assert len(calls) >= 50 and {"GET", "POST"} <= set(calls)


def test_online_analysis_runs_in_the_background(tmp_path):
    import time

    from helpers.servers import DnsTestServer, RdapTestServer, rdap_domain

    from mailautopsy.enrich.investigate import OnlineOptions

    zones = {"active-japan-top.beak.host": [("A", "45.8.227.97")], "cameo.plala.or.jp": [("A", "210.131.4.70")]}
    rdap = {"beak.host": rdap_domain("beak.host", "2025-04-19T10:00:00Z", "R", "NG")}
    with DnsTestServer(zones) as dns_server, RdapTestServer(rdap, ["host"]) as rdap_server:
        online = OnlineOptions(
            resolver=dns_server.address, cache_path=None, rdap_bootstrap=rdap_server.bootstrap, timeout=2.0
        )
        app = create_app(WebSettings(data_dir=tmp_path, processes=1, online=online))
        with sessionmaker(app.state.engine).begin() as db:
            token = create_token(db, create_user(db, "ana", "analyst", PASSWORD))
        headers = {"Authorization": f"Bearer {token}"}
        with TestClient(app) as client:
            response = client.post(
                "/api/analyses",
                content=SEED,
                params={"online": "true"},
                headers={**headers, "Content-Type": "message/rfc822"},
            )
            assert response.status_code == 201
            body = response.json()
            assert body["status"] == "running" and body["verdict"] is None and body["options"] == ["online"]
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                got = client.get(f"/api/analyses/{body['id']}", headers=headers).json()
                if got["status"] != "running":
                    break
                time.sleep(0.2)
            assert got["status"] == "done", got
            assert got["result"]["enrichment"]["sender_addresses"] == ["210.131.4.70"]
            assert "ONLINE_DOMAIN_NEW" in {f["id"] for f in got["result"]["findings"]}
        app.state.engine.dispose()


def test_cookies_are_secure_over_tls(tmp_path):
    app = create_app(WebSettings(data_dir=tmp_path, processes=1))
    with sessionmaker(app.state.engine).begin() as db:
        create_user(db, "ana", "analyst", PASSWORD)
    with TestClient(app, base_url="https://testserver") as client:
        page = client.get("/login")
        assert "Secure" in page.headers["set-cookie"]
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        response = client.post(
            "/login", data={"username": "ana", "password": PASSWORD, "csrf": csrf}, follow_redirects=False
        )
        cookie = response.headers["set-cookie"]
        assert "Secure" in cookie and "HttpOnly" in cookie
        # the sign-in form's own CSRF cookie is Secure on every answer that sets it: after a
        # failed sign-in and when signing in is rate-limited too
        statuses = set()
        for _ in range(6):
            csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
            failed = client.post("/login", data={"username": "ana", "password": "wrong", "csrf": csrf})
            statuses.add(failed.status_code)
            login_cookie = failed.headers["set-cookie"]
            assert "mailautopsy_login_csrf=" in login_cookie and "Secure" in login_cookie, login_cookie
        assert statuses == {401, 429}
    app.state.engine.dispose()


def test_oversized_submission_is_refused_before_reading(tmp_path):
    app = create_app(WebSettings(data_dir=tmp_path, processes=1, max_request_bytes=100_000))
    with sessionmaker(app.state.engine).begin() as db:
        token = create_token(db, create_user(db, "ana", "analyst", PASSWORD))
    with TestClient(app) as client:
        headers = {"Authorization": f"Bearer {token}"}
        big = [("file", (f"{i}.eml", b"Subject: x\n\n" + b"a" * 60_000, "message/rfc822")) for i in range(3)]
        response = client.post("/api/analyses", files=big, headers=headers)
        assert response.status_code == 413 and "larger than" in response.json()["detail"]
        assert client.get("/api/analyses", headers=headers).json()["total"] == 0
    app.state.engine.dispose()


def test_error_pages_are_pages_and_unfinished_work_is_marked(tmp_path):
    from mailautopsy.store.db import StoredAnalysis, User

    app = create_app(WebSettings(data_dir=tmp_path, processes=1))
    with sessionmaker(app.state.engine).begin() as db:
        create_user(db, "ana", "analyst", PASSWORD)
    with TestClient(app) as client:
        login(client, "ana")
        missing = client.get("/analyses/00000000-0000-0000-0000-000000000000")
        assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
        assert "no such analysis" in missing.text and 'href="/analyses"' in missing.text
    with sessionmaker(app.state.engine).begin() as db:
        owner = db.query(User).first()
        db.add(StoredAnalysis(id="x" * 36, sha256="0" * 64, owner_id=owner.id, status="running", raw=b"x"))
    app.state.engine.dispose()
    restarted = create_app(WebSettings(data_dir=tmp_path, processes=1))
    with sessionmaker(restarted.state.engine).begin() as db:
        row = db.get(StoredAnalysis, "x" * 36)
        assert row.status == "failed" and "interrupted" in row.error
    restarted.state.worker.close()
    restarted.state.engine.dispose()


def test_bodies_without_length_are_refused_and_paths_stay_local(web):
    def chunks():
        yield b"Subject: x\n\n"
        yield b"a" * 1000

    headers = {**bearer(web, "rep"), "Content-Type": "message/rfc822"}
    assert web.post("/api/analyses", content=chunks(), headers=headers).status_code == 411
    login(web, "rep")
    page = web.get("//evil.example/x")
    assert 'href="//evil.example' not in page.text


def test_serve_starts_and_answers(tmp_path):
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "mailautopsy", "serve", "--port", str(port), "--data-dir", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/login", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.3)
        else:
            pytest.fail("serve did not answer")
        assert response.status_code == 200
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=20)
    assert b"mailautopsy user create admin --role analyst" in err
