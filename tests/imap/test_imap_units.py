"""The IMAP source's parts that need no Dovecot: addresses, sources without credentials, the
state file, and the refusal to log in over plain imap:// without STARTTLS (a loopback greeting)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mailautopsy.imapsource import ImapError, State, is_imap_url, parse_url


def test_address_parts_and_source_carry_no_password() -> None:
    url = parse_url("imaps://abuse%40example.jp@Mail.Example.JP/INBOX.Reported")
    assert (url.user, url.host, url.port, url.folder) == ("abuse@example.jp", "mail.example.jp", 993, "INBOX.Reported")
    assert url.source(123) == "imaps://abuse%40example.jp@mail.example.jp/INBOX.Reported;UID=123"
    assert parse_url("imap://u@h:1143/A B").source(1) == "imap://u@h:1143/A%20B;UID=1"
    assert is_imap_url("IMAPS://h/x") and not is_imap_url("mail/imaps.eml")


def test_a_password_in_the_address_is_refused_without_echoing_it() -> None:
    with pytest.raises(ImapError) as caught:
        parse_url("imaps://abuse:hunter2-secret@mail.example.jp/INBOX")
    assert "hunter2-secret" not in str(caught.value)


def test_state_rescans_when_uidvalidity_changes(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    state = State(path)
    state.record("imaps://u@h/INBOX", 7, 42)
    state.save()
    again = State(path)
    assert again.last_uid("imaps://u@h/INBOX", 7) == 42
    assert again.last_uid("imaps://u@h/INBOX", 8) == 0
    assert again.last_uid("imaps://u@h/Other", 7) == 0
    path.write_text("not json")
    with pytest.raises(ImapError):
        State(path)


class _NoStarttlsServer:
    """A loopback IMAP greeting without STARTTLS, recording every line a client sends."""

    def __init__(self) -> None:
        self.received: list[bytes] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        conn, _ = self.listener.accept()
        with conn, conn.makefile("rwb") as f:
            f.write(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] plain only\r\n")
            f.flush()
            for line in f:
                self.received.append(line)
                tag = line.split(b" ", 1)[0]
                if b"CAPABILITY" in line.upper():
                    f.write(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + b" OK done\r\n")
                elif b"LOGOUT" in line.upper():
                    f.write(b"* BYE\r\n" + tag + b" OK done\r\n")
                else:
                    f.write(tag + b" BAD no\r\n")
                f.flush()


def test_no_password_in_clear_without_starttls(tmp_path: Path) -> None:
    server = _NoStarttlsServer()
    env = {**os.environ, "HOME": str(tmp_path), "MAILAUTOPSY_IMAP_PASSWORD": "never-sent-Pw-9"}
    done = subprocess.run(
        [sys.executable, "-m", "mailautopsy", "scan", f"imap://u@127.0.0.1:{server.port}/INBOX"],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 66
    assert "offers no STARTTLS" in done.stderr and done.stderr.strip().count("\n") == 0
    assert not [line for line in server.received if b"never-sent" in line or b"LOGIN" in line.upper()]
