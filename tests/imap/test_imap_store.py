"""`scan imaps://… --store`: the folder's UIDVALIDITY and last UID live in the store, a second
run over an unchanged folder fetches no body, and no password reaches the store. A real
Dovecot on loopback (dovecot_instance.py); skipped with the reason without dovecot-imapd/root."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dovecot_instance import PASSWORD, USER, DovecotInstance, unavailable
from helpers import build_mail
from helpers.system import skip_missing

MAILS = [build_mail(subject=f"Note {n}", text=f"Note number {n}\n", msgid=f"<n{n}@example.org>") for n in range(3)]


@pytest.fixture(scope="module")
def dovecot() -> Iterator[DovecotInstance]:
    why = unavailable()
    if why is not None:
        skip_missing(why, "the IMAP store tests")
    instance = DovecotInstance(Path(tempfile.mkdtemp(prefix="mailautopsy-dovecot-", dir="/tmp")))
    instance.start()
    try:
        client: Any = instance.client()
        client.create_folder("Stored")
        for raw in MAILS[:2]:
            client.append("Stored", raw.replace(b"\n", b"\r\n"))
        client.logout()
        yield instance
    finally:
        instance.stop()
        subprocess.run(["rm", "-rf", str(instance.base)], check=False)


def _scan(d: DovecotInstance, tmp_path: Path, db: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILAUTOPSY_IMAP")}
    env.update(HOME=str(tmp_path), MAILAUTOPSY_IMAP_PASSWORD=PASSWORD)
    address = f"imaps://{USER}@127.0.0.1:{d.imaps_port}/Stored"
    return subprocess.run(
        [sys.executable, "-m", "mailautopsy", "scan", "--imap-cafile", str(d.cafile), address, "--store", str(db)],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=300, check=False,
    )  # fmt: skip


def _bodies(d: DovecotInstance) -> int:
    """body_count of the last IMAP session that logged out (Dovecot's own count)."""
    return int(d.log().rsplit("body_count=", 1)[1].split()[0])


def test_store_keeps_the_folder_state_and_reads_only_new_mail(dovecot: DovecotInstance, tmp_path: Path) -> None:
    db = tmp_path / "results.db"
    first = _scan(dovecot, tmp_path, db)
    assert "2 results added" in first.stderr, first.stderr
    second = _scan(dovecot, tmp_path, db)
    assert (second.returncode, "no new mail" in second.stderr) == (0, True), second.stderr
    assert _bodies(dovecot) == 0
    client: Any = dovecot.client()
    client.append("Stored", MAILS[2].replace(b"\n", b"\r\n"))
    client.logout()
    third = _scan(dovecot, tmp_path, db)
    assert "1 results added, 0 messages skipped" in third.stderr, third.stderr
    assert _bodies(dovecot) == 1
    with sqlite3.connect(db) as conn:
        sources = [s for (s,) in conn.execute("SELECT source FROM results ORDER BY id")]
        (state,) = conn.execute("SELECT folder, last_uid FROM imap_state").fetchall()
    base = f"imaps://{USER}@127.0.0.1:{dovecot.imaps_port}/Stored"
    assert sources == [f"{base};UID={n}" for n in (1, 2, 3)]
    assert state == (base, 3)
    assert PASSWORD.encode() not in db.read_bytes()
