"""Inputs: .eml files, Outlook .msg files, mbox files, Maildir folders, directories
(recursively) and stdin — each yielding one `Item` per message.

An mbox is read as a stream, message by message: a file of any size costs the memory of one
message (at most `Limits.max_message_bytes`), never of the file. A message cut at that limit
carries a `MESSAGE_TRUNCATED` defect, so the cut is reported, not silently analysed as whole.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..model import Defect
from ..settings import DEFAULT_SETTINGS, Limits

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MBOX_FROM = re.compile(rb"^From \S+ +\w{3} \w{3} [ \d]\d \d\d:\d\d")
_MBOXRD_QUOTE = re.compile(rb"^>(>*From )")
_LINE_PIECE = 1024 * 1024
"""Bytes read at most per readline: a line longer than this is read in pieces."""

# Header fields that nearly every message carries at least one of: a file whose header block
# has none of them is not mail (a text file, a binary, random bytes).
_MAIL_FIELDS = frozenset(
    {
        b"from",
        b"to",
        b"cc",
        b"subject",
        b"date",
        b"received",
        b"message-id",
        b"return-path",
        b"mime-version",
        b"sender",
        b"reply-to",
        b"delivered-to",
        b"x-original-to",
        b"content-type",
        b"authentication-results",
        b"dkim-signature",
        b"x-mailer",
        b"in-reply-to",
        b"references",
        b"envelope-to",
    }
)
_FIELD_LINE = re.compile(rb"([!-9;-~]{1,76})[ \t]*:")


@dataclass(frozen=True, slots=True)
class Item:
    """One message as read from its source, with what reading it cost."""

    source: str
    data: bytes
    defects: tuple[Defect, ...] = ()
    """Damage done by reading (a message cut at `Limits.max_message_bytes`)."""
    error: str = ""
    """Why the source could not be read at all ('' when it was)."""


def _truncated(size: int, kept: int) -> Defect:
    return Defect("MESSAGE_TRUNCATED", f"{size} bytes, read {kept}")


def message_bytes(data: bytes) -> bytes:
    """Raw RFC 5322 bytes of a file that may be an Outlook .msg."""
    if data.startswith(_OLE_MAGIC):
        from .outlook import msg_to_rfc822

        return msg_to_rfc822(data)
    return data


def not_mail_reason(data: bytes) -> str:
    """Why `data` is not an e-mail message ('' when it looks like one): empty, binary, or text
    without a mail header block. Linear in the first 64 KiB."""
    if data.startswith(_OLE_MAGIC):
        return ""  # an Outlook .msg; converting it tells whether it is readable
    head = data[: 64 * 1024]
    if not head.strip():
        return "empty file"
    head = head.removeprefix(b"\xef\xbb\xbf")  # a byte order mark some Windows tools write
    if _MBOX_FROM.match(head):
        head = head.split(b"\n", 1)[1] if b"\n" in head else b""
    head = head.lstrip(b"\r\n")
    if b"\x00" in head[:4096]:
        return "binary data, not a mail message"
    end = re.search(rb"\r?\n\r?\n", head)
    block = head[: end.start()] if end else head
    names = set()
    for line in block.splitlines()[:500]:
        if line[:1] in (b" ", b"\t"):
            continue
        match = _FIELD_LINE.match(line)
        if match is None:
            break  # the header block ends (or never began) at the first line that is no field
        names.add(match.group(1).lower())
    if not names:
        return "no mail header block (text or binary data)"
    if not names & _MAIL_FIELDS:
        return "no mail header fields (From, Date, Subject, Received ...)"
    return ""


def _read(path: Path, limits: Limits) -> Item:
    """A file that holds one message: at most `max_message_bytes` of it."""
    try:
        with path.open("rb") as fh:
            data = fh.read(limits.max_message_bytes)
            size = os.fstat(fh.fileno()).st_size
    except OSError as exc:
        return Item(str(path), b"", error=f"{path}: {exc.strerror or exc}")
    defects = (_truncated(size, len(data)),) if size > len(data) else ()
    return Item(str(path), data, defects)


def _is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() and (path / "new").is_dir()


def iter_path(path: Path, limits: Limits = DEFAULT_SETTINGS.limits) -> Iterator[Item]:
    """Every message under a path: a file (eml, msg or mbox), a Maildir or a directory. A file
    that cannot be opened is an Item with `error` set; a missing path raises InputError."""
    if path.is_dir():
        if _is_maildir(path):
            for sub in ("new", "cur"):
                for entry in sorted((path / sub).iterdir()):
                    if entry.is_file():
                        yield _read(entry, limits)
            for child in sorted(path.iterdir()):
                if child.is_dir() and child.name.startswith(".") and _is_maildir(child):
                    yield from iter_path(child, limits)
            return
        for root, dirs, files in os.walk(path):
            dirs.sort()
            dirs[:] = [d for d in dirs if d not in ("tmp",)]
            for name in sorted(files):
                if name.startswith("."):
                    continue
                yield from iter_file(Path(root) / name, limits)
        return
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    yield from iter_file(path, limits)


def iter_file(path: Path, limits: Limits = DEFAULT_SETTINGS.limits) -> Iterator[Item]:
    """The messages of one file: several for an mbox (`path:N`), else one."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Item(str(path), b"", error=f"{path}: {exc.strerror or exc}")
        return
    with fh:
        try:
            first = fh.peek(4096)[:4096] if isinstance(fh, io.BufferedReader) else b""
        except OSError as exc:
            yield Item(str(path), b"", error=f"{path}: {exc.strerror or exc}")
            return
        if not _MBOX_FROM.match(first):
            yield _read(path, limits)
            return
        yield from iter_stream(fh, str(path), limits)


def split_messages(data: bytes, source: str = "-", limits: Limits = DEFAULT_SETTINGS.limits) -> Iterator[Item]:
    """Bytes already in memory (standard input, an upload) as messages: an mbox is split into
    its messages (`source:N`), anything else is one message."""
    if _MBOX_FROM.match(data[:4096]):
        yield from iter_stream(io.BytesIO(data), source, limits)
    else:
        kept = data[: limits.max_message_bytes]
        yield Item(source, kept, (_truncated(len(data), len(kept)),) if len(data) > len(kept) else ())


def iter_stream(fh: BinaryIO, source: str, limits: Limits = DEFAULT_SETTINGS.limits) -> Iterator[Item]:
    """Messages of an mbox read from `fh` one by one; memory is bounded by one message.

    Every line that looks like a `From ` separator starts a message (mboxo/mboxrd `>From `
    body lines are unquoted). A single-message mbox yields `source` itself, several yield
    `source:1`, `source:2` ...; a message over `max_message_bytes` is cut there with a defect."""
    cap = limits.max_message_bytes
    held: tuple[bytes, int] | None = None  # the first message, until we know there is a second
    count = 0
    parts: list[bytes] = []
    kept = size = 0
    started = False
    at_line_start = True

    def finish() -> tuple[bytes, int]:
        return b"".join(parts), size

    def item(n: int | None, data: bytes, total: int) -> Item:
        name = source if n is None else f"{source}:{n}"
        return Item(name, data, (_truncated(total, len(data)),) if total > len(data) else ())

    while True:
        piece = fh.readline(_LINE_PIECE)
        if not piece:
            break
        line_start = at_line_start
        at_line_start = piece.endswith(b"\n")
        if line_start and piece.startswith(b"From ") and _MBOX_FROM.match(piece):
            if started:
                count += 1
                if count == 1:
                    held = finish()
                else:
                    if held is not None:
                        yield item(1, *held)
                        held = None
                    yield item(count, *finish())
            started = True
            parts, kept, size = [], 0, 0
            while not at_line_start:  # the rest of an over-long separator line
                rest = fh.readline(_LINE_PIECE)
                if not rest:
                    break
                at_line_start = rest.endswith(b"\n")
            continue
        if line_start and piece.startswith(b">") and _MBOXRD_QUOTE.match(piece):
            piece = piece[1:]
        if not started:
            started = True  # text before the first separator is a message of its own
        size += len(piece)
        if kept < cap:
            piece = piece[: cap - kept]
            parts.append(piece)
            kept += len(piece)
    if not started:
        return
    count += 1
    if count == 1:
        yield item(None, *finish())
        return
    if held is not None:
        yield item(1, *held)
    yield item(count, *finish())
