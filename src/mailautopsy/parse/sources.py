"""Inputs: .eml files, Outlook .msg files, mbox files, Maildir folders, directories
(recursively) and stdin — each yielding (source name, raw RFC 5322 bytes)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MBOX_FROM = re.compile(rb"^From \S+ +\w{3} \w{3} [ \d]\d \d\d:\d\d", re.M)
_MAX_FILE = 256 * 1024 * 1024


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(_MAX_FILE)
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from exc


def is_mbox(data: bytes) -> bool:
    """An mbox holds several messages separated by `From ` lines."""
    if not data.startswith(b"From "):
        return False
    return len(_MBOX_FROM.findall(data[: 16 * 1024 * 1024])) > 1


def split_mbox(data: bytes) -> Iterator[bytes]:
    starts = [m.start() for m in _MBOX_FROM.finditer(data)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(data)
        chunk = data[start:end]
        chunk = chunk.split(b"\n", 1)[1] if chunk.startswith(b"From ") and b"\n" in chunk else chunk
        # mboxrd/mboxo quoting: a body line ">From " was "From ".
        yield re.sub(rb"(?m)^>(>*From )", rb"\1", chunk)


def message_bytes(data: bytes) -> bytes:
    """Raw RFC 5322 bytes of a file that may be an Outlook .msg."""
    if data.startswith(_OLE_MAGIC):
        from .outlook import msg_to_rfc822

        return msg_to_rfc822(data)
    return data


def _is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() and (path / "new").is_dir()


def iter_path(path: Path) -> Iterator[tuple[str, bytes]]:
    """Every message under a path: a file (eml, msg or mbox), a Maildir or a directory."""
    if path.is_dir():
        if _is_maildir(path):
            for sub in ("new", "cur"):
                for entry in sorted((path / sub).iterdir()):
                    if entry.is_file():
                        yield str(entry), _read(entry)
            for child in sorted(path.iterdir()):
                if child.is_dir() and child.name.startswith(".") and _is_maildir(child):
                    yield from iter_path(child)
            return
        for root, dirs, files in os.walk(path):
            dirs.sort()
            dirs[:] = [d for d in dirs if d not in ("tmp",)]
            for name in sorted(files):
                if name.startswith("."):
                    continue
                yield from iter_file(Path(root) / name)
        return
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    yield from iter_file(path)


def iter_file(path: Path) -> Iterator[tuple[str, bytes]]:
    data = _read(path)
    if is_mbox(data):
        for i, chunk in enumerate(split_mbox(data), start=1):
            yield f"{path}:{i}", chunk
    else:
        yield str(path), data
