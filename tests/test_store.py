"""The results store (issue 17, item 2): `scan --store` keeps every result exactly once and
resumes after a SIGKILL, a full disk or a truncated mbox; `analyze --store` reads the store's
sender history; the store itself (batches, sources done, history, IMAP state) on SQLite and,
when MAILAUTOPSY_TEST_POSTGRES names a server, on PostgreSQL."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import build_mail
from helpers.postgres import database_url
from sqlalchemy import text
from sqlalchemy.exc import OperationalError, ProgrammingError

from mailautopsy.errors import StoreError
from mailautopsy.parse.sources import iter_path
from mailautopsy.store.db import make_engine
from mailautopsy.store.results import ResultRow, ResultStore, display

SEP = b"From sender@example.org Tue Apr 22 09:12:30 2025\n"
LURE = (
    "Your account will be suspended. Log in to verify your account within 24 hours: "
    "https://account-check.example.net/login?id={n}\n"
)


def _mail(n: int) -> bytes:
    """Varied mail: chat, newsletters, lures claiming a brand; no two alike."""
    if n % 5 == 0:
        return build_mail(
            from_=f"Amazon Security <alert{n % 7}@amazon-check.example.net>",
            subject=f"Amazon: verify your account now #{n}",
            text=LURE.format(n=n),
            msgid=f"<lure{n}@example.net>",
        )
    return build_mail(
        from_=f"Colleague {n % 11} <c{n % 11}@example.org>",
        subject=f"Minutes of meeting {n}",
        text=f"Hello, here are the notes of meeting {n}.\n" * (1 + n % 4),
        msgid=f"<m{n}@example.org>",
    )


def _mbox(messages: list[bytes]) -> bytes:
    return b"".join(SEP + m.rstrip(b"\n") + b"\n\n" for m in messages)


def _corpus(root: Path, count: int) -> Path:
    """`count` messages: half as .eml files in a folder, half in one mbox."""
    folder = root / "mail"
    (folder / "eml").mkdir(parents=True)
    half = count // 2
    for n in range(half):
        (folder / "eml" / f"{n:04d}.eml").write_bytes(_mail(n))
    (folder / "archive.mbox").write_bytes(_mbox([_mail(n) for n in range(half, count)]))
    return folder


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mailautopsy", *args],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
        check=False,
    )


def _plain(folder: Path) -> set[tuple[str, str, int]]:
    """(sha256, verdict, score) of a plain scan (no store), the hashes of the bytes as read."""
    done = _cli("scan", str(folder), "--jsonl", "--workers", "2")
    hashes = {i.source: hashlib.sha256(i.loaded().data).hexdigest() for i in iter_path(folder, lazy=True)}
    out = {(hashes[r["source"]], r["verdict"], r["score"]) for r in map(json.loads, done.stdout.splitlines())}
    assert len(out) == len(hashes), done.stderr
    return out


def _url(db: Path | str) -> str:
    return str(db) if "://" in str(db) else f"sqlite:///{db}"


def _stored(db: Path | str) -> list[tuple[str, str, str, int]]:
    engine = make_engine(_url(db))
    try:
        with engine.connect() as conn:
            q = "SELECT source, sha256, verdict, score FROM results ORDER BY id"
            return [(str(a), str(b), str(c), int(d)) for a, b, c, d in conn.execute(text(q))]
    finally:
        engine.dispose()


def _count(db: Path | str) -> int:
    engine = make_engine(_url(db))
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM results")).scalar() or 0)
    except (OperationalError, ProgrammingError):
        return 0  # not created yet
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- killed and resumed
@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_scan_killed_mid_run_resumes_with_every_message_stored_once(tmp_path: Path, kind: str) -> None:
    with database_url(kind) as url:
        _killed_and_resumed(tmp_path, url or str(tmp_path / "results.db"))


def _killed_and_resumed(tmp_path: Path, db: str) -> None:
    folder = _corpus(tmp_path, 400)
    cmd = [sys.executable, "-m", "mailautopsy", "scan", str(folder), "--store", str(db), "--workers", "2", "--csv"]
    first = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        while _count(db) == 0 and first.poll() is None:
            time.sleep(0.05)
        first.send_signal(signal.SIGKILL)  # the parent only, in the middle of its work
        first.wait(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(first.pid, signal.SIGKILL)  # its orphaned workers, whatever they do
        assert first.stderr is not None
        first.stderr.close()
    assert first.returncode == -signal.SIGKILL
    kept = _count(db)
    assert 0 < kept < 400, "the first run was not interrupted"
    again = _cli("scan", str(folder), "--store", str(db), "--workers", "2", "--csv")
    assert again.returncode in (1, 2), again.stderr
    assert f"{400 - kept} results added, {kept} messages skipped as already stored" in again.stderr
    rows = _stored(db)
    assert len(rows) == len({(source, sha) for source, sha, _v, _s in rows}) == 400
    assert {(sha, verdict, score) for _src, sha, verdict, score in rows} == _plain(folder)
    assert len(again.stdout.splitlines()) == 1 + 400 - kept  # CSV: only what it analysed
    third = _cli("scan", str(folder), "--store", str(db), "--workers", "2")
    assert "0 results added, 400 messages skipped" in third.stderr
    assert third.returncode == again.returncode  # the exit code covers the skipped messages too
    assert _count(db) == 400


def test_a_changed_file_is_analysed_again_and_the_same_one_skipped(tmp_path: Path) -> None:
    mail = tmp_path / "one.eml"
    mail.write_bytes(_mail(1))
    db = tmp_path / "r.db"
    assert "1 results added" in _cli("scan", str(mail), "--store", str(db)).stderr
    assert "0 results added, 1 messages skipped" in _cli("scan", str(mail), "--store", str(db)).stderr
    mail.write_bytes(_mail(5))
    assert "1 results added, 0 messages skipped" in _cli("scan", str(mail), "--store", str(db)).stderr
    assert [(src, v) for src, _sha, v, _score in _stored(db)] == [(str(mail), "clean"), (str(mail), "phishing")]


def test_truncated_last_message_of_an_mbox_is_stored_once(tmp_path: Path) -> None:
    messages = [_mail(n) for n in range(6)]
    whole = _mbox(messages)
    cut = whole[: len(whole) - len(messages[-1]) // 2]  # the last message ends mid-body
    box = tmp_path / "cut.mbox"
    box.write_bytes(cut)
    db = tmp_path / "r.db"
    first = _cli("scan", str(box), "--store", str(db), "--jsonl")
    assert first.returncode in (1, 2), first.stderr
    assert "6 results added" in first.stderr
    last = json.loads(first.stdout.splitlines()[-1])
    assert last["source"] == f"{box}:6" and last["status"] == "analysed"
    second = _cli("scan", str(box), "--store", str(db), "--jsonl")
    assert (second.stdout, second.returncode) == ("", first.returncode)
    assert "0 results added, 6 messages skipped" in second.stderr
    box.write_bytes(whole)  # the delivery completed: the whole message is new bytes at that source
    third = _cli("scan", str(box), "--store", str(db), "--jsonl")
    assert "1 results added, 5 messages skipped" in third.stderr
    assert [json.loads(line)["source"] for line in third.stdout.splitlines()] == [f"{box}:6"]
    assert len(_stored(db)) == 7


# --------------------------------------------------------------------------- full disk
@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 640 KiB tmpfs (root only); skipped with the reason when it cannot be mounted."""
    where = tmp_path / "tiny"
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=640k", "tmpfs", str(where)], capture_output=True)
    if done.returncode != 0:  # a privilege, not a package .ci/run installs: a skip even there
        why = f"cannot mount a tmpfs (needs root with CAP_SYS_ADMIN): {done.stderr.decode(errors='replace').strip()}"
        print(f"skipping the full-disk test: {why}")
        pytest.skip(why)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_full_disk_stops_with_a_clear_message_and_a_rerun_completes(tmp_path: Path, tiny_disk: Path) -> None:
    folder = _corpus(tmp_path, 300)
    db = tiny_disk / "results.db"
    full = _cli("scan", str(folder), "--store", str(db), "--workers", "2", "--csv")
    assert full.returncode == 74, full.stderr
    assert "cannot write results: database or disk is full" in full.stderr
    assert "Traceback" not in full.stderr
    kept = _count(db)
    assert kept < 300
    subprocess.run(["mount", "-o", "remount,size=64m", str(tiny_disk)], check=True)
    again = _cli("scan", str(folder), "--store", str(db), "--workers", "2", "--csv")
    assert f"{300 - kept} results added, {kept} messages skipped" in again.stderr
    rows = _stored(db)
    assert len(rows) == len({(source, sha) for source, sha, _v, _s in rows}) == 300


def test_a_store_that_cannot_be_opened(tmp_path: Path) -> None:
    (tmp_path / "mail.eml").write_bytes(_mail(1))
    (tmp_path / "notadb").write_bytes(b"this is not a database" * 100)
    done = _cli("scan", str(tmp_path / "mail.eml"), "--store", str(tmp_path / "notadb"))
    assert done.returncode == 74
    assert "cannot open it: file is not a database" in done.stderr
    done = _cli("scan", str(tmp_path / "mail.eml"), "--store", "postgresql://u:secret-pw@127.0.0.1:1/x")
    assert done.returncode == 74
    assert "postgresql://u:***@127.0.0.1:1/x" in done.stderr and "secret-pw" not in done.stderr


# --------------------------------------------------------------------------- analyze --store
def test_analyze_store_knows_senders_from_a_scan(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    known = build_mail(
        from_="Amazon Security <alert@amazon-check.example.net>", subject="Order", text="Your order shipped.\n"
    )
    (tmp_path / "old.eml").write_bytes(known)
    lure = _mail(5).replace(b"alert5@", b"alert@")
    (tmp_path / "new.eml").write_bytes(lure)
    first = _cli("analyze", str(tmp_path / "new.eml"), "--store", str(db), "--lang", "en", "--verbose")
    assert "Sender alert@amazon-check.example.net: never seen before in the store" in first.stdout
    assert "SENDER_FIRST_SEEN" in first.stdout
    again = _cli("analyze", str(tmp_path / "new.eml"), "--store", str(db), "--lang", "ja", "--verbose")
    assert "保存先の記録では初めての送信者です" in again.stdout  # itself is no earlier mail
    _cli("scan", str(tmp_path / "old.eml"), "--store", str(db))
    third = _cli("analyze", str(tmp_path / "new.eml"), "--store", str(db), "--lang", "en", "--format", "json")
    assert "seen before — 1 message(s) in the store since 2025-04-22" in third.stderr
    assert "SENDER_FIRST_SEEN" not in {f["id"] for f in json.loads(third.stdout)["findings"]}
    assert len(_stored(db)) == 2  # new.eml once, old.eml once


# --------------------------------------------------------------------------- the store itself
def _row(n: int, source: str = "", sha: str = "", date: str = "2025-04-22T09:12:30+09:00") -> ResultRow:
    return ResultRow(
        sha256=sha or hashlib.sha256(str(n).encode()).hexdigest(),
        source=source or f"/m/{n}.eml",
        status="analysed",
        verdict="clean",
        score=n,
        result_json="{}",
        from_address=f"Person{n % 2}@Example.org",
        message_date=date,
    )


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_store_batches_sources_history_and_imap_state(tmp_path: Path, kind: str) -> None:
    with database_url(kind) as url:
        store = ResultStore(url or str(tmp_path / "s.db"))
        try:
            assert store.put([_row(n) for n in range(5)]) == 5
            assert store.put([_row(n) for n in range(3, 7)]) == 2  # 3 and 4 were already there
            done = store.stored(["/m/1.eml", "/m/9.eml"])
            assert done == {"/m/1.eml": {_row(1).sha256: "clean"}}
            history = store.history()
            record = history.lookup("person1@example.org")
            assert record is not None and record.messages == 3
            assert record.first_seen.isoformat() == "2025-04-22T00:12:30+00:00"
            assert history.lookup("nobody@example.org") is None
            assert store.history(exclude_sha256=_row(1).sha256).lookup("person1@example.org").messages == 2  # type: ignore[union-attr]
            state = store.imap_state()
            key = "imaps://analyst@127.0.0.1/INBOX"
            assert state.last_uid(key, 7) == 0
            state.record(key, 7, 12)
            state.save()
            state.record(key, 7, 15)
            state.save()
            assert (state.last_uid(key, 7), state.last_uid(key, 8)) == (15, 0)
        finally:
            store.close()


def test_a_web_database_of_the_first_schema_is_left_to_the_web_app(tmp_path: Path) -> None:
    """Its upgrade reads the server's signed pickles with the server's key, which only serve has."""
    from mailautopsy.store.db import make_engine, migrate

    engine = make_engine(f"sqlite:///{tmp_path / 'web.db'}")
    migrate(engine, revision="0001")
    engine.dispose()
    with pytest.raises(StoreError, match="start `mailautopsy serve` on it once"):
        ResultStore(str(tmp_path / "web.db"))


def test_display_hides_the_password() -> None:
    assert display("postgresql://me:pw@db/x") == "postgresql://me:***@db/x"
    assert display("sqlite:////tmp/r.db") == "sqlite:////tmp/r.db"


@pytest.mark.parametrize("lazy", [True, False])
def test_a_lost_workers_results_carry_their_messages_hash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lazy: bool
) -> None:
    """So that the store keys them like any other (lazy: an mbox's messages, read by the worker;
    not lazy: bytes in hand, as an IMAP fetch gives them)."""
    import mailautopsy.scan as scan_module

    real = scan_module.analyse_one

    def crashing(source: str, data: bytes, *args: object, **kwargs: object) -> dict[str, object]:
        if b"crash here" in data:
            os._exit(9)
        return real(source, data, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(scan_module, "analyse_one", crashing)
    monkeypatch.setattr(scan_module, "_LOST_AFTER", 1)
    box = tmp_path / "box.mbox"
    box.write_bytes(_mbox([build_mail(subject=f"n{i}", text="crash here" if i == 3 else "fine") for i in range(6)]))
    items = list(iter_path(box, lazy=lazy))
    settings = scan_module.DEFAULT_SETTINGS.with_limits(time_limit_seconds=1)
    summaries = [s for _line, s in scan_module.scan_results(items, workers=2, settings=settings)]
    assert summaries[3].verdict == "suspicious" and summaries[3].incomplete
    assert [s.sha256 for s in summaries] == [hashlib.sha256(i.loaded().data).hexdigest() for i in items]
