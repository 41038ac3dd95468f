"""The analyst's header table: every header in its original order, decoded and raw, with the
Received hop each Received header is and the authserv-id that wrote each Authentication-Results.

One bounded list of rows (`header_rows`) feeds the terminal table (`analyze --headers`), the JSON
`extracted.headers` list and the web result page. Control characters of the mail's bytes are shown
as `\\xNN`, so a header cannot move the terminal's cursor or hide what follows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rich.table import Table
from rich.text import Text

from ..i18n import ui
from ..model import Message
from ..settings import DEFAULT_SETTINGS, Limits

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Control characters (ESC, NUL, C1 …) written out as `\\xNN`; tab stays a tab."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


@dataclass(frozen=True, slots=True)
class HeaderRow:
    index: int
    """Position in the header block, 0 for the topmost header."""
    name: str
    value: str
    raw: str
    hop: int | None
    authserv_id: str | None
    truncated: bool
    """The value or the raw value was cut at `Limits.output_header_value_chars`."""

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"index": self.index, "name": self.name, "value": self.value, "raw": self.raw}
        if self.hop is not None:
            out["hop"] = self.hop
        if self.authserv_id is not None:
            out["authserv_id"] = self.authserv_id
        if self.truncated:
            out["truncated"] = True
        return out


def header_rows(msg: Message, limits: Limits = DEFAULT_SETTINGS.limits) -> tuple[list[HeaderRow], int]:
    """The rows shown (at most `limits.output_headers`) and how many more headers were left out."""
    cap = limits.output_header_value_chars
    rows = [
        HeaderRow(
            index=i,
            name=visible(f.name),
            value=visible(f.value[:cap]),
            raw=visible(f.raw[:cap]),
            hop=f.hop,
            authserv_id=f.authserv_id,
            truncated=len(f.value) > cap or len(f.raw) > cap,
        )
        for i, f in enumerate(msg.header_fields[: limits.output_headers])
    ]
    return rows, max(0, len(msg.header_fields) - limits.output_headers)


def headers_json(msg: Message, limits: Limits = DEFAULT_SETTINGS.limits) -> list[dict[str, Any]]:
    """JSON `extracted.headers` (schema 1.2): the rows as objects."""
    rows, _hidden = header_rows(msg, limits)
    return [row.as_dict() for row in rows]


def origin_label(row: HeaderRow, lang: str) -> str:
    """Which hop a Received header is, or which authserv-id wrote an Authentication-Results."""
    if row.hop is not None:
        return ui(lang, "header_hop", hop=row.hop)
    if row.authserv_id is not None:
        if not row.authserv_id:
            return ui(lang, "header_no_authserv")
        return ui(lang, "header_authserv", id=visible(row.authserv_id))
    return ""


def headers_table(msg: Message, lang: str, limits: Limits = DEFAULT_SETTINGS.limits) -> tuple[Table, str]:
    """The terminal table and its note (the raw value is shown only where it differs; rows left out)."""
    rows, hidden = header_rows(msg, limits)
    table = Table(title=ui(lang, "section_headers"), show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(ui(lang, "headers_col_name"), overflow="fold")
    table.add_column(ui(lang, "headers_col_origin"), overflow="fold")
    table.add_column(ui(lang, "headers_col_value"), overflow="fold", ratio=3)
    table.add_column(ui(lang, "headers_col_raw"), overflow="fold", ratio=3)
    for row in rows:
        raw = "" if row.raw == row.value else row.raw
        cut = " " + ui(lang, "headers_cut") if row.truncated else ""
        table.add_row(str(row.index), Text(row.name), Text(origin_label(row, lang)), Text(row.value + cut), Text(raw))
    note = ui(lang, "headers_raw_note")
    if hidden:
        note += " " + ui(lang, "headers_more", count=hidden)
    return table, note
