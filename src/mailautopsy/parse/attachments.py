"""Attachments: type, hash, what is inside (archives, macros, forms, scripts, QR codes).

Files are read as bytes and parsed by libraries; nothing is ever opened with a
program. Archive members are read only within the byte budget and ratio of
`Limits`, so a bomb is reported, not expanded.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model import Attachment, Defect, Link
from ..settings import Settings
from .html import parse_html
from .links import make_link, urls_in_text
from .sniff import sniff

_PDF_URI = re.compile(rb"/URI\s*\(([^)]{4,2000})\)")
_PDF_STREAM_START = re.compile(rb"stream\r?\n")
_PDF_STREAM_MAX = 4_000_000


def _pdf_streams(data: bytes) -> Iterator[bytes]:
    """The contents of each `stream … endstream` of a PDF, in one pass: each stream's end is found
    once with `find`, and when no `endstream` follows there is nothing more to find. (A lazy regular
    expression rescanned to the end from every `stream`: 20,000 of them took 39 s.)"""
    pos = 0
    while True:
        start = _PDF_STREAM_START.search(data, pos)
        if start is None:
            return
        end = data.find(b"endstream", start.end())
        if end < 0:
            return
        body = data[start.end() : end]
        body = body[:-2] if body.endswith(b"\r\n") else body[:-1] if body.endswith(b"\n") else body
        if 0 < len(body) <= _PDF_STREAM_MAX:
            yield body
        pos = end + len(b"endstream")


_JS_TELLS = {
    "js_atob": re.compile(r"\batob\s*\(", re.I),
    "js_blob": re.compile(r"new\s+Blob\s*\(|createObjectURL", re.I),
    "js_location": re.compile(r"(?:window\.|document\.|top\.)?location(?:\.href)?\s*=|location\.replace\(", re.I),
    "js_eval": re.compile(r"\beval\s*\(|unescape\s*\(|String\.fromCharCode|document\.write\s*\(", re.I),
    "js_fetch": re.compile(r"\bfetch\s*\(|XMLHttpRequest|\$\.(?:ajax|post)\(|api\.telegram\.org", re.I),
}

logging.getLogger("olevba").setLevel(logging.CRITICAL)
logging.getLogger("oletools").setLevel(logging.CRITICAL)


@dataclass(slots=True)
class AttachmentScanner:
    """Scans the attachments of one message, sharing one budget across them."""

    settings: Settings
    links: list[Link] = field(default_factory=list)
    defects: list[Defect] = field(default_factory=list)
    archive_bytes_left: int = 0
    qr_scanned: int = 0
    payloads: dict[str, bytes] | None = None
    """When a dict: the bytes of every attachment and archive member read, by SHA-256 (`extract`)."""

    def __post_init__(self) -> None:
        self.archive_bytes_left = self.settings.limits.max_archive_total_bytes

    def scan(
        self,
        data: bytes,
        filename: str,
        declared_type: str,
        where: str,
        inline: bool = False,
        depth: int = 0,
        encrypted: bool = False,
    ) -> Attachment:
        kind = sniff(data, filename) if data else ("encrypted" if encrypted else "empty")
        flags: list[str] = []
        children: tuple[Attachment, ...] = ()
        label = filename or where
        try:
            if kind in ("zip", "jar"):
                children, zflags = self._zip(data, where, depth)
                flags += zflags
            elif kind == "ooxml":
                flags += self._office(data, label)
                flags += self._ooxml_links(data, label)
            elif kind in ("ole", "rtf"):
                flags += self._office(data, label)
            elif kind == "7z":
                children, zflags = self._7z(data, where)
                flags += zflags
            elif kind == "rar":
                children, zflags = self._rar(data, where)
                flags += zflags
            elif kind == "gzip":
                children = self._gzip(data, filename, where, depth)
            elif kind in ("html", "svg"):
                flags += self._html(data, label)
            elif kind == "pdf":
                flags += self._pdf(data, label)
            elif kind in ("png", "jpeg", "gif", "bmp", "webp", "tiff"):
                flags += self._qr(data, label)
            elif kind == "text" and filename.lower().endswith((".txt", ".url", ".csv", ".eml")):
                text = data[:200_000].decode("utf-8", errors="replace")
                for url, defanged in urls_in_text(text, 50):
                    self._add_link(url, "attachment", label, defanged=defanged)
                if filename.lower().endswith(".url"):
                    flags.append("internet_shortcut")
        except Exception as exc:  # a library choked on hostile bytes: record, carry on
            self.defects.append(Defect("ATTACHMENT_UNREADABLE", f"{type(exc).__name__}: {exc}"[:200], where))
        sha256 = hashlib.sha256(data).hexdigest() if data else ""
        if sha256 and self.payloads is not None:
            self.payloads.setdefault(sha256, data)
        return Attachment(
            where=where,
            filename=filename,
            declared_type=declared_type,
            sniffed_type=kind,
            size=len(data),
            sha256=sha256,
            inline=inline,
            encrypted=encrypted or "encrypted" in flags,
            children=children,
            flags=tuple(dict.fromkeys(flags)),
        )

    def _add_link(self, url: str, source: str, where: str, text: str = "", defanged: bool = False) -> None:
        if len(self.links) < self.settings.limits.max_links:
            self.links.append(make_link(url, source, where, text, defanged))

    # -- archives -------------------------------------------------------------
    def _zip(self, data: bytes, where: str, depth: int) -> tuple[tuple[Attachment, ...], list[str]]:
        limits = self.settings.limits
        flags: list[str] = []
        children: list[Attachment] = []
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > limits.max_archive_members:
                self.defects.append(Defect("ARCHIVE_TOO_MANY_MEMBERS", str(len(infos)), where))
            for info in infos[: limits.max_archive_members]:
                if info.is_dir():
                    continue
                child_where = f"{where}/{info.filename}"
                enc = bool(info.flag_bits & 0x1)
                if enc:
                    flags.append("encrypted")
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > limits.max_archive_ratio or info.file_size > limits.max_decoded_part_bytes:
                    flags.append("archive_bomb")
                    self.defects.append(
                        Defect(
                            "ARCHIVE_BOMB",
                            f"{info.filename}: {info.file_size} bytes from {info.compress_size}",
                            where,
                        )
                    )
                    children.append(Attachment(child_where, info.filename, "", "", info.file_size, ""))
                    continue
                content = b""
                if not enc and depth < limits.max_archive_depth and info.file_size <= self.archive_bytes_left:
                    with archive.open(info) as fh:
                        content = fh.read(info.file_size + 1)[: info.file_size]
                    self.archive_bytes_left -= len(content)
                elif not enc:
                    self.defects.append(Defect("ARCHIVE_BUDGET", f"{info.filename} not read", where))
                if content or enc:
                    children.append(self.scan(content, info.filename, "", child_where, depth=depth + 1, encrypted=enc))
                else:
                    children.append(Attachment(child_where, info.filename, "", "", info.file_size, ""))
        return tuple(children), flags

    def _7z(self, data: bytes, where: str) -> tuple[tuple[Attachment, ...], list[str]]:
        import py7zr

        flags: list[str] = []
        children: list[Attachment] = []
        try:
            with py7zr.SevenZipFile(io.BytesIO(data)) as archive:
                if archive.needs_password():
                    flags.append("encrypted")
                for entry in archive.list()[: self.settings.limits.max_archive_members]:
                    if entry.is_directory:
                        continue
                    children.append(
                        Attachment(
                            f"{where}/{entry.filename}",
                            entry.filename,
                            "",
                            "",
                            entry.uncompressed or 0,
                            "",
                            encrypted="encrypted" in flags,
                        )
                    )
        except py7zr.exceptions.PasswordRequired:
            flags.append("encrypted")
        return tuple(children), flags

    def _rar(self, data: bytes, where: str) -> tuple[tuple[Attachment, ...], list[str]]:
        import rarfile

        flags: list[str] = []
        children: list[Attachment] = []
        try:
            with rarfile.RarFile(io.BytesIO(data)) as archive:
                if archive.needs_password():
                    flags.append("encrypted")
                for info in archive.infolist()[: self.settings.limits.max_archive_members]:
                    if info.is_dir():
                        continue
                    children.append(
                        Attachment(
                            f"{where}/{info.filename}",
                            info.filename,
                            "",
                            "",
                            info.file_size,
                            "",
                            encrypted=info.needs_password(),
                        )
                    )
        except rarfile.PasswordRequired:
            flags.append("encrypted")
        return tuple(children), flags

    def _gzip(self, data: bytes, filename: str, where: str, depth: int) -> tuple[Attachment, ...]:
        limits = self.settings.limits
        if depth >= limits.max_archive_depth:
            return ()
        budget = min(self.archive_bytes_left, limits.max_decoded_part_bytes, len(data) * limits.max_archive_ratio)
        if budget <= 0:  # zlib reads a zero max_length as "no limit"
            self.defects.append(Defect("ARCHIVE_BUDGET", f"{filename or where} not expanded", where))
            return ()
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        content = inflater.decompress(data, budget)
        if inflater.unconsumed_tail:
            self.defects.append(Defect("ARCHIVE_BOMB", f"gzip expands beyond {budget} bytes", where))
        self.archive_bytes_left -= len(content)
        inner = re.sub(r"\.(gz|tgz)$", "", filename, flags=re.I) or "member"
        return (self.scan(content, inner, "", f"{where}/{inner}", depth=depth + 1),)

    # -- documents ------------------------------------------------------------
    def _office(self, data: bytes, label: str) -> list[str]:
        if not self.settings.scan_office or len(data) > self.settings.limits.max_office_bytes:
            return []
        from oletools.olevba import VBA_Parser

        flags: list[str] = []
        parser = VBA_Parser(label, data=data)
        try:
            if parser.detect_vba_macros():
                flags.append("vba_macros")
                for kind, keyword, _desc in parser.analyze_macros():
                    if kind == "AutoExec":
                        flags.append("autoexec")
                    elif kind == "Suspicious" and keyword.lower() in {
                        "shell",
                        "wscript.shell",
                        "createobject",
                        "powershell",
                        "urldownloadtofilea",
                    }:
                        flags.append("macro_shell")
            if parser.detect_xlm_macros():
                flags.append("xlm_macros")
        finally:
            parser.close()
        return flags

    def _ooxml_links(self, data: bytes, label: str) -> list[str]:
        flags: list[str] = []
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist()[:400]:
                if not info.filename.endswith(".rels") or info.file_size > 2_000_000:
                    continue
                rels = archive.read(info).decode("utf-8", errors="replace")
                for match in re.finditer(r'Target="(https?://[^"]+)"[^>]*TargetMode="External"', rels):
                    if "attachedTemplate" in rels[max(0, match.start() - 300) : match.start()]:
                        flags.append("remote_template")
                    if "schemas.openxmlformats.org" not in match.group(1):
                        self._add_link(match.group(1), "attachment", label)
        return flags

    def _html(self, data: bytes, label: str) -> list[str]:
        from .charset import decode_bytes

        text, _, _ = decode_bytes(data[: self.settings.limits.max_text_chars * 4], None)
        limits = self.settings.limits
        facts = parse_html(text, limits.max_links, limits.max_html_depth, limits.max_html_tags)
        flags: list[str] = []
        for _source, url, shown in facts.links:
            self._add_link(url, "attachment", label, shown)
        if facts.forms:
            flags.append("html_form")
        if facts.password_fields:
            flags.append("password_field")
        if facts.scripts or facts.event_handlers:
            flags.append("script")
        for name, pattern in _JS_TELLS.items():
            if pattern.search(facts.script_text):
                flags.append(name)
        for url, defanged in urls_in_text(facts.script_text, 20):
            self._add_link(url, "attachment", label, defanged=defanged)
        return flags

    def _pdf(self, data: bytes, label: str) -> list[str]:
        flags: list[str] = []
        chunks = [data]
        budget = 8 * 1024 * 1024
        for stream in _pdf_streams(data[: 16 * 1024 * 1024]):
            if budget <= 0:
                break
            try:
                inflated = zlib.decompressobj().decompress(stream, budget)
            except zlib.error:
                continue
            budget -= len(inflated)
            chunks.append(inflated)
        for chunk in chunks:
            for match in _PDF_URI.finditer(chunk):
                self._add_link(match.group(1).decode("latin-1").replace("\\", ""), "attachment", label)
            if b"/JavaScript" in chunk or b"/JS " in chunk or b"/JS(" in chunk:
                flags.append("pdf_javascript")
            if b"/Launch" in chunk:
                flags.append("pdf_launch")
            if b"/EmbeddedFile" in chunk:
                flags.append("pdf_embedded_file")
            if b"/AcroForm" in chunk:
                flags.append("pdf_form")
        return flags

    def _qr(self, data: bytes, label: str) -> list[str]:
        limits = self.settings.limits
        if not self.settings.scan_qr or self.qr_scanned >= limits.max_qr_images or len(data) < 200:
            return []
        import zxingcpp
        from PIL import Image

        self.qr_scanned += 1
        Image.MAX_IMAGE_PIXELS = None  # the size is checked below, before decoding
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > limits.max_image_pixels:
                return []
            image.load()
            names = ("QRCode", "MicroQRCode", "RMQRCode")
            formats = tuple(getattr(zxingcpp.BarcodeFormat, n) for n in names if hasattr(zxingcpp.BarcodeFormat, n))
            results = zxingcpp.read_barcodes(image.convert("L"), formats=formats)  # type: ignore[arg-type]
        flags: list[str] = []
        for result in results:
            text = result.text or ""
            found = urls_in_text(text, 5)
            if found:  # a QR code with a link; Wi-Fi credentials or vCards are no lure
                flags.append("qr_code")
                for url, _ in found:
                    self._add_link(url, "qr", label, text="QR")
        return flags
