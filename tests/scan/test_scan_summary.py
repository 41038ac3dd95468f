"""`scan`'s end-of-run summary and progress: the table stays bounded on a huge mailbox, the brands
flagged mail spoke for are counted, and a terminal gets a bar with the rate and the time left."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import EXAMPLES

from mailautopsy import cli
from mailautopsy.errors import EXIT_PHISHING
from mailautopsy.parse.sources import Item, Span
from mailautopsy.progress import input_bytes

SEED = (EXAMPLES / "kagoya-phish.eml").read_bytes()


def _mbox(path: Path, copies: int) -> Path:
    body = SEED.replace(b"\r\n", b"\n").rstrip(b"\n")
    path.write_bytes(b"".join(b"From x@y Thu Jan  1 00:00:00 2026\n" + body + b"\n\n" for _ in range(copies)))
    return path


def test_the_table_keeps_at_most_its_bound_and_counts_the_rest(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cli, "_TABLE_ROWS", 3)
    code = cli.main(["scan", str(_mbox(tmp_path / "in.mbox", 5)), "--lang", "en", "--workers", "1"])
    out = capsys.readouterr().out
    assert code == EXIT_PHISHING
    assert out.count("t_0205@cameo.plala.or.jp") == 3
    assert "and 2 more flagged or skipped messages not shown" in out
    assert "brands flagged mail spoke for: KAGOYA 5" in " ".join(out.split())


def test_the_summary_in_japanese_names_the_brands(tmp_path, capsys):
    cli.main(["scan", str(_mbox(tmp_path / "in.mbox", 2)), "--lang", "ja", "--workers", "1"])
    out = " ".join(capsys.readouterr().out.split())
    assert "要注意メールがかたっていたブランド: KAGOYA 2" in out


def test_input_size_is_known_for_files_and_folders_only(tmp_path):
    mbox = _mbox(tmp_path / "in.mbox", 2)
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "a.eml").write_bytes(SEED)
    assert input_bytes([str(mbox), str(tmp_path / "dir")]) == mbox.stat().st_size + len(SEED)
    assert input_bytes(["-"]) is None
    assert input_bytes(["imaps://u@h/INBOX"]) is None
    assert input_bytes([str(tmp_path / "dir")], limit_files=0) is None
    assert Item("s", b"", span=Span(mbox, 10, 123, True)).size == 123
    assert Item("s", b"abc").size == 3


def _read_all(fd: int, proc: subprocess.Popen[bytes]) -> bytes:
    out = b""
    while True:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the other side closed
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=60)
    return out


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_terminal_gets_a_bar_with_rate_and_time_left(tmp_path):
    mbox = _mbox(tmp_path / "in.mbox", 40)
    main, child = pty.openpty()
    env = dict(os.environ, COLUMNS="120", TERM="xterm")
    command = [sys.executable, "-m", "mailautopsy", "scan", str(mbox), "--jsonl", "--workers", "1"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=child, env=env)
    os.close(child)
    try:
        drawn = _read_all(main, proc).decode("utf-8", "replace")
    finally:
        os.close(main)
    assert proc.returncode == EXIT_PHISHING
    assert "messages" in drawn and "/s" in drawn and "%" in drawn
    assert "-:--:--" in drawn or "0:00:0" in drawn  # rich's time-left column
