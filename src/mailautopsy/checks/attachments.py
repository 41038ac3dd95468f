"""Attachments: what would run, what hides, what asks for a password.

The per-attachment rules are `@_per_attachment("ATTACH_...")` functions; one registered family,
`attachments`, runs every attachment (nested ones too) through them in the order written, adds
the encrypted-archive rule, and keeps one finding per rule id and attachment."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..model import Attachment, Evidence, Finding
from ..parse.sniff import (
    CONTAINER_EXTENSIONS,
    DOCUMENT_EXTENSIONS,
    EXECUTABLE_EXTENSIONS,
    MACRO_EXTENSIONS,
)
from .base import Context
from .registry import rule

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


_PerAttachment = Callable[[Context, Attachment], Iterator[Finding]]
_PER_ATTACHMENT: list[tuple[str, _PerAttachment]] = []


def _per_attachment(rule_id: str) -> Callable[[_PerAttachment], _PerAttachment]:
    def register(function: _PerAttachment) -> _PerAttachment:
        _PER_ATTACHMENT.append((rule_id, function))
        return function

    return register


def _is_html(att: Attachment) -> bool:
    return att.sniffed_type in ("html", "svg") or _ext(att.filename) in ("htm", "html", "shtml", "svg", "xhtml")


def _smuggling_tells(att: Attachment) -> list[str]:
    return [f for f in att.flags if f in ("js_atob", "js_blob", "js_location", "js_eval", "js_fetch")]


@_per_attachment("ATTACH_EXECUTABLE")
def _executable(ctx: Context, att: Attachment) -> Iterator[Finding]:
    if _ext(att.filename) in EXECUTABLE_EXTENSIONS or att.sniffed_type in _SNIFFED_RUNNABLE:
        yield ctx.finding("ATTACH_EXECUTABLE", [_ev(att)], 1.0, name=att.filename or att.where, type=att.sniffed_type)


@_per_attachment("ATTACH_CONTAINER")
def _container(ctx: Context, att: Attachment) -> Iterator[Finding]:
    if _ext(att.filename) in CONTAINER_EXTENSIONS or att.sniffed_type in _SNIFFED_CONTAINER:
        yield ctx.finding("ATTACH_CONTAINER", [_ev(att)], 0.9, name=att.filename, type=att.sniffed_type)


@_per_attachment("ATTACH_DOUBLE_EXTENSION")
def _double_extension(ctx: Context, att: Attachment) -> Iterator[Finding]:
    name = att.filename
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
        yield ctx.finding("ATTACH_DOUBLE_EXTENSION", [_ev(att)], 1.0, name=name)


@_per_attachment("ATTACH_HTML_FORM")
def _html_form(ctx: Context, att: Attachment) -> Iterator[Finding]:
    if _is_html(att) and ("html_form" in att.flags or "password_field" in att.flags):
        yield ctx.finding("ATTACH_HTML_FORM", [_ev(att)], 1.0, name=att.filename)


@_per_attachment("ATTACH_HTML_SMUGGLING")
def _html_smuggling(ctx: Context, att: Attachment) -> Iterator[Finding]:
    smuggling = _smuggling_tells(att) if _is_html(att) else []
    if smuggling:
        yield ctx.finding(
            "ATTACH_HTML_SMUGGLING",
            [_ev(att)],
            0.9 if len(smuggling) > 1 else 0.6,
            name=att.filename,
            tells=", ".join(smuggling),
        )


@_per_attachment("ATTACH_HTML_SCRIPT")
def _html_script(ctx: Context, att: Attachment) -> Iterator[Finding]:
    """A script in an HTML attachment that neither smuggles a file nor carries a form."""
    if _is_html(att) and not _smuggling_tells(att) and "html_form" not in att.flags and "script" in att.flags:
        yield ctx.finding("ATTACH_HTML_SCRIPT", [_ev(att)], 0.6, name=att.filename)


@_per_attachment("ATTACH_MACRO")
def _macro(ctx: Context, att: Attachment) -> Iterator[Finding]:
    name = att.filename
    if "vba_macros" in att.flags or "xlm_macros" in att.flags or _ext(name) in MACRO_EXTENSIONS:
        auto = "autoexec" in att.flags
        yield ctx.finding("ATTACH_MACRO", [_ev(att)], 1.0 if auto else 0.7, name=name, autoexec="yes" if auto else "no")
    if "remote_template" in att.flags:
        yield ctx.finding("ATTACH_MACRO", [_ev(att)], 0.8, name=name, autoexec="template")


@_per_attachment("ATTACH_PDF_ACTIVE")
def _pdf_active(ctx: Context, att: Attachment) -> Iterator[Finding]:
    if {"pdf_javascript", "pdf_launch"} & set(att.flags):
        yield ctx.finding("ATTACH_PDF_ACTIVE", [_ev(att)], 0.8, name=att.filename)


@_per_attachment("ATTACH_TYPE_MISMATCH")
def _type_mismatch(ctx: Context, att: Attachment) -> Iterator[Finding]:
    ext = _ext(att.filename)
    if att.sniffed_type and ext and _mismatch(ext, att.sniffed_type):
        yield ctx.finding("ATTACH_TYPE_MISMATCH", [_ev(att)], 0.7, name=att.filename, type=att.sniffed_type)


@_per_attachment("ATTACH_QR_CODE")
def _qr_code(ctx: Context, att: Attachment) -> Iterator[Finding]:
    if "qr_code" in att.flags:
        yield ctx.finding("ATTACH_QR_CODE", [_ev(att)], 0.7, name=att.filename or att.where)


def _encrypted_archive(ctx: Context) -> Iterator[Finding]:
    encrypted = [a for a in ctx.msg.attachments if a.encrypted or any(c.encrypted for c in a.children)]
    if encrypted:
        hint = _PASSWORD_HINT.search(ctx.msg.text[:20_000])
        yield ctx.finding(
            "ATTACH_ENCRYPTED_ARCHIVE",
            [_ev(encrypted[0])] + ([Evidence("text", hint.group(0)[:80], "body")] if hint else []),
            1.0 if hint else 0.6,
            name=encrypted[0].filename,
            password_in_body="yes" if hint else "no",
        )


@rule(*(rule_id for rule_id, _ in _PER_ATTACHMENT), "ATTACH_ENCRYPTED_ARCHIVE")
def attachments(ctx: Context) -> list[Finding]:
    """Every attachment through every per-attachment rule, then the encrypted archives; one
    finding per rule id and attachment (the first)."""
    found = [f for att in ctx.msg.all_attachments() for _, check in _PER_ATTACHMENT for f in check(ctx, att)]
    found.extend(_encrypted_archive(ctx))
    seen: dict[str, Finding] = {}
    for f in found:
        seen.setdefault(f.id + f.evidence[0].where, f)
    return list(seen.values())
