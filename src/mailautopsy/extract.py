"""The attachments of a message as files, for the analyst's sandbox: `mailautopsy extract` and
the web app's attachments download, one implementation.

The files are the bytes the parser read (parse/attachments.py), archive members included within
the archive limits of `Limits`; nothing is executed or opened with a program. Each file gets a
name that cannot leave the output folder and cannot hide its type: an index, the declared name
with every dot, separator, control and reserved character replaced, and the extension of the type
sniffed from its bytes (`invoice.pdf.exe` becomes `002-invoice_pdf_exe.exe_`). A manifest records,
per file, the SHA-256, size, declared and sniffed type, and where in the message it was.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .model import Attachment
from .parse.message import parse_bytes
from .parse.sources import message_bytes
from .render.json import dumps
from .settings import DEFAULT_SETTINGS, Settings

ZIP_PASSWORD = "infected"
"""The malware analysts' customary password: it keeps scanners and mail filters from opening the
zip, it is no secret."""

_INERT = {
    "png": "png",
    "jpeg": "jpg",
    "gif": "gif",
    "bmp": "bmp",
    "webp": "webp",
    "tiff": "tif",
    "text": "txt",
    "binary": "bin",
    "empty": "bin",
    "zip": "zip",
    "7z": "7z",
    "rar": "rar",
    "gzip": "gz",
    "bzip2": "bz2",
    "xz": "xz",
}
"""Sniffed types written with their usual extension: double-clicking them runs nothing. Every
other type (exe, lnk, html, svg, pdf, ooxml, ole, rtf, iso, onenote, jar …) gets its type name and
a trailing `_`, so no program is bound to it."""
_STEM_MAX = 80
_STEM_BYTES = 160
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f<>:\"/\\|?*.\s]+")


@dataclass(frozen=True, slots=True)
class ExtractedFile:
    """One attachment or archive member: its safe name and bytes, or why it has none."""

    index: int
    name: str
    """Safe file name; '' when the bytes were not read (see `note`)."""
    where: str
    """MIME path of the part, `/member` appended for archive members."""
    filename: str
    """The name the mail declared, as written (attacker text)."""
    declared_type: str
    sniffed_type: str
    size: int
    sha256: str
    encrypted: bool
    parent: int | None
    """Index of the archive this member came out of."""
    note: str = ""
    data: bytes = field(default=b"", repr=False)

    def manifest_entry(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "name": self.name or None,
            "where": self.where,
            "declared_name": self.filename,
            "declared_type": self.declared_type,
            "sniffed_type": self.sniffed_type,
            "size": self.size,
            "sha256": self.sha256 or None,
            "encrypted": self.encrypted,
            "parent": self.parent,
            **({"note": self.note} if self.note else {}),
        }


def type_extension(sniffed: str) -> str:
    """The extension written for a sniffed type (see `_INERT`)."""
    if sniffed in _INERT:
        return _INERT[sniffed]
    return (re.sub(r"[^a-z0-9]", "", sniffed.lower()) or "bin") + "_"


def safe_name(index: int, filename: str, sniffed: str) -> str:
    """`NNN-stem.ext`: no separator, dot, control or reserved character in the stem (so no `../`,
    no absolute path, no hidden file, no device name, no second extension), bidi and zero-width
    characters and lone surrogates removed, the stem cut to 80 characters (160 bytes of UTF-8), the
    extension from the sniffed type."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch) not in ("Cf", "Cs"))
    stem = _UNSAFE.sub("_", base).strip("_")[:_STEM_MAX]
    while len(stem.encode("utf-8")) > _STEM_BYTES:  # file systems count a name's bytes (255 at most)
        stem = stem[:-1]
    return f"{index:03d}-{stem or 'attachment'}.{type_extension(sniffed)}"


def _walk(atts: Iterable[Attachment], parent: int | None, out: list[tuple[Attachment, int | None]]) -> None:
    for att in atts:
        index = len(out)
        out.append((att, parent))
        _walk(att.children, index, out)


def _note(att: Attachment, data: bytes | None) -> str:
    if data is not None:
        return ""
    if att.encrypted:
        return "encrypted: not read"
    if att.size == 0 and not att.sha256:
        return "empty"
    return "not read (archive limits, unsupported archive, or a bomb): listed only"


def extracted_files(raw: bytes, settings: Settings = DEFAULT_SETTINGS) -> list[ExtractedFile]:
    """Every attachment of the message (an Outlook .msg is converted first) and every archive
    member the parser read, in order, parents before their members."""
    payloads: dict[str, bytes] = {}
    msg = parse_bytes(message_bytes(raw), settings, payloads)
    flat: list[tuple[Attachment, int | None]] = []
    _walk(msg.attachments, None, flat)
    files = []
    for index, (att, parent) in enumerate(flat):
        data = payloads.get(att.sha256) if att.sha256 else None
        files.append(
            ExtractedFile(
                index=index,
                name=safe_name(index, att.filename or att.where, att.sniffed_type) if data is not None else "",
                where=att.where,
                filename=att.filename,
                declared_type=att.declared_type,
                sniffed_type=att.sniffed_type,
                size=att.size,
                sha256=att.sha256,
                encrypted=att.encrypted,
                parent=parent,
                note=_note(att, data),
                data=data or b"",
            )
        )
    return files


def manifest(files: list[ExtractedFile], source: str, raw: bytes) -> dict[str, Any]:
    return {
        "source": source,
        "message_sha256": hashlib.sha256(raw).hexdigest(),
        "warning": "Attachments of a suspicious mail. Open them only inside a sandbox.",
        "files": [f.manifest_entry() for f in files],
    }


def _manifest_bytes(info: dict[str, Any]) -> bytes:
    """manifest.json as UTF-8 (a declared name's undecodable bytes become U+FFFD)."""
    return (dumps(info, indent=2) + "\n").encode("utf-8")


def _inside(folder: Path, name: str) -> Path:
    """The path of `name` in `folder`; refused if it would land anywhere else."""
    target = folder / name
    if name in ("", ".", "..") or Path(name).name != name or target.resolve().parent != folder.resolve():
        raise InputError(f"refused to write {name!r}: it would leave {folder}")
    return target


def _write_new(path: Path, data: bytes) -> None:
    """Create `path` (never overwrite, never follow a link), readable by its owner only, not executable."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def write_folder(files: list[ExtractedFile], folder: Path, info: dict[str, Any]) -> list[Path]:
    """The files and manifest.json in `folder` (created if needed; existing files are never replaced)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for f in files:
            if f.name:
                path = _inside(folder, f.name)
                _write_new(path, f.data)
                written.append(path)
        path = _inside(folder, "manifest.json")
        _write_new(path, _manifest_bytes(info))
    except FileExistsError as exc:
        raise InputError(f"{exc.filename} exists already: extract into an empty folder") from exc
    except OSError as exc:
        raise InputError(f"cannot write into {folder}: {exc.strerror or exc}") from exc
    return [*written, path]


def protected_zip(files: list[ExtractedFile], info: dict[str, Any], password: str = ZIP_PASSWORD) -> bytes:
    """The files, manifest.json and a README in one AES-256 encrypted zip (WinZip AES, pyzipper)."""
    import pyzipper

    out = io.BytesIO()
    with pyzipper.AESZipFile(out, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as zf:
        zf.setpassword(password.encode("utf-8"))
        for f in files:
            if f.name:
                zf.writestr(f.name, f.data)
        zf.writestr("manifest.json", _manifest_bytes(info))
        zf.writestr("README.txt", "Attachments of a suspicious mail. Do not open them outside a sandbox.\n")
    return out.getvalue()
