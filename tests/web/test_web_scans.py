"""The web app and the command line share one database: `scan --store` pointed at the web app's
data-dir database (or its PostgreSQL URL), and analysts list those results, filtered, with
each result's JSON linked; reporters do not see them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from helpers import build_mail
from helpers.postgres import database_url
from sqlalchemy.orm import sessionmaker

from mailautopsy.cli import main
from mailautopsy.web.app import WebSettings, create_app
from mailautopsy.web.security import create_token, create_user

LURE = build_mail(
    from_="Amazon Security <alert@amazon-check.example.net>",
    subject="Amazon: verify your account now",
    text="Your account will be suspended. Log in to verify your account: https://amazon-check.example.net/\n",
)
CHAT = build_mail(subject="Lunch", text="Lunch at noon tomorrow?\n", msgid="<lunch@example.org>")


@contextmanager
def _web_app(tmp_path: Path, kind: str) -> Iterator[tuple[Any, dict[str, str], str | None]]:
    """The app on SQLite or PostgreSQL, an analyst's and a reporter's API tokens, its database
    URL (None: the data directory's SQLite), and an empty input folder `tmp_path/in`."""
    with database_url(kind) as database:
        app = create_app(WebSettings(data_dir=tmp_path / "data", database_url=database, processes=1))
        with sessionmaker(app.state.engine).begin() as db:
            tokens = {role: create_token(db, create_user(db, role, role)) for role in ("analyst", "reporter")}
        (tmp_path / "in").mkdir()
        yield app, tokens, database


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_analysts_see_what_scan_stored_in_the_web_database(tmp_path: Path, kind: str) -> None:
    with _web_app(tmp_path, kind) as (app, tokens, database):
        (tmp_path / "in" / "lure.eml").write_bytes(LURE)
        (tmp_path / "in" / "chat.eml").write_bytes(CHAT)
        store = database or str(tmp_path / "data")  # the data directory: its database
        assert main(["scan", str(tmp_path / "in"), "--store", store, "--csv"]) in (1, 2)
        with TestClient(app) as client:
            ana: dict[str, Any] = {"headers": {"Authorization": f"Bearer {tokens['analyst']}"}}
            got = client.get("/api/scan-results", **ana).json()
            assert got["total"] == 2
            (lure,) = client.get("/api/scan-results?verdict=phishing", **ana).json()["items"]
            assert client.get("/api/scan-results?sender=AMAZON-check", **ana).json()["items"] == [lure]
            assert lure["from"] == "alert@amazon-check.example.net"
            assert lure["source"] == str(tmp_path / "in" / "lure.eml")
            whole = client.get(lure["json"], **ana).json()
            assert whole["result"]["extracted"]["subject"] == "Amazon: verify your account now"
            assert {k: whole[k] for k in lure} == lure
            html = client.get("/scans?verdict=phishing&lang=en", **ana).text
            assert "Amazon: verify your account now" in html and "Lunch" not in html
            assert f'href="{lure["json"]}"' in html
            reporter = {"Authorization": f"Bearer {tokens['reporter']}"}
            assert client.get("/api/scan-results", headers=reporter).status_code == 403
            assert client.get("/api/scan-results/999999", **ana).status_code == 404
        app.state.engine.dispose()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_analysts_see_the_campaigns_scan_recorded(tmp_path: Path, kind: str) -> None:
    with _web_app(tmp_path, kind) as (app, tokens, database):
        for i in range(3):  # one template, three recipients
            mail = LURE.replace(b"Your account", f"Dear customer {i}, your account".encode())
            (tmp_path / "in" / f"lure{i}.eml").write_bytes(mail.replace(b"Message-ID: <", f"Message-ID: <{i}".encode()))
        (tmp_path / "in" / "chat.eml").write_bytes(CHAT)
        store = database or str(tmp_path / "data")
        assert main(["scan", str(tmp_path / "in"), "--store", store, "--csv"]) in (1, 2)
        with TestClient(app) as client:
            analyst = {"Authorization": f"Bearer {tokens['analyst']}"}
            html = client.get("/campaigns?lang=en", headers=analyst).text
            assert "C-0002" in html and "verify your account now" in html.lower()  # C-0001: chat.eml, read first
            assert "lunch" not in html.lower()  # a campaign of one mail is below the default size of 2
            assert "lunch" in client.get("/campaigns?min_size=1&lang=ja", headers=analyst).text.lower()
            reporter = {"Authorization": f"Bearer {tokens['reporter']}"}
            assert client.get("/campaigns", headers=reporter).status_code == 403
        app.state.engine.dispose()
