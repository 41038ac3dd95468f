"""What people upload and what the app hands back from a message: messages out of uploads
(zips opened within limits, nothing written to disk), the sanitised preview of the mail's
HTML, and its attachments as a password-protected zip (extract.py)."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..extract import ZIP_PASSWORD, extracted_files, manifest, protected_zip
from ..model import Defect
from ..parse.html import too_big
from ..parse.sources import split_messages
from ..settings import DEFAULT_SETTINGS, Limits
from .settings import WebSettings

_TAG = re.compile(r"<[^<>]{0,2000}>")
_BOUNDARY = re.compile(rb"(?i)boundary\s*=")
_CHARSET = re.compile(r"(?i)\bcharset\s*=\s*\"?([\w.:-]{1,40})")
MESSAGE_SUFFIXES = (".eml", ".msg", ".txt", ".mbox", ".mbx", "")


@dataclass
class Upload:
    filename: str
    data: bytes
    defects: tuple[Defect, ...] = ()
    """Damage done by reading it (a message of an mbox cut at `Limits.max_message_bytes`)."""
    origin: str = ""
    """The mbox it was split out of ('' for a file that is one message)."""


def messages_of(item: Upload, settings: WebSettings) -> list[Upload]:
    """An mbox split into its messages (`name:1`, `name:2` ..., by `parse.sources.split_messages`,
    as `scan` does), anything else as it is."""
    found = list(split_messages(item.data, item.filename, settings.analysis.limits))
    if len(found) == 1 and found[0].source == item.filename:
        return [Upload(item.filename, found[0].data, item.defects + found[0].defects, item.origin)]
    return [Upload(i.source, i.data, item.defects + i.defects, item.filename) for i in found]


def _capped(out: list[Upload], settings: WebSettings) -> tuple[list[Upload], list[tuple[str, str]]]:
    """At most `max_files` messages; the others are reported, those of an mbox as one count."""
    most = settings.max_files
    over = out[most:]
    rejected = [(u.filename, f"more than {most} messages at once") for u in over if not u.origin]
    for origin, n in Counter(u.origin for u in over if u.origin).items():
        rejected.append((origin, f"{n} of its messages not analysed: more than {most} messages at once"))
    return out[:most], rejected


def split_uploads(items: list[Upload], settings: WebSettings) -> tuple[list[Upload], list[tuple[str, str]]]:
    """Messages out of the uploaded files; zips are opened within limits (entries, total size,
    compression ratio), mboxes are split into their messages, nothing is written to disk."""
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
                            out.extend(messages_of(Upload(name, fh.read(settings.max_message_bytes + 1)), settings))
                    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError) as exc:
                        rejected.append((name, f"unreadable: {exc}"))
            continue
        out.extend(messages_of(item, settings))
    out, over = _capped(out, settings)
    return out, rejected + over


def _stdlib_message(raw: bytes, limits: Limits) -> Any:
    """The mail as the standard library reads it (compat32: no structured header parsing), unless
    it declares more multipart boundaries than `Limits.max_depth`: the standard library tests every
    open boundary on every line, so 2,000 nested multiparts cost it seconds (the analysis reads
    such a mail with its own linear splitter; the preview and the attachments zip give up)."""
    import email
    from email import policy

    data = raw[: limits.max_message_bytes]
    if len(_BOUNDARY.findall(data)) > limits.max_depth:
        raise ValueError(f"more than {limits.max_depth} multipart levels declared")
    return email.message_from_bytes(data, policy=policy.compat32)


def _preview_body(raw: bytes, limits: Limits) -> tuple[str, str]:
    """(content type, text) of the first HTML part, else of the first plain one. Read with the
    standard library's compat32 policy and the charset found by a bounded pattern: its structured
    header parser (policy.default) took over a minute on a Content-Type of 40,000 `"`."""

    msg = _stdlib_message(raw, limits)
    found: dict[str, Any] = {}
    for n, part in enumerate(msg.walk()):
        if n >= limits.max_parts:
            break
        ctype = part.get_content_type()
        if ctype in ("text/html", "text/plain"):
            found.setdefault(ctype, part)
    chosen = found.get("text/html") or found.get("text/plain")
    if chosen is None:
        return "", ""
    payload = chosen.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    declared = _CHARSET.search(str(chosen.get("content-type", ""))[: limits.max_mime_field_chars])
    try:
        text = data.decode(declared.group(1) if declared else "utf-8", "replace")
    except LookupError:
        text = data.decode("utf-8", "replace")
    return chosen.get_content_type(), text[: limits.max_text_chars]


def sanitised_preview(raw: bytes, limits: Limits = DEFAULT_SETTINGS.limits) -> str:
    """The mail's HTML part through nh3: no script, style, image, form or link target survives.
    Markup too deep or with too many tags for a tree builder (100,000 nested `<div>` held nh3 for
    over a minute) is shown as its text, tags removed. The web app builds it in a worker process."""
    import nh3

    try:
        ctype, content = _preview_body(raw, limits)
    except Exception:
        return "<p>(no readable body)</p>"
    if not ctype:
        return "<p>(no readable body)</p>"
    if ctype == "text/plain":
        return "<pre>" + nh3.clean_text(content) + "</pre>"
    if too_big(content, limits.max_html_depth, limits.max_html_tags):
        return "<pre>" + nh3.clean_text(_TAG.sub(" ", content)) + "</pre>"
    tags = {"p", "br", "div", "span", "b", "i", "u", "strong", "em", "ul", "ol", "li", "table", "tr", "td", "th"}
    tags |= {"tbody", "thead", "h1", "h2", "h3", "h4", "blockquote", "pre", "code", "a", "hr", "font", "center"}
    return nh3.clean(content, tags=tags, attributes={}, url_schemes=set(), link_rel=None, strip_comments=True)


def protected_attachments(raw: bytes, password: str = ZIP_PASSWORD) -> bytes:
    """The message's attachments and archive members in an AES-encrypted zip with the malware
    analysts' password, under safe names, with manifest.json (extract.py, as `mailautopsy extract`:
    one implementation). Read by the bounded parser; the web app calls it in a worker process."""
    files = extracted_files(raw)
    return protected_zip(files, manifest(files, "", raw), password)
