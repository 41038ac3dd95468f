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
_MBOXRD_UNQUOTE = re.compile(rb"^>(>*From )", re.MULTILINE)
_LINE_PIECE = 1024 * 1024
"""Bytes read at most per readline: a line longer than this is read in pieces."""
_BLOCK = 1024 * 1024
"""Bytes read at a time when looking for the separators of an mbox."""
_SEPARATOR = b"\nFrom "

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
class Span:
    """Where a message lies in a file, for reading it later (in a worker process)."""

    path: str
    offset: int
    length: int
    mbox: bool
    """An mbox entry: `>From ` lines are unquoted as it is read."""


@dataclass(frozen=True, slots=True)
class Item:
    """One message as read from its source, with what reading it cost."""

    source: str
    data: bytes
    defects: tuple[Defect, ...] = ()
    """Damage done by reading (a message cut at `Limits.max_message_bytes`)."""
    error: str = ""
    """Why the source could not be read at all ('' when it was)."""
    span: Span | None = None
    """Not read yet: where the bytes are (`loaded` reads them). The process that finds the
    messages of a large mbox then holds none of their bytes."""

    @property
    def size(self) -> int:
        """Its bytes: those read, or, not read yet, the length of where they lie."""
        return len(self.data) or (self.span.length if self.span is not None else 0)

    def loaded(self, limits: Limits = DEFAULT_SETTINGS.limits) -> Item:
        """This item with its bytes read (itself when they already are)."""
        if self.span is None:
            return self
        span = self.span
        try:
            with open(span.path, "rb") as fh:
                fh.seek(span.offset)
                if span.mbox:
                    data, size = _collect(fh, span.length, limits.max_message_bytes)
                else:
                    data, size = fh.read(min(span.length, limits.max_message_bytes)), span.length
        except OSError as exc:
            return Item(self.source, b"", error=f"{span.path}: {exc.strerror or exc}")
        return Item(self.source, data, (_truncated(size, len(data)),) if size > len(data) else ())


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


def iter_path(path: Path, limits: Limits = DEFAULT_SETTINGS.limits, lazy: bool = False) -> Iterator[Item]:
    """Every message under a path: a file (eml, msg or mbox), a Maildir or a directory. A file
    that cannot be opened is an Item with `error` set; a missing path raises InputError. `lazy`:
    items carry where their bytes are instead of the bytes (Item.loaded reads them)."""
    if path.is_dir():
        if _is_maildir(path):
            for sub in ("new", "cur"):
                for entry in sorted((path / sub).iterdir()):
                    if entry.is_file():
                        yield from iter_file(entry, limits, lazy)
            for child in sorted(path.iterdir()):
                if child.is_dir() and child.name.startswith(".") and _is_maildir(child):
                    yield from iter_path(child, limits, lazy)
            return
        for root, dirs, files in os.walk(path):
            dirs.sort()
            dirs[:] = [d for d in dirs if d not in ("tmp",)]
            for name in sorted(files):
                if name.startswith("."):
                    continue
                yield from iter_file(Path(root) / name, limits, lazy)
        return
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    yield from iter_file(path, limits, lazy)


def iter_file(path: Path, limits: Limits = DEFAULT_SETTINGS.limits, lazy: bool = False) -> Iterator[Item]:
    """The messages of one file: several for an mbox (`path:N`), else one."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Item(str(path), b"", error=f"{path}: {exc.strerror or exc}")
        return
    with fh:
        try:
            first = fh.peek(4096)[:4096]
            size = os.fstat(fh.fileno()).st_size
        except OSError as exc:
            yield Item(str(path), b"", error=f"{path}: {exc.strerror or exc}")
            return
        if _MBOX_FROM.match(first):
            yield from iter_stream(fh, str(path), limits, str(path) if lazy else None)
        elif lazy:
            yield Item(str(path), b"", span=Span(str(path), 0, size, mbox=False))
        else:
            yield _read(path, limits)


def split_messages(data: bytes, source: str = "-", limits: Limits = DEFAULT_SETTINGS.limits) -> Iterator[Item]:
    """Bytes already in memory (standard input, an upload) as messages: an mbox is split into
    its messages (`source:N`), anything else is one message."""
    if _MBOX_FROM.match(data[:4096]):
        yield from iter_stream(io.BytesIO(data), source, limits)
    else:
        kept = data[: limits.max_message_bytes]
        yield Item(source, kept, (_truncated(len(data), len(kept)),) if len(data) > len(kept) else ())


def iter_input(stream: BinaryIO, source: str = "-", limits: Limits = DEFAULT_SETTINGS.limits) -> Iterator[Item]:
    """The messages of a stream that cannot seek (standard input): spooled to a temporary file,
    so that an mbox of any size is split message by message without being held in memory."""
    import shutil
    import tempfile

    with tempfile.TemporaryFile() as tmp:
        shutil.copyfileobj(stream, tmp, 1024 * 1024)
        size = tmp.tell()
        tmp.seek(0)
        if _MBOX_FROM.match(tmp.read(4096)):
            tmp.seek(0)
            yield from iter_stream(tmp, source, limits)
            return
        tmp.seek(0)
        data = tmp.read(limits.max_message_bytes)
        yield Item(source, data, (_truncated(size, len(data)),) if size > len(data) else ())


def iter_stream(
    fh: BinaryIO, source: str, limits: Limits = DEFAULT_SETTINGS.limits, path: str | None = None
) -> Iterator[Item]:
    """Messages of an mbox read from the seekable `fh` one by one; memory is bounded by one
    message, or by one line when `path` (the file `fh` reads) is given: the items then carry
    where their bytes are (Item.loaded reads them).

    Every line that looks like a `From ` separator starts a message (mboxo/mboxrd `>From `
    body lines are unquoted). A single-message mbox yields `source` itself, several yield
    `source:1`, `source:2` ...; a message over `max_message_bytes` is cut there with a defect."""

    def item(n: int | None, start: int, end: int) -> Item:
        name = source if n is None else f"{source}:{n}"
        if path is not None:
            return Item(name, b"", span=Span(path, start, end - start, mbox=True))
        back = fh.tell()
        fh.seek(start)
        data, size = _collect(fh, end - start, limits.max_message_bytes)
        fh.seek(back)
        return Item(name, data, (_truncated(size, len(data)),) if size > len(data) else ())

    previous: tuple[int, int] | None = None
    count = 0
    for span in _spans(fh):
        if previous is not None:
            count += 1
            yield item(count, *previous)
        previous = span
    if previous is not None:
        yield item(count + 1 if count else None, *previous)


def _spans(fh: BinaryIO) -> Iterator[tuple[int, int]]:
    """(start, end) byte offsets of each message of an mbox, separator lines excluded.

    Read in blocks of `_BLOCK` bytes and searched for `\\nFrom ` with bytes.find (C speed, linear;
    the last bytes of a block are carried into the next so that no separator is cut); only a
    candidate is checked against the separator pattern. The file is read once, never held whole."""
    start: int | None = None
    base = -1  # file offset of buf[0]: the stream searched is a newline, then the file
    carry = b"\n"
    size = 0
    while True:
        block = fh.read(_BLOCK)
        size += len(block)
        buf = carry + block
        i = buf.find(_SEPARATOR)
        while i >= 0:
            offset = base + i + 1  # where "From " begins in the file
            end = _separator_end(fh, buf, i + 1, base)
            if end is not None:
                if start is None and offset > 0:
                    yield 0, offset  # text before the first separator is a message of its own
                elif start is not None:
                    yield start, offset
                start = end
            i = buf.find(_SEPARATOR, i + 1)
        if not block:
            break
        carry = buf[-(len(_SEPARATOR) - 1) :]
        base += len(buf) - len(carry)
    if start is None and size:
        start = 0
    if start is not None:
        yield start, max(start, size)


def _separator_end(fh: BinaryIO, buf: bytes, at: int, base: int) -> int | None:
    """Where the line at `buf[at]` (a line start) ends, newline included, when it is an mbox
    separator line; None when it is not. A line running past the buffer is read from the file
    (and the file position put back)."""
    newline = buf.find(b"\n", at, at + _LINE_PIECE)
    if newline >= 0:
        return base + newline + 1 if _MBOX_FROM.match(buf[at:newline]) else None
    if len(buf) - at >= _LINE_PIECE:
        line = buf[at : at + _LINE_PIECE]
        if not _MBOX_FROM.match(line):
            return None
    back = fh.tell()
    try:
        fh.seek(base + at)
        piece = fh.readline(_LINE_PIECE)
        if not _MBOX_FROM.match(piece):
            return None
        end = base + at + len(piece)
        while piece and not piece.endswith(b"\n"):  # the rest of an over-long separator line
            piece = fh.readline(_LINE_PIECE)
            end += len(piece)
        return end
    finally:
        fh.seek(back)


def _collect(fh: BinaryIO, length: int, cap: int) -> tuple[bytes, int]:
    """`length` bytes of an mbox entry from `fh`, `>From ` lines unquoted, at most `cap` kept:
    (bytes kept, size of the whole entry)."""
    if length <= cap:  # the usual case: one read, the quotes undone in one linear pass
        data = _MBOXRD_UNQUOTE.sub(rb"\1", fh.read(length))
        return data, len(data)
    return _collect_lines(fh, length, cap)


def _collect_lines(fh: BinaryIO, length: int, cap: int) -> tuple[bytes, int]:
    """`_collect` line by line, for an entry longer than `cap`: only `cap` bytes are kept."""
    parts: list[bytes] = []
    kept = size = 0
    left = length
    at_line_start = True
    while left > 0:
        piece = fh.readline(min(_LINE_PIECE, left))
        if not piece:
            break
        left -= len(piece)
        line_start = at_line_start
        at_line_start = piece.endswith(b"\n")
        if line_start and piece.startswith(b">") and _MBOXRD_QUOTE.match(piece):
            piece = piece[1:]
        size += len(piece)
        if kept < cap:
            piece = piece[: cap - kept]
            parts.append(piece)
            kept += len(piece)
    return b"".join(parts), size
