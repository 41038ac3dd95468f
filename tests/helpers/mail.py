"""The one mail builder of the tests and of tests/samples/make_samples.py."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import default as default_policy

DATE = "Tue, 22 Apr 2025 09:12:30 +0900"

Attachment = tuple[str, bytes, str]
"""(file name, content, content type)"""


def build_mail(
    *,
    from_: str = "Alice Example <alice@example.org>",
    to: str = "bob@example.net",
    subject: str = "Hello",
    text: str | None = "Hello Bob, see you tomorrow.",
    html: str | None = None,
    date: str | None = DATE,
    msgid: str | None = "<test@example.org>",
    trace: list[tuple[str, str]] | None = None,
    headers: list[tuple[str, str]] | None = None,
    attachments: list[Attachment] | None = None,
    utf8: bool = False,
) -> bytes:
    """One message, built in memory with fixed MIME boundaries (the same bytes every run).

    `trace` headers (Return-Path, Authentication-Results, Received ...) go on top, in the order
    given, as a receiving server adds them; `headers` follow From, To, Subject, Date and
    Message-ID. `date` or `msgid` None leaves that header out. With neither `text` nor `html` the
    body is an empty text/plain part. `utf8`: write header fields as raw UTF-8 (RFC 6532,
    SMTPUTF8 mail) instead of encoded words."""
    msg = EmailMessage(policy=default_policy)
    for name, value in trace or []:
        msg[name] = value
    msg["From"] = from_
    msg["To"] = to
    msg["Subject"] = subject
    if date is not None:
        msg["Date"] = date
    if msgid is not None:
        msg["Message-ID"] = msgid
    for name, value in headers or []:
        msg[name] = value
    if text is not None:
        msg.set_content(text)
    if html is not None:
        if text is None:
            msg.set_content(html, subtype="html")
        else:
            msg.add_alternative(html, subtype="html")
    if text is None and html is None:
        msg.set_content("")
    for filename, data, ctype in attachments or []:
        maintype, subtype = ctype.split("/", 1)
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    for i, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        part.set_boundary(f"==sample-boundary-{i}==")
    return msg.as_bytes(policy=default_policy.clone(utf8=True)) if utf8 else msg.as_bytes()
