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


def _variant(i: int) -> bytes:
    mail = LURE.replace(b"Your account", f"Dear customer {i}, your account".encode())
    return mail.replace(b"Message-ID: <", f"Message-ID: <{i}".encode())


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_uploads_join_campaigns_and_link_them(tmp_path: Path, kind: str) -> None:
    """A mail submitted to the web app is judged against the database's campaigns (new, or seen
    before with the count) and joins its campaign, beside what `scan --store` recorded there; the
    analyst's result page links the campaign, whose page lists its mails, each linked."""
    with _web_app(tmp_path, kind) as (app, tokens, database):
        (tmp_path / "in" / "lure0.eml").write_bytes(_variant(0))
        store = database or str(tmp_path / "data")
        assert main(["scan", str(tmp_path / "in"), "--store", store, "--jsonl"]) == 2
        ana = {"Authorization": f"Bearer {tokens['analyst']}"}
        rep = {"Authorization": f"Bearer {tokens['reporter']}"}
        with TestClient(app) as client:
            answers = []
            for i in (1, 2):
                posted = client.post(
                    "/api/analyses", content=_variant(i), headers={**rep, "Content-Type": "message/rfc822"}
                )
                assert posted.status_code == 201, posted.text
                answers.append(client.get(f"/api/analyses/{posted.json()['id']}", headers=rep).json())
            seen = [{f["id"]: f for f in a["result"]["findings"]}.get("CONTENT_CAMPAIGN_SEEN") for a in answers]
            assert seen[0] is not None and "C-0001" in seen[0]["message"]["en"] and " 1 " in seen[0]["message"]["en"]
            assert seen[1] is not None and " 2 " in seen[1]["message"]["en"]  # the first upload joined it
            page_ = client.get(f"/analyses/{answers[1]['id']}?lang=en", headers=ana).text
            assert 'href="/campaigns/C-0001"' in page_
            assert "Part of campaign C-0001: 3 mails" in page_
            assert (
                "C-0001" not in client.get(f"/analyses/{answers[1]['id']}?lang=en", headers=rep).text.split("report")[0]
            )
            assert (
                "キャンペーン C-0001 の一通です"
                in client.get(f"/analyses/{answers[1]['id']}?lang=ja", headers=ana).text
            )
            campaign = client.get("/campaigns/C-0001?lang=en", headers=ana)
            assert campaign.status_code == 200
            links = [f'href="/analyses/{a["id"]}"' for a in answers]
            assert all(link in campaign.text for link in links) and 'href="/api/scan-results/' in campaign.text
            assert "3 mails written from one template" in campaign.text
            assert 'href="/campaigns/C-0001"' in client.get("/campaigns?lang=en", headers=ana).text
            assert client.get("/campaigns/C-0001", headers=rep).status_code == 403
            assert client.get("/campaigns/C-9999", headers=ana).status_code == 404
            assert client.get("/campaigns/nonsense", headers=ana).status_code == 404
        app.state.engine.dispose()
