"""Issue 21 in the web app: nothing lost, nothing whitewashed. An mbox is split into its messages
(each its own analysis, as `scan` does), a file that is not mail is stored as not_mail, an analysis
whose worker process was lost is incomplete with ANALYSIS_INCOMPLETE (never clean), and the pages
say so in the reader's language."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from helpers import EXAMPLES, build_mail
from sqlalchemy.orm import sessionmaker

from mailautopsy.scan import backstop_seconds
from mailautopsy.web.app import WebSettings, create_app
from mailautopsy.web.security import create_token, create_user
from mailautopsy.web.worker import GRACE_SECONDS, LOST, _Slot

SEED = (EXAMPLES / "kagoya-phish.eml").read_bytes()
PASSWORD = "a long password 1"


@pytest.fixture
def web(tmp_path):
    app = create_app(WebSettings(data_dir=tmp_path, processes=1, max_files=3))
    with sessionmaker(app.state.engine).begin() as db:
        token = create_token(db, create_user(db, "ana", "analyst", PASSWORD))
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        yield client
    app.state.engine.dispose()


def mbox(*messages: bytes) -> bytes:
    return b"".join(b"From sender@example.org Tue Apr 22 09:12:30 2025\n" + m.replace(b"\r\n", b"\n") for m in messages)


def post(client: TestClient, raw: bytes, name: str = "upload.eml"):
    return client.post("/api/analyses", content=raw, headers={"Content-Type": "message/rfc822", "X-Filename": name})


def test_an_mbox_is_split_into_its_messages(web):
    box = mbox(SEED, build_mail(subject="Lunch", text="See you at noon."))
    body = post(web, box, "box.mbox").json()
    assert [(a["filename"], a["status"], a["verdict"]) for a in body["analyses"]] == [
        ("box.mbox:1", "done", "phishing"),
        ("box.mbox:2", "done", "clean"),
    ]
    result = web.get(f"/api/analyses/{body['analyses'][1]['id']}").json()["result"]
    assert result["source"] == "box.mbox:2" and result["extracted"]["subject"] == "Lunch"


def test_an_mbox_beyond_the_limit_says_how_many_were_left(web):
    box = mbox(*(build_mail(subject=f"n{i}") for i in range(5)))
    files = [("file", ("big.mbox", box, "application/mbox"))]
    body = web.post("/api/analyses", files=files).json()
    assert [a["filename"] for a in body["analyses"]] == ["big.mbox:1", "big.mbox:2", "big.mbox:3"]
    assert body["rejected"] == [
        {"filename": "big.mbox", "reason": "2 of its messages not analysed: more than 3 messages at once"}
    ]


def test_a_file_that_is_not_mail_is_not_mail(web):
    response = post(web, b"Dear diary,\n\ntoday nothing happened.\n", "notes.txt")
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["verdict"], body["score"]) == ("not_mail", None, None)
    result = web.get(f"/api/analyses/{body['id']}").json()["result"]
    assert result["status"] == "not_mail" and [d["code"] for d in result["defects"]] == ["NOT_MAIL"]
    page = web.get(f"/analyses/{body['id']}", params={"lang": "ja"}).text
    assert "メール以外" in page and "このファイルはメールではないため" in page
    report = web.get(f"/api/analyses/{body['id']}/report/md")
    assert report.status_code == 409 and "not_mail" in report.json()["detail"]
    assert post(web, b"Dear diary,\n\ntoday nothing happened.\n", "again.txt").json()["duplicate"] is True


def test_a_lost_worker_process_leaves_an_incomplete_result_never_clean(web, monkeypatch):
    waited = []

    def lost(self, fn, args, seconds):
        waited.append(seconds)
        return False, LOST

    monkeypatch.setattr(_Slot, "call", lost)
    body = post(web, build_mail(subject="Lunch", text="See you at noon."), "lunch.eml").json()
    assert waited == [backstop_seconds() + GRACE_SECONDS]  # scan's last resort, then the grace
    assert (body["status"], body["verdict"]) == ("incomplete", "suspicious")
    result = web.get(f"/api/analyses/{body['id']}").json()["result"]
    assert result["verdict"] == "suspicious" and [f["id"] for f in result["findings"]] == ["ANALYSIS_INCOMPLETE"]
    assert result["defects"][0]["code"] == "INTERNAL_ERROR" and LOST in result["defects"][0]["detail"]
    page = web.get(f"/analyses/{body['id']}", params={"lang": "ja"}).text
    assert "要注意" in page and "解析を最後まで行えませんでした" in page and "安全とは判断できません" in page


def test_history_and_result_pages_speak_japanese(web):
    body = post(web, SEED, "k.eml").json()
    history = web.get("/analyses", params={"lang": "ja"}).text
    assert "フィッシング詐欺" in history and "要注意</option>" in history and "迷惑メール</option>" in history
    assert not re.search(r">\s*(phishing|suspicious|spam|clean)\s*<", history)
    result = web.get(f"/analyses/{body['id']}", params={"lang": "ja"}).text
    assert "メールアドレス: " in result and "ドメイン: " in result  # the indicators' kinds
    assert not re.search(r">\s*(email|hostname|domain|url|sha256): ", result)
    indicator = web.get("/indicators/domain/beak.host", params={"lang": "ja"}).text
    assert "ドメイン" in indicator and "<code>domain</code>" not in indicator


def test_reasons_for_refused_files_are_said_in_japanese():
    from mailautopsy.web.templating import reason_text

    assert reason_text("ja", "empty file") == "空のファイルです"
    assert reason_text("ja", "2 of its messages not analysed: more than 3 messages at once").startswith("このうち 2 通")
    assert reason_text("ja", "the server is busy: try again in a minute").startswith("サーバーが混み合って")
    assert reason_text("en", "empty file") == "empty file"
    assert reason_text("ja", "something new") == "something new"  # unknown: as the service said it
