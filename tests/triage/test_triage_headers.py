"""The analyst's header table (issue 19 item 1): `analyze --headers`, JSON `extracted.headers`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
from helpers import ROOT, build_mail

from mailautopsy.analyze import analyze
from mailautopsy.cli import main
from mailautopsy.render.headers import header_rows
from mailautopsy.render.json import to_dict
from mailautopsy.render.text import render_text
from mailautopsy.settings import DEFAULT_SETTINGS

SCHEMA = json.loads((ROOT / "docs" / "schema.json").read_text(encoding="utf-8"))

TRACE = [
    ("Authentication-Results", "mx.example.net; spf=pass smtp.mailfrom=example.org; dkim=none"),
    (
        "Received",
        "from out.example.org (out.example.org [192.0.2.7]) by mx.example.net"
        " with ESMTPS; Tue, 22 Apr 2025 09:12:33 +0900",
    ),
    ("ARC-Authentication-Results", "i=1; relay.example.com; dmarc=pass header.from=example.org"),
    (
        "Received",
        "from client.example.org ([198.51.100.9]) by out.example.org with ESMTPSA; Tue, 22 Apr 2025 09:12:31 +0900",
    ),
    ("Authentication-Results", "spf=fail smtp.mailfrom=example.org"),
    ("X-Trap", "bell\x1b[2Jcleared"),
]


def _mail() -> bytes:
    return build_mail(subject="=?utf-8?b?5pel5pys6Kqe?=", trace=TRACE)


def test_rows_keep_order_raw_hop_and_authserv_id() -> None:
    msg = analyze(_mail(), "h.eml").message
    rows, hidden = header_rows(msg)
    assert hidden == 0
    assert [r.name for r in rows][:6] == [name for name, _ in TRACE]
    assert [r.index for r in rows] == list(range(len(rows)))
    ar, rcv0, arc, rcv1, bare = rows[:5]
    assert (ar.authserv_id, rcv0.hop, arc.authserv_id, rcv1.hop, bare.authserv_id) == (
        "mx.example.net",
        0,
        "relay.example.com",
        1,
        "",
    )
    assert rcv0.hop is not None and msg.hops[rcv0.hop].from_ip == "192.0.2.7"
    assert ar.hop is None and rcv0.authserv_id is None
    subject = next(r for r in rows if r.name == "Subject")
    assert subject.value == "日本語" and subject.raw == "=?utf-8?b?5pel5pys6Kqe?="
    trap = next(r for r in rows if r.name == "X-Trap")
    assert "\x1b" not in trap.value and "\\x1b" in trap.value


def test_rows_are_bounded_by_limits() -> None:
    many = [(f"X-Filler-{i}", "v" * 50) for i in range(30)]
    msg = analyze(build_mail(trace=many), "many.eml").message
    limits = DEFAULT_SETTINGS.with_limits(output_headers=10, output_header_value_chars=20).limits
    rows, hidden = header_rows(msg, limits)
    assert len(rows) == 10 and hidden == len(msg.header_fields) - 10
    assert all(len(r.value) <= 20 and len(r.raw) <= 20 for r in rows)
    assert rows[0].truncated


def test_max_headers_cuts_the_header_block_with_a_defect() -> None:
    many = [(f"X-Filler-{i}", "v") for i in range(30)]
    settings = DEFAULT_SETTINGS.with_limits(max_headers=10)
    msg = analyze(build_mail(trace=many), "many.eml", settings).message
    assert len(msg.header_fields) == 10
    assert "TOO_MANY_HEADERS" in {d.code for d in msg.defects}


def test_json_headers_are_optional_and_valid() -> None:
    result = analyze(_mail(), "h.eml")
    plain = to_dict(result)
    assert "headers" not in plain["extracted"] and plain["schema_version"] == "1.2"
    full = to_dict(result, headers=True)
    jsonschema.validate(full, SCHEMA)
    rows = full["extracted"]["headers"]
    assert rows[0] == {
        "index": 0,
        "name": "Authentication-Results",
        "value": TRACE[0][1],
        "raw": TRACE[0][1],
        "authserv_id": "mx.example.net",
    }
    assert rows[1]["hop"] == 0 and "authserv_id" not in rows[1]


def test_text_table_in_japanese() -> None:
    out = io.StringIO()
    render_text(analyze(_mail(), "h.eml"), "ja", file=out, width=160, color=False, headers=True)
    text = out.getvalue()
    assert "ヘッダー一覧" in text and "認証サーバー mx.example.net" in text and "中継 1" in text
    assert "\x1b" not in text


def test_cli_headers_and_verbose(tmp_path: Path, capsysbinary) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "h.eml"
    path.write_bytes(_mail())
    main(["analyze", str(path), "--headers", "--verbose", "--lang", "en", "--width", "160"])
    out = capsysbinary.readouterr().out.decode()
    assert "authserv-id relay.example.com" in out and "hop 0" in out
    main(["analyze", str(path), "--format", "json", "--headers"])
    obj = json.loads(capsysbinary.readouterr().out)
    assert [h["name"] for h in obj["extracted"]["headers"]][:2] == ["Authentication-Results", "Received"]
    main(["analyze", str(path), "--format", "json"])
    assert "headers" not in json.loads(capsysbinary.readouterr().out)["extracted"]
