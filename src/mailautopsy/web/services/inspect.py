"""What an analyst inspects beside the article: the header table and the mail's source as it came.

Reporters see both with the recipient masked (their address, domain and name, as in published
reports: render/privacy.py); analysts see them as received. Everything is plain text for the
templates, which escape it; control characters are written as `\\xNN`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...analyze import Analysis
from ...i18n import ui
from ...parse.sources import message_bytes
from ...render.headers import HeaderRow, header_rows, origin_label, visible
from ...render.privacy import Masker

SOURCE_VIEW_BYTES = 2 * 1024 * 1024
"""Bytes of the raw mail shown on the source page; the rest is left out (and said so)."""


@dataclass(frozen=True)
class HeaderView:
    rows: list[dict[str, Any]]
    hidden: int
    labels: dict[str, str]
    note: str


def _masker(analysis: Analysis, analyst: bool) -> Masker:
    return Masker() if analyst else Masker.for_result(analysis)


def header_view(analysis: Analysis, lang: str, analyst: bool) -> HeaderView:
    """The rows of the result page's header table, labelled in `lang`."""
    masker = _masker(analysis, analyst)
    rows, hidden = header_rows(analysis.message)

    def shown(row: HeaderRow) -> dict[str, Any]:
        value, raw = masker.mask(row.value), masker.mask(row.raw)
        return {
            "index": row.index,
            "name": row.name,
            "origin": masker.mask(origin_label(row, lang)),
            "value": value,
            "raw": "" if raw == value else raw,
            "truncated": row.truncated,
        }

    keys = ("section_headers", "headers_col_name", "headers_col_origin", "headers_col_value", "headers_col_raw")
    note = ui(lang, "headers_raw_note") + (" " + ui(lang, "headers_more", count=hidden) if hidden else "")
    return HeaderView(
        [shown(r) for r in rows], hidden, {k: ui(lang, k) for k in keys} | {"cut": ui(lang, "headers_cut")}, note
    )


def source_lines(raw: bytes, analysis: Analysis, analyst: bool) -> tuple[list[str], bool]:
    """The mail's lines as received (an Outlook .msg as its converted message), at most
    `SOURCE_VIEW_BYTES`; True when the rest was left out."""
    data = message_bytes(raw)
    cut = len(data) > SOURCE_VIEW_BYTES
    text = _masker(analysis, analyst).mask(data[:SOURCE_VIEW_BYTES].decode("utf-8", errors="replace"))
    return [visible(line) for line in text.splitlines()], cut
