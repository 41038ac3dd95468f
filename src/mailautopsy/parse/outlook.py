"""Outlook .msg files → RFC 5322 bytes, through extract-msg.

The .msg keeps the original transport headers (PR_TRANSPORT_MESSAGE_HEADERS) when
the mail came from the Internet. Those headers are taken as stored: extract-msg's
own conversion decodes encoded words before parsing addresses, which lets a
crafted display name replace the real From address. Only the MIME body (text,
HTML, attachments) comes from extract-msg's conversion.
"""

from __future__ import annotations

import contextlib
import logging
import re
from email import policy
from email.message import EmailMessage

from ..errors import InputError

logging.getLogger("extract_msg").setLevel(logging.CRITICAL)

_DROP = re.compile(r"^(content-[a-z\-]+|mime-version)\s*:", re.I)


def _stored_headers(text: str) -> bytes:
    """The stored transport headers without their MIME framing headers."""
    lines = text.replace("\r\n", "\n").split("\n")
    out: list[str] = []
    skipping = False
    for line in lines:
        if not line.strip():
            break
        if line[:1] in (" ", "\t"):
            if not skipping:
                out.append(line)
            continue
        skipping = bool(_DROP.match(line))
        if not skipping:
            out.append(line)
    return ("\r\n".join(out) + "\r\n").encode("utf-8", errors="surrogateescape")


def msg_to_rfc822(data: bytes) -> bytes:
    import extract_msg

    try:
        msg = extract_msg.openMsg(data, delayAttachments=False)
    except Exception as exc:
        raise InputError(f"not a readable Outlook .msg file: {type(exc).__name__}: {exc}") from exc
    try:
        # openMsg is typed as returning the MSGFile base class; only its message subclasses
        # (the ones a mail .msg opens as) have asEmailMessage.
        converted: EmailMessage = msg.asEmailMessage()  # type: ignore[attr-defined]
        raw = converted.as_bytes(policy=policy.default.clone(linesep="\r\n", max_line_length=0))
        stored = getattr(msg, "headerText", "") or ""
        if not stored.strip():
            return bytes(raw)
        head, _, body = raw.partition(b"\r\n\r\n")
        framing = [
            line
            for line in re.split(rb"\r\n(?![ \t])", head)
            if line.lower().startswith((b"content-type:", b"mime-version:", b"content-transfer-encoding:"))
        ]
        return _stored_headers(stored) + b"\r\n".join(framing) + b"\r\n\r\n" + body
    except Exception as exc:
        raise InputError(f"could not convert the .msg file: {type(exc).__name__}: {exc}") from exc
    finally:
        with contextlib.suppress(Exception):
            msg.close()
