"""Attachments: what would run, what hides, what asks for a password."""

from __future__ import annotations

import re

from ..model import Attachment, Evidence, Finding
from ..parse.sniff import (
    CONTAINER_EXTENSIONS,
    DOCUMENT_EXTENSIONS,
    EXECUTABLE_EXTENSIONS,
    MACRO_EXTENSIONS,
)
from .base import Context

_PASSWORD_HINT = re.compile(
    r"(?:password|passwort|senha|contraseña|mot de passe|wachtwoord|パスワード|密码|密碼)"
    r"\s*(?:is|:|：|は|为|=)?\s*\S{3,}",
    re.I,
)
_SNIFFED_RUNNABLE = {"exe", "elf", "lnk", "jar"}
_SNIFFED_CONTAINER = {"iso", "onenote"}


def _ext(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _ev(att: Attachment) -> Evidence:
    return Evidence(
        "attachment",
        f"{att.filename or att.where} ({att.sniffed_type}, {att.size} bytes, sha256 {att.sha256[:16]}…)"
        if att.sha256
        else att.filename or att.where,
        att.where,
    )


def _one(ctx: Context, att: Attachment, out: list[Finding]) -> None:
    name = att.filename
    ext = _ext(name)
    if ext in EXECUTABLE_EXTENSIONS or att.sniffed_type in _SNIFFED_RUNNABLE:
        out.append(ctx.finding("ATTACH_EXECUTABLE", [_ev(att)], 1.0, name=name or att.where, type=att.sniffed_type))
    if ext in CONTAINER_EXTENSIONS or att.sniffed_type in _SNIFFED_CONTAINER:
        out.append(ctx.finding("ATTACH_CONTAINER", [_ev(att)], 0.9, name=name, type=att.sniffed_type))
    parts = name.lower().split(".")
    if (
        (
            len(parts) >= 3
            and parts[-2] in DOCUMENT_EXTENSIONS
            and (parts[-1] in EXECUTABLE_EXTENSIONS | CONTAINER_EXTENSIONS | {"htm", "html", "svg"})
        )
        or re.search(r"\.(pdf|docx?|xlsx?|jpg)\s{3,}\.\w+$", name, re.I)
        or "\u202e" in name
    ):
        out.append(ctx.finding("ATTACH_DOUBLE_EXTENSION", [_ev(att)], 1.0, name=name))
    if att.sniffed_type in ("html", "svg") or ext in ("htm", "html", "shtml", "svg", "xhtml"):
        if "html_form" in att.flags or "password_field" in att.flags:
            out.append(ctx.finding("ATTACH_HTML_FORM", [_ev(att)], 1.0, name=name))
        smuggling = [f for f in att.flags if f in ("js_atob", "js_blob", "js_location", "js_eval", "js_fetch")]
        if smuggling:
            out.append(
                ctx.finding(
                    "ATTACH_HTML_SMUGGLING",
                    [_ev(att)],
                    0.9 if len(smuggling) > 1 else 0.6,
                    name=name,
                    tells=", ".join(smuggling),
                )
            )
        elif "html_form" not in att.flags and "script" in att.flags:
            out.append(ctx.finding("ATTACH_HTML_SCRIPT", [_ev(att)], 0.6, name=name))
    if "vba_macros" in att.flags or "xlm_macros" in att.flags or ext in MACRO_EXTENSIONS:
        auto = "autoexec" in att.flags
        out.append(
            ctx.finding(
                "ATTACH_MACRO",
                [_ev(att)],
                1.0 if auto else 0.7,
                name=name,
                autoexec="yes" if auto else "no",
            )
        )
    if "remote_template" in att.flags:
        out.append(ctx.finding("ATTACH_MACRO", [_ev(att)], 0.8, name=name, autoexec="template"))
    if {"pdf_javascript", "pdf_launch"} & set(att.flags):
        out.append(ctx.finding("ATTACH_PDF_ACTIVE", [_ev(att)], 0.8, name=name))
    if att.sniffed_type and ext and _mismatch(ext, att.sniffed_type):
        out.append(ctx.finding("ATTACH_TYPE_MISMATCH", [_ev(att)], 0.7, name=name, type=att.sniffed_type))
    if "qr_code" in att.flags:
        out.append(ctx.finding("ATTACH_QR_CODE", [_ev(att)], 0.7, name=name or att.where))


def _mismatch(ext: str, sniffed: str) -> bool:
    expected = {
        "pdf": {"pdf"},
        "doc": {"ole", "rtf"},
        "xls": {"ole"},
        "docx": {"ooxml", "zip"},
        "xlsx": {"ooxml", "zip"},
        "jpg": {"jpeg"},
        "jpeg": {"jpeg"},
        "png": {"png"},
        "gif": {"gif"},
        "zip": {"zip", "ooxml", "jar"},
        "txt": {"text", "empty"},
    }
    return ext in expected and sniffed not in expected[ext] and sniffed not in ("empty", "encrypted", "")


def check(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for att in ctx.msg.all_attachments():
        _one(ctx, att, out)
    encrypted = [a for a in ctx.msg.attachments if a.encrypted or any(c.encrypted for c in a.children)]
    if encrypted:
        hint = _PASSWORD_HINT.search(ctx.msg.text[:20_000])
        out.append(
            ctx.finding(
                "ATTACH_ENCRYPTED_ARCHIVE",
                [_ev(encrypted[0])] + ([Evidence("text", hint.group(0)[:80], "body")] if hint else []),
                1.0 if hint else 0.6,
                name=encrypted[0].filename,
                password_in_body="yes" if hint else "no",
            )
        )
    seen: dict[str, Finding] = {}
    for f in out:
        key = f.id + f.evidence[0].where
        if key not in seen:
            seen[key] = f
    return list(seen.values())
