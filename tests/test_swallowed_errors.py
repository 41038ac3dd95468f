"""A MIME header the standard library cannot read costs its value, and says so: a
MIME_HEADER_UNREADABLE defect names what was lost and where (parse/message.py)."""

from __future__ import annotations

from email.message import Message

import pytest

from mailautopsy import analyze

RAW = (
    b"From: a@example.org\r\nTo: b@example.org\r\nSubject: files\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
    b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nsee attached\r\n"
    b'--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="r.pdf"\r\n'
    b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n"
)


# (Content-Type and charset are read by the standard library's parser too, so a failure there
# cannot be injected this way; their handling is the same three lines.)
def _raise(*_args: object, **_kwargs: object) -> str:
    raise ValueError("unreadable")


@pytest.mark.parametrize(
    ("method", "what"),
    [
        ("get_filename", "file name"),
        ("get_content_disposition", "Content-Disposition"),
    ],
)
def test_unreadable_mime_header_is_a_defect(monkeypatch: pytest.MonkeyPatch, method: str, what: str) -> None:
    # The parser reads with policy.compat32 (parse/message.py), so its parts are plain Messages.
    monkeypatch.setattr(Message, method, _raise)
    result = analyze(RAW)
    found = [d for d in result.message.defects if d.code == "MIME_HEADER_UNREADABLE"]
    assert any(d.detail == f"{what}: ValueError" and d.where for d in found), result.message.defects


def test_readable_mail_has_no_such_defect() -> None:
    result = analyze(RAW)
    assert [a.filename for a in result.message.attachments] == ["r.pdf"]
    assert not result.message.defects
