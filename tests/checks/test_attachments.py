"""Attachments: archive children (zip, 7z, gz), hashes and sniffed types, inline forwards."""

from __future__ import annotations

import gzip
import hashlib
import io
import zipfile

import py7zr
from helpers import build_mail

from mailautopsy import analyze
from mailautopsy.parse import parse_bytes

EXE = b"MZ" + b"\x00" * 300


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_nested_zip_children_are_sniffed_and_hashed():
    inner = _zip({"invoice.pdf.exe": EXE})
    outer = _zip({"docs/inner.zip": inner, "readme.txt": b"see https://evil.example/login"})
    msg = parse_bytes(build_mail(attachments=[("archive.zip", outer, "application/zip")]))
    everything = {a.filename: a for a in msg.all_attachments()}
    assert everything["invoice.pdf.exe"].sniffed_type == "exe"
    assert everything["invoice.pdf.exe"].sha256 == hashlib.sha256(EXE).hexdigest()
    assert any(lk.host == "evil.example" for lk in msg.links)
    ids = {f.id for f in analyze(build_mail(attachments=[("archive.zip", outer, "application/zip")])).findings}
    assert {"ATTACH_EXECUTABLE", "ATTACH_DOUBLE_EXTENSION"} <= ids


def test_7z_members_are_listed():
    buf = io.BytesIO()
    with py7zr.SevenZipFile(buf, "w") as archive:
        archive.writestr(EXE, "setup.scr")
    msg = parse_bytes(build_mail(attachments=[("files.7z", buf.getvalue(), "application/x-7z-compressed")]))
    names = [a.filename for a in msg.all_attachments()]
    assert names == ["files.7z", "setup.scr"]
    assert "ATTACH_EXECUTABLE" in {
        f.id
        for f in analyze(build_mail(attachments=[("files.7z", buf.getvalue(), "application/x-7z-compressed")])).findings
    }


def test_gzip_member_is_read():
    msg = parse_bytes(
        build_mail(
            attachments=[
                (
                    "page.html.gz",
                    gzip.compress(b"<form action='https://x.example/p'><input type=password></form>"),
                    "application/gzip",
                )
            ]
        )
    )
    inner = msg.all_attachments()[1]
    assert inner.sniffed_type == "html" and "password_field" in inner.flags


def test_forwarded_message_is_analysed_inside():
    inner = build_mail(
        from_="PayPal <service@paypa1-support.example>",
        subject="Your account is limited",
        text="Please verify your account within 24 hours: https://paypa1-support.example/login",
    )
    raw = build_mail(
        subject="Fw: look at this", text="Is this real?", attachments=[("forwarded.eml", inner, "message/rfc822")]
    )
    result = analyze(raw)
    assert len(result.message.forwarded) == 1
    forwarded = [f for f in result.findings if f.params.get("forwarded")]
    assert any(f.id == "SENDER_BRAND_MISMATCH" for f in forwarded)
    assert result.verdict != "clean"
