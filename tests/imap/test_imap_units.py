"""The IMAP source's offline parts: addresses, sources without credentials, the state file."""

from __future__ import annotations

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
