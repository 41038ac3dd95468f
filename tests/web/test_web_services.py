"""The web app's services without HTTP: a real database (SQLite) and real worker processes,
called as plain functions."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import pytest
from helpers import EXAMPLES, build_mail

from mailautopsy.store.db import StoredAnalysis, make_engine, migrate, session_factory
from mailautopsy.web.files import Upload
from mailautopsy.web.security import create_user
from mailautopsy.web.services import (
    Auth,
    Invalid,
    NotFinished,
    NotFound,
    Runtime,
    TooLarge,
    Unavailable,
    accounts,
    results,
)
from mailautopsy.web.services.search import Filters, like, search, visible, with_indicator
from mailautopsy.web.services.submit import SubmitOptions, read_parts, submit
from mailautopsy.web.settings import WebSettings
from mailautopsy.web.worker import Worker

SEED = (EXAMPLES / "kagoya-phish.eml").read_bytes()
PASSWORD = "a long password 1"


@pytest.fixture
def rt(tmp_path):
    settings = WebSettings(data_dir=tmp_path, processes=1, submissions_per_minute=5, login_failures=2)
    engine = make_engine(settings.url)
    migrate(engine)
    sessions = session_factory(engine)
    runtime = Runtime(settings, engine, sessions, Worker(sessions, 1))
    with sessions.begin() as db:
        for name, role in (("ana", "analyst"), ("rep", "reporter"), ("rep2", "reporter")):
            create_user(db, name, role, PASSWORD)
    yield runtime
    runtime.worker.close()
    engine.dispose()


@pytest.fixture
def db(rt):
    with rt.sessions() as session:
        yield session


def who(db, name: str) -> Auth:
    return Auth(next(u for u in accounts.users(db) if u.name == name))


def test_submit_stores_the_schema_json_and_finds_duplicates(db, rt):
    rep, rep2 = who(db, "rep"), who(db, "rep2")
    first = submit(db, rt, rep, [Upload("a.eml", SEED)], SubmitOptions())
    [(analysis_id, name, duplicate)] = first.accepted
    row = visible(db, rep, analysis_id)
    assert (name, duplicate, row.status, row.verdict, row.brand) == ("a.eml", False, "done", "phishing", "KAGOYA")
    assert json.loads(row.result_json)["source"] == "a.eml" and not row.enrichment
    assert submit(db, rt, rep, [Upload("again.eml", SEED)], SubmitOptions()).accepted == [
        (analysis_id, "again.eml", True)
    ]
    forced = submit(db, rt, rep, [Upload("a.eml", SEED)], SubmitOptions(force=True)).accepted[0]
    assert forced[0] != analysis_id and forced[2] is False
    # someone else's identical mail: a copy under their own file name, not access to the first
    [(copy_id, _, dup)] = submit(db, rt, rep2, [Upload("mine.eml", SEED)], SubmitOptions()).accepted
    copy = visible(db, rep2, copy_id)
    assert dup and copy_id != analysis_id and json.loads(copy.result_json)["source"] == "mine.eml"
    assert with_indicator(db, rep2, "domain", "BEAK.HOST") == [copy]
    with pytest.raises(NotFound):
        visible(db, rep2, analysis_id)


def test_submit_rejects_per_message_and_limits_the_rate(db, rt):
    ana = who(db, "ana")
    report = submit(
        db, rt, ana, [Upload("empty.eml", b""), Upload("ok.eml", build_mail(subject="Hi"))], SubmitOptions()
    )
    assert report.rejected == [("empty.eml", "empty file")] and len(report.accepted) == 1
    many = [Upload(f"{i}.eml", build_mail(subject=f"n{i}")) for i in range(5)]
    limited = submit(db, rt, ana, many, SubmitOptions())  # 1 + 5 > 5 a minute
    assert limited.accepted == [] and {why for _, why in limited.rejected} == {"too many submissions: wait a minute"}


def test_options_are_stored_as_the_column_has_them():
    assert SubmitOptions().stored == ""
    assert SubmitOptions(online=True).stored == "online"
    assert SubmitOptions(visit=True).stored == "online,visit"


def test_read_parts_counts_the_whole_request(tmp_path):
    class Part:
        def __init__(self, name: str, data: bytes) -> None:
            self.filename, self.data = name, data

        async def read(self, size: int = -1) -> bytes:
            return self.data[:size] if size >= 0 else self.data

    settings = WebSettings(data_dir=tmp_path, max_request_bytes=100)
    got = asyncio.run(read_parts([Part("a.eml", b"x" * 60), Part(None, b"y")], settings))  # type: ignore[arg-type]
    assert [(u.filename, len(u.data)) for u in got] == [("a.eml", 60), ("upload.eml", 1)]
    with pytest.raises(TooLarge):
        asyncio.run(read_parts([Part("a.eml", b"x" * 60), Part("b.eml", b"y" * 60)], settings))


def test_search_filters_and_visibility(db, rt):
    rep, ana = who(db, "rep"), who(db, "ana")
    submit(db, rt, rep, [Upload("k.eml", SEED)], SubmitOptions())
    submit(db, rt, ana, [Upload("lunch.eml", build_mail(subject="Lunch 100%_off", text="noon"))], SubmitOptions())
    assert search(db, rep, Filters(), 0, 10)[1] == 1  # reporters: their own
    assert search(db, ana, Filters(), 0, 10)[1] == 2  # analysts: all
    assert search(db, ana, Filters(domain="beak.host"), 0, 10)[1] == 1
    assert search(db, ana, Filters(domain="host"), 0, 10)[1] == 1  # a parent domain finds its hosts
    assert search(db, ana, Filters(domain="eak.host"), 0, 10)[1] == 0  # but not a suffix of a label
    assert search(db, ana, Filters(verdict="clean"), 0, 10)[1] == 1
    assert search(db, ana, Filters(subject="100%_"), 0, 10)[1] == 1
    assert search(db, ana, Filters(subject="1_0"), 0, 10)[1] == 0  # LIKE wildcards are literal
    today = datetime.now(UTC).date()
    assert search(db, ana, Filters(since=str(today), until=str(today)), 0, 10)[1] == 2
    assert search(db, ana, Filters(since=str(today + timedelta(days=1))), 0, 10)[1] == 0
    with pytest.raises(Invalid):
        search(db, ana, Filters(since="yesterday"), 0, 10)
    rows, total = search(db, ana, Filters(), 1, 1)
    assert total == 2 and len(rows) == 1
    assert like(" 50%_a\\b ") == "50\\%\\_a\\\\b"
    assert Filters.of({"sender": "x", "other": "y"}) == Filters(sender="x")


def test_results_come_back_from_the_raw_mail(db, rt):
    ana = who(db, "ana")
    [(analysis_id, _, _)] = submit(db, rt, ana, [Upload("k.eml", SEED)], SubmitOptions()).accepted
    row = visible(db, ana, analysis_id)
    report = results.report(rt, row, "md", "en", "hxxp")
    assert report.filename == f"mailautopsy-{analysis_id[:8]}.md" and report.media_type.startswith("text/markdown")
    assert b"KAGOYA" in report.data and b"https://active-japan" not in report.data
    assert results.article(rt, row, "ja").verdict == "phishing"
    # analysed again once: the views and downloads that follow reuse it
    assert results.analysis_of(rt, row) is results.analysis_of(rt, row)
    assert results.stored_json(row)["verdict"] == "phishing"
    with pytest.raises(NotFound):
        results.report(rt, row, "docx", "en", "hxxp")
    pending = StoredAnalysis(id="p" * 36, sha256="0" * 64, owner_id=ana.user.id, status="running", raw=SEED)
    db.add(pending)
    db.commit()
    assert results.stored_json(pending) is None
    with pytest.raises(NotFinished):
        results.report(rt, pending, "md", "en", "hxxp")
    # a stored row that cannot be analysed again answers 503, not a server error
    broken = StoredAnalysis(id="b" * 36, sha256="0" * 64, owner_id=ana.user.id, status="done", raw=SEED)
    broken.result_json = "{not json"
    db.add(broken)
    db.commit()
    with pytest.raises(Unavailable):
        results.article(rt, broken, "en")


def test_sign_in_is_rate_limited_and_users_are_managed(db, rt):
    assert accounts.sign_in(db, rt, "ana", "wrong", "10.0.0.1").error == "login_failed"
    assert accounts.sign_in(db, rt, "ana", "wrong", "10.0.0.1").error == "login_failed"
    assert accounts.sign_in(db, rt, "ana", PASSWORD, "10.0.0.2").error == "login_limited"  # per user name
    signed = accounts.sign_in(db, rt, "rep", PASSWORD, "10.0.0.3")
    assert signed.cookie and not signed.error
    accounts.sign_out(db, signed.cookie)
    with pytest.raises(ValueError, match="10 characters"):
        accounts.add_user(db, "new", "reporter", "short")
    with pytest.raises(ValueError, match="exists"):
        accounts.add_user(db, " rep ", "reporter", PASSWORD)
    added = accounts.add_user(db, "new", "reporter", PASSWORD)
    ana = who(db, "ana")
    accounts.deactivate(db, ana, added.id)
    accounts.deactivate(db, ana, ana.user.id)  # never one's own account
    active = {u.name: u.active for u in accounts.users(db)}
    assert active["new"] is False and active["ana"] is True
