"""File types from their first bytes, never from what the sender declared."""

from __future__ import annotations

_ONENOTE = bytes.fromhex("e4525c7b8cd8a74daeb15378d02996d3")


def sniff(data: bytes, filename: str = "") -> str:
    """A short type name for the content: exe, elf, pdf, zip, ooxml, ole, rar, 7z, gzip,
    iso, lnk, onenote, html, svg, rtf, png, jpeg, gif, bmp, webp, tiff, text, binary."""
    head = data[:4096]
    if head.startswith(b"MZ"):
        return "exe"
    if head.startswith(b"\x7fELF"):
        return "elf"
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        if b"[Content_Types].xml" in data[:65536] or b"word/" in head or b"xl/" in head:
            return "ooxml"
        if b"META-INF/MANIFEST.MF" in head:
            return "jar"
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"Rar!\x1a\x07"):
        return "rar"
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"BZh"):
        return "bzip2"
    if head.startswith(b"\xfd7zXZ\x00"):
        return "xz"
    if len(data) > 0x8006 and data[0x8001:0x8006] == b"CD001":
        return "iso"
    if head.startswith(b"L\x00\x00\x00\x01\x14\x02\x00"):
        return "lnk"
    if head.startswith(_ONENOTE):
        return "onenote"
    if head.startswith(b"{\\rt"):
        return "rtf"
    if head.startswith(b"\x89PNG"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"BM") and len(head) > 14:
        return "bmp"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head.startswith(b"MSCF"):
        return "cab"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(b"<svg") or (lowered.startswith(b"<?xml") and b"<svg" in lowered):
        return "svg"
    if (
        lowered.startswith(
            (
                b"<!doctype html",
                b"<html",
                b"<head",
                b"<body",
                b"<script",
                b"<meta",
                b"<form",
                b"<div",
                b"<iframe",
            )
        )
        or b"<html" in lowered[:512]
    ):
        return "html"
    if not head:
        return "empty"
    sample = head[:1024]
    if b"\x00" not in sample:
        return "text"
    return "binary"


# Extensions whose files run code when opened on Windows, macOS or in a browser.
EXECUTABLE_EXTENSIONS = frozenset(
    [
        "exe",
        "scr",
        "com",
        "pif",
        "bat",
        "cmd",
        "vbs",
        "vbe",
        "js",
        "jse",
        "wsf",
        "wsh",
        "hta",
        "msi",
        "msp",
        "cpl",
        "jar",
        "ps1",
        "psm1",
        "psc1",
        "reg",
        "lnk",
        "dll",
        "application",
        "gadget",
        "msc",
        "scf",
        "url",
        "inf",
        "sct",
        "chm",
        "appx",
        "appxbundle",
        "msix",
        "iqy",
        "slk",
        "xll",
        "apk",
        "app",
        "command",
        "sh",
    ]
)
CONTAINER_EXTENSIONS = frozenset(["iso", "img", "vhd", "vhdx", "one", "onepkg"])
MACRO_EXTENSIONS = frozenset(["docm", "xlsm", "pptm", "dotm", "xltm", "xlam", "ppam", "potm", "ppsm", "xlsb"])
ARCHIVE_EXTENSIONS = frozenset(["zip", "rar", "7z", "gz", "tgz", "bz2", "xz", "tar", "cab", "ace", "arj", "lzh", "z"])
DOCUMENT_EXTENSIONS = frozenset(
    [
        "pdf",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "rtf",
        "txt",
        "csv",
        "odt",
        "ods",
        "jpg",
        "jpeg",
        "png",
        "gif",
        "htm",
        "html",
    ]
)
