"""`mailautopsy scan imaps://…` against a real Dovecot on loopback (dovecot_instance.py): the
test APPENDs the mail, runs the command as a user does, and reads flags and the server's log.

Needs Debian's dovecot-imapd and root; skipped with the reason otherwise, failed when
MAILAUTOPSY_REQUIRE_SYSTEM_DEPS=1 (.ci/run)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dovecot_instance import OAUTH_USER, PASSWORD, TOKEN, USER, DovecotInstance, DroppingProxy, unavailable
from helpers import ROOT, build_mail
from helpers.system import skip_missing

from mailautopsy.imapsource import ImapOptions, ImapSource, parse_url
from mailautopsy.settings import Limits

PLAIN = build_mail(subject="Lunch on Friday", text="Shall we meet at noon?", msgid="<plain@example.org>")
JAPANESE = build_mail(
    from_="山田 太郎 <taro@example.jp>",
    subject="会議の資料について",
    text="お疲れさまです。明日の会議の資料を共有します。\n",
    msgid="<ja@example.jp>",
    utf8=True,
)
SEED = (ROOT / "examples" / "kagoya-phish.eml").read_bytes()
BIG = build_mail(subject="Big report", text=("0123456789abcdef" * 4 + "\n") * (20 * 1024 * 1024 // 65), msgid="<big@x>")
FOLDERS = {
    "INBOX.Reported": [PLAIN, JAPANESE, SEED],
    "Seen": [PLAIN, JAPANESE],
    "Incremental": [PLAIN, JAPANESE],
    "ToMove": [PLAIN],
    "Done": [],
    "Drop": [PLAIN, BIG, JAPANESE],
    "報告済み": [JAPANESE],
}


def crlf(raw: bytes) -> bytes:
    """The message as IMAP stores it: CRLF line ends."""
    return raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def _require() -> None:
    why = unavailable()
    if why is None:
        return
    skip_missing(why, "the IMAP scan tests")


@pytest.fixture(scope="session")
def dovecot() -> Iterator[DovecotInstance]:
    _require()
    # Under /tmp, not pytest's private tmp: the imap processes run as nobody and must reach it.
    instance = DovecotInstance(Path(tempfile.mkdtemp(prefix="mailautopsy-dovecot-", dir="/tmp")))
    instance.start()
    try:
        client: Any = instance.client()
        for folder, mails in FOLDERS.items():
            client.create_folder(folder)
            for raw in mails:
                client.append(folder, crlf(raw))
        client.logout()
        yield instance
    finally:
        instance.stop()
        subprocess.run(["rm", "-rf", str(instance.base)], check=False)


def url(d: DovecotInstance, folder: str = "", scheme: str = "imaps", port: int | None = None) -> str:
    port = port or (d.imaps_port if scheme == "imaps" else d.imap_port)
    return f"{scheme}://{USER}@127.0.0.1:{port}/{folder}" if folder else f"{scheme}://{USER}@127.0.0.1:{port}"


def run(
    d: DovecotInstance, tmp_path: Path, *args: str, password: str | None = PASSWORD
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILAUTOPSY_IMAP")}
    env["HOME"] = str(tmp_path)  # no ~/.netrc unless a test writes one
    if password is not None:
        env["MAILAUTOPSY_IMAP_PASSWORD"] = password
    done = subprocess.run(
        [sys.executable, "-m", "mailautopsy", "scan", "--workers", "1", "--imap-cafile", str(d.cafile), *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=600,
        check=False,
    )
    assert PASSWORD not in done.stdout + done.stderr
    return done


def lines(done: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in done.stdout.splitlines()]


def flags(d: DovecotInstance, folder: str) -> dict[int, tuple[bytes, ...]]:
    client: Any = d.client()
    client.select_folder(folder, readonly=True)
    uids = client.search("ALL")
    out = {uid: tuple(v[b"FLAGS"]) for uid, v in client.fetch(uids, ["FLAGS"]).items()} if uids else {}
    client.logout()
    return out


def last_session_bodies(d: DovecotInstance) -> int:
    """body_count of the last IMAP session that logged out (Dovecot's own count of bodies sent)."""
    counts = re.findall(r"imap\(analyst\).*Logged out .*body_count=(\d+)", d.log())
    return int(counts[-1])


def test_imaps_reads_a_folder_and_leaves_flags_alone(dovecot: DovecotInstance, tmp_path: Path) -> None:
    done = run(dovecot, tmp_path, url(dovecot, "INBOX.Reported"), "--jsonl")
    got = lines(done)
    base = f"imaps://{USER}@127.0.0.1:{dovecot.imaps_port}/INBOX.Reported"
    assert [g["source"] for g in got] == [f"{base};UID={n}" for n in (1, 2, 3)], done.stderr
    assert b"\xe3" in JAPANESE.split(b"\n\n", 1)[1]  # 8-bit UTF-8 in the body, not encoded
    assert got[1]["extracted"]["subject"] == "会議の資料について"
    assert "お疲れさまです" in got[1]["extracted"]["text"]
    assert got[2]["verdict"] in ("phishing", "suspicious")
    assert done.returncode in (1, 2)
    assert all(b"\\Seen" not in f for f in flags(dovecot, "INBOX.Reported").values())
    assert "deleted=0 expunged=0" in dovecot.log()


def test_starttls_on_imap_with_forked_workers(dovecot: DovecotInstance, tmp_path: Path) -> None:
    done = run(dovecot, tmp_path, url(dovecot, "INBOX.Reported", scheme="imap"), "--jsonl", "--workers", "2")
    assert [g["source"].rsplit(";", 1)[1] for g in lines(done)] == ["UID=1", "UID=2", "UID=3"], done.stderr


def test_list_folders(dovecot: DovecotInstance, tmp_path: Path) -> None:
    done = run(dovecot, tmp_path, "--list-folders", url(dovecot))
    assert done.returncode == 0, done.stderr
    assert {"INBOX", "INBOX.Reported", "Seen", "Drop", "報告済み"} <= set(done.stdout.split())


def test_a_folder_with_a_japanese_name(dovecot: DovecotInstance, tmp_path: Path) -> None:
    done = run(dovecot, tmp_path, url(dovecot, "報告済み"), "--jsonl")
    (got,) = lines(done)
    assert got["source"].endswith("/%E5%A0%B1%E5%91%8A%E6%B8%88%E3%81%BF;UID=1")
    assert got["extracted"]["subject"] == "会議の資料について"


def test_oauth2_token_when_the_server_offers_xoauth2(dovecot: DovecotInstance, tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "MAILAUTOPSY_IMAP_OAUTH2_TOKEN": TOKEN}
    env.pop("MAILAUTOPSY_IMAP_PASSWORD", None)
    address = f"imaps://{OAUTH_USER}@127.0.0.1:{dovecot.imaps_port}/INBOX"
    done = subprocess.run(
        [sys.executable, "-m", "mailautopsy", "scan", "--imap-cafile", str(dovecot.cafile), address, "--jsonl"],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (0, ""), done.stderr  # an empty INBOX: nothing new
    assert f"user=<{OAUTH_USER}>, method=XOAUTH2" in dovecot.log()
    assert TOKEN not in done.stdout + done.stderr


def test_state_reads_only_new_mail(dovecot: DovecotInstance, tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    first = run(dovecot, tmp_path, url(dovecot, "Incremental"), "--jsonl", "--state", str(state))
    assert len(lines(first)) == 2, first.stderr
    second = run(dovecot, tmp_path, url(dovecot, "Incremental"), "--jsonl", "--state", str(state))
    assert (second.returncode, second.stdout) == (0, "")
    assert "no new mail" in second.stderr
    assert last_session_bodies(dovecot) == 0
    client: Any = dovecot.client()
    client.append("Incremental", SEED)
    client.logout()
    third = run(dovecot, tmp_path, url(dovecot, "Incremental"), "--jsonl", "--state", str(state))
    assert [g["source"].rsplit(";", 1)[1] for g in lines(third)] == ["UID=3"]
    saved = json.loads(state.read_text())
    (entry,) = saved["folders"].values()
    assert entry["last_uid"] == 3
    entry["uidvalidity"] += 1  # the server renumbered the folder: everything is read again
    state.write_text(json.dumps(saved))
    fourth = run(dovecot, tmp_path, url(dovecot, "Incremental"), "--jsonl", "--state", str(state))
    assert len(lines(fourth)) == 3


def test_mark_seen_sets_seen_after_each_result(dovecot: DovecotInstance, tmp_path: Path) -> None:
    assert all(b"\\Seen" not in f for f in flags(dovecot, "Seen").values())
    done = run(dovecot, tmp_path, url(dovecot, "Seen"), "--jsonl", "--mark-seen")
    assert len(lines(done)) == 2, done.stderr
    assert all(b"\\Seen" in f for f in flags(dovecot, "Seen").values())


def test_move_to(dovecot: DovecotInstance, tmp_path: Path) -> None:
    done = run(dovecot, tmp_path, url(dovecot, "ToMove"), "--jsonl", "--move-to", "Done")
    assert len(lines(done)) == 1, done.stderr
    assert flags(dovecot, "ToMove") == {}
    assert len(flags(dovecot, "Done")) == 1


def test_wrong_password(dovecot: DovecotInstance, tmp_path: Path) -> None:
    done = run(dovecot, tmp_path, url(dovecot, "INBOX.Reported"), "--jsonl", password="not-the-Password-42")
    assert done.returncode == 66
    assert done.stdout == ""
    assert done.stderr.strip().count("\n") == 0 and "login failed" in done.stderr
    assert "not-the-Password-42" not in done.stderr


def test_missing_folder(dovecot: DovecotInstance, tmp_path: Path) -> None:
    done = run(dovecot, tmp_path, url(dovecot, "NoSuchFolder"), "--jsonl")
    assert done.returncode == 66
    assert "cannot open folder 'NoSuchFolder'" in done.stderr and done.stderr.strip().count("\n") == 0


def test_untrusted_certificate(dovecot: DovecotInstance, tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "MAILAUTOPSY_IMAP_PASSWORD": PASSWORD}
    done = subprocess.run(
        [sys.executable, "-m", "mailautopsy", "scan", url(dovecot, "INBOX.Reported")],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 66
    assert "certificate not trusted" in done.stderr and PASSWORD not in done.stderr


def test_password_from_netrc_and_none_without_a_terminal(dovecot: DovecotInstance, tmp_path: Path) -> None:
    missing = run(dovecot, tmp_path, url(dovecot, "INBOX.Reported"), "--jsonl", password=None)
    assert missing.returncode == 66 and "no password" in missing.stderr
    netrc = tmp_path / ".netrc"
    netrc.write_text(f"machine 127.0.0.1 login {USER} password {PASSWORD}\n")
    netrc.chmod(0o600)
    done = run(dovecot, tmp_path, url(dovecot, "INBOX.Reported"), "--jsonl", password=None)
    assert len(lines(done)) == 3, done.stderr


def test_dropped_connection_resumes_without_loss_or_doubles(dovecot: DovecotInstance, tmp_path: Path) -> None:
    proxy = DroppingProxy(dovecot.imaps_port, drop_after=3 * 1024 * 1024)  # inside the 20 MB body
    try:
        done = run(dovecot, tmp_path, url(dovecot, "Drop", port=proxy.port), "--jsonl")
    finally:
        proxy.close()
    assert proxy.connections == 2
    got = lines(done)
    assert [g["source"].rsplit(";", 1)[1] for g in got] == ["UID=1", "UID=2", "UID=3"], done.stderr
    assert got[1]["extracted"]["subject"] == "Big report"
    assert not [d for d in got[1]["defects"] if d["code"] == "MESSAGE_TRUNCATED"]


def test_a_message_over_the_limit_is_cut_there(dovecot: DovecotInstance, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAILAUTOPSY_IMAP_PASSWORD", PASSWORD)
    source = ImapSource(
        parse_url(url(dovecot, "Drop")), ImapOptions(cafile=dovecot.cafile), Limits(max_message_bytes=1024 * 1024)
    )
    try:
        items = list(source.items())
    finally:
        source.close()
    assert [len(i.data) for i in items] == [len(crlf(PLAIN)), 1024 * 1024, len(crlf(JAPANESE))]
    assert [d.code for d in items[1].defects] == ["MESSAGE_TRUNCATED"]
    assert source.bodies == 3


def test_a_connection_that_keeps_dropping_gives_up_keeping_what_was_read(
    dovecot: DovecotInstance, tmp_path: Path
) -> None:
    proxy = DroppingProxy(dovecot.imaps_port, drop_after=3 * 1024 * 1024, every=True)
    state = tmp_path / "state.json"
    try:
        done = run(dovecot, tmp_path, url(dovecot, "Drop", port=proxy.port), "--jsonl", "--state", str(state))
    finally:
        proxy.close()
    assert proxy.connections == 4  # the first and three retries
    assert done.returncode == 66
    assert "gave up after 3 retries" in done.stderr
    assert [g["source"].rsplit(";", 1)[1] for g in lines(done)] == ["UID=1"]
    (entry,) = json.loads(state.read_text())["folders"].values()
    assert entry["last_uid"] == 1  # the next run starts at the 20 MB message


def test_the_password_is_asked_once_even_across_reconnects(
    dovecot: DovecotInstance, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    asked: list[str] = []
    monkeypatch.delenv("MAILAUTOPSY_IMAP_PASSWORD", raising=False)
    monkeypatch.delenv("MAILAUTOPSY_IMAP_OAUTH2_TOKEN", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or PASSWORD)
    proxy = DroppingProxy(dovecot.imaps_port, drop_after=3 * 1024 * 1024)
    try:
        source = ImapSource(parse_url(url(dovecot, "Drop", port=proxy.port)), ImapOptions(cafile=dovecot.cafile))
        try:
            sources = [item.source.rsplit(";", 1)[1] for item in source.items()]
        finally:
            source.close()
    finally:
        proxy.close()
    assert sources == ["UID=1", "UID=2", "UID=3"]
    assert proxy.connections == 2
    assert asked == [f"IMAP password for imaps://{USER}@127.0.0.1:{proxy.port}: "]


def test_dask_workers_analyse_what_the_client_fetched(dovecot: DovecotInstance, tmp_path: Path) -> None:
    """`--dask`: the client alone logs in and fetches (the password never reaches a worker); the
    workers of a LocalCluster analyse the bytes, and the lines are those of a local scan."""
    local = run(dovecot, tmp_path, url(dovecot, "INBOX.Reported"), "--jsonl")
    dask = run(dovecot, tmp_path, url(dovecot, "INBOX.Reported"), "--jsonl", "--dask", "local:1")
    assert dask.stdout == local.stdout and len(lines(dask)) == 3, dask.stderr
