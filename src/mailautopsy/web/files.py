"""What people upload and what the app hands back from a message: messages out of uploads
(zips opened within limits, nothing written to disk), the sanitised preview of the mail's
HTML, and its attachments as a password-protected zip (extract.py)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..extract import ZIP_PASSWORD, extracted_files, manifest, protected_zip
from .settings import WebSettings

MESSAGE_SUFFIXES = (".eml", ".msg", ".txt", "")


@dataclass
class Upload:
    filename: str
    data: bytes


def split_uploads(items: list[Upload], settings: WebSettings) -> tuple[list[Upload], list[tuple[str, str]]]:
    """Messages out of the uploaded files; zips are opened within limits (entries, total size,
    compression ratio), nothing is written to disk."""
    out: list[Upload] = []
    rejected: list[tuple[str, str]] = []
    for item in items:
        if len(item.data) > settings.max_message_bytes and not item.filename.lower().endswith(".zip"):
            rejected.append((item.filename, f"larger than {settings.max_message_bytes // 1048576} MB"))
            continue
        if not item.data:
            rejected.append((item.filename, "empty file"))
            continue
        if item.filename.lower().endswith(".zip") or item.data[:4] == b"PK\x03\x04":
            try:
                archive = zipfile.ZipFile(io.BytesIO(item.data))
                entries = [i for i in archive.infolist() if not i.is_dir()]
            except (zipfile.BadZipFile, OSError, ValueError) as exc:
                rejected.append((item.filename, f"unreadable zip: {exc}"))
                continue
            if len(entries) > settings.max_zip_entries:
                rejected.append((item.filename, f"more than {settings.max_zip_entries} files in the zip"))
                continue
            total = sum(i.file_size for i in entries)
            if total > settings.max_zip_total_bytes or any(
                i.compress_size and i.file_size / i.compress_size > settings.max_zip_ratio for i in entries
            ):
                rejected.append((item.filename, "zip bomb: expands too much"))
                continue
            for info in entries:
                name = f"{item.filename}/{info.filename}"
                if Path(info.filename).suffix.lower() not in MESSAGE_SUFFIXES:
                    rejected.append((name, "not a message (.eml, .msg)"))
                elif info.file_size > settings.max_message_bytes:
                    rejected.append((name, f"larger than {settings.max_message_bytes // 1048576} MB"))
                elif info.flag_bits & 0x1:
                    rejected.append((name, "encrypted zip entry"))
                else:
                    try:
                        with archive.open(info) as fh:
                            out.append(Upload(name, fh.read(settings.max_message_bytes + 1)))
                    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError) as exc:
                        rejected.append((name, f"unreadable: {exc}"))
            continue
        out.append(item)
    if len(out) > settings.max_files:
        rejected.extend(
            (u.filename, f"more than {settings.max_files} messages at once") for u in out[settings.max_files :]
        )
        out = out[: settings.max_files]
    return out, rejected


def sanitised_preview(raw: bytes) -> str:
    """The mail's HTML part through nh3: no script, style, image, form or link target survives."""
    import email
    from email import policy

    import nh3

    try:
        msg = email.message_from_bytes(raw[:5_000_000], policy=policy.default)
        part = msg.get_body(preferencelist=("html", "plain"))
        content = part.get_content() if part is not None else ""
    except Exception:
        return "<p>(no readable body)</p>"
    if part is not None and part.get_content_type() == "text/plain":
        return "<pre>" + nh3.clean_text(str(content)) + "</pre>"
    tags = {"p", "br", "div", "span", "b", "i", "u", "strong", "em", "ul", "ol", "li", "table", "tr", "td", "th"}
    tags |= {"tbody", "thead", "h1", "h2", "h3", "h4", "blockquote", "pre", "code", "a", "hr", "font", "center"}
    return nh3.clean(str(content), tags=tags, attributes={}, url_schemes=set(), link_rel=None, strip_comments=True)


def protected_attachments(raw: bytes, password: str = ZIP_PASSWORD) -> bytes:
    """The message's attachments and archive members in an AES-encrypted zip with the malware
    analysts' password, under safe names, with manifest.json (extract.py, as `mailautopsy extract`)."""
    files = extracted_files(raw)
    return protected_zip(files, manifest(files, "", raw), password)
