"""The web result page's header table and the source view (issue 19 item 1): escaped, the
recipient masked for reporters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from helpers import EXAMPLES, build_mail
from sqlalchemy.orm import sessionmaker

from mailautopsy.web.app import WebSettings, create_app
from mailautopsy.web.security import create_user

SEED = (EXAMPLES / "kagoya-phish.eml").read_bytes()
PASSWORD = "a long password 1"


@pytest.fixture
def web(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(WebSettings(data_dir=tmp_path, processes=1))
    with sessionmaker(app.state.engine).begin() as db:
        create_user(db, "ana", "analyst", PASSWORD)
        create_user(db, "rep", "reporter", PASSWORD)
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


def _submit(client: TestClient, name: str, raw: bytes) -> str:
    client.cookies.clear()
    page = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    home = client.post("/login", data={"username": name, "password": PASSWORD, "csrf": csrf})
    csrf = re.search(r'name="csrf" value="([^"]+)"', home.text).group(1)  # type: ignore[union-attr]
    response = client.post("/upload", data={"csrf": csrf}, files=[("files", ("m.eml", raw, "message/rfc822"))])
    assert response.status_code == 200 and response.url.path.startswith("/analyses/")
    return response.url.path


def test_header_table_on_the_result_page(web: TestClient) -> None:
    path = _submit(web, "ana", SEED)
    page = web.get(path, params={"lang": "ja"}).text
    assert '<details class="headers">' in page and "ヘッダー一覧" in page and "中継 1" in page
    assert "=?utf-8?b?W3NwYW1d" in page  # the raw Subject beside the decoded one
    assert "administrator@example.co.jp" in page  # analysts see the mail as received


def test_hostile_header_is_escaped(web: TestClient) -> None:
    raw = build_mail(trace=[("X-Evil", '<script>alert(1)</script>"><img src=x onerror=alert(2)>')])
    page = web.get(_submit(web, "ana", raw), params={"lang": "en"}).text
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_source_view_numbered_escaped_and_masked_for_reporters(web: TestClient) -> None:
    analyst = web.get(_submit(web, "ana", SEED) + "/source").text
    assert '<td class="ln">1</td>' in analyst and "administrator@example.co.jp" in analyst
    reporter_path = _submit(web, "rep", SEED)
    reporter = web.get(reporter_path + "/source", params={"lang": "en"}).text
    assert "administrator@example.co.jp" not in reporter and "*****" in reporter
    assert "masked" in reporter
    result = web.get(reporter_path, params={"lang": "en"}).text
    assert "administrator@example.co.jp" not in result.split('<details class="headers">', 1)[1]
    raw = build_mail(trace=[("X-Evil", "</code></td><script>alert(1)</script>")])
    hostile = web.get(_submit(web, "ana", raw) + "/source").text
    assert "<script>alert(1)" not in hostile
