"""Bad input never crashes and never hangs: damaged, huge and random messages."""

from __future__ import annotations

import base64
import gzip
import io
import tracemalloc
import zipfile

from helpers import EXAMPLES, build_mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailautopsy import analyze
from mailautopsy.parse import parse_bytes
from mailautopsy.render.json import to_dict

SEED = (EXAMPLES / "kagoya-phish.eml").read_bytes()


def _codes(raw: bytes) -> set[str]:
    return {d.code for d in parse_bytes(raw).defects}


def test_empty_and_headerless():
    for raw in (b"", b"\n\n", b"no headers at all", b"\x00" * 100, b"From \n"):
        result = analyze(raw)
        assert result.verdict == "clean" and not result.errors
        to_dict(result)


def test_ten_thousand_nested_parts_are_bounded():
    depth = 10_000
    head = "".join(f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n' for i in range(depth))
    raw = ("From: a@example.org\nSubject: nest\n" + head + "Content-Type: text/plain\n\nhi\n").encode()
    msg = parse_bytes(raw)
    codes = {d.code for d in msg.defects}
    assert codes & {"TOO_DEEP", "TOO_MANY_PARTS", "PARSE_FAILED"}
    assert msg.from_[0].address == "a@example.org" and msg.subject == "nest"


def test_many_sibling_parts_are_capped():
    parts = "".join("--b\nContent-Type: text/plain\n\nx\n" for _ in range(3000))
    raw = f'From: a@example.org\nContent-Type: multipart/mixed; boundary="b"\n\n{parts}--b--\n'.encode()
    msg = parse_bytes(raw)
    assert "TOO_MANY_PARTS" in {d.code for d in msg.defects}


def test_fifty_megabyte_attachment():
    blob = base64.encodebytes(b"\x00" * (50 * 1024 * 1024))
    raw = (
        b'From: a@example.org\nSubject: big\nContent-Type: multipart/mixed; boundary="b"\n\n'
        b"--b\nContent-Type: text/plain\n\nsee attached\n--b\nContent-Type: application/octet-stream\n"
        b'Content-Disposition: attachment; filename="big.bin"\nContent-Transfer-Encoding: base64\n\n'
        + blob
        + b"\n--b--\n"
    )
    result = analyze(raw)
    assert result.message.subject == "big"
    assert any(a.filename == "big.bin" for a in result.message.attachments)


def test_one_megabyte_header():
    raw = b"From: a@example.org\nSubject: " + b"A" * (1024 * 1024) + b"\nTo: b@example.org\n\nbody\n"
    result = analyze(raw)
    assert {"HEADER_TOO_LONG", "HEADER_VALUE_TOO_LONG"} & {d.code for d in result.message.defects}
    assert result.message.from_[0].address == "a@example.org"


def test_bad_base64_broken_boundary_and_nul():
    raw = (
        b"From: =?utf-8?b?!!!?= <x@example.org>\nSubject: \x00bad\x00\nContent-Type: multipart/mixed; "
        b'boundary="zz"\n\n--zz\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64'
        b"\n\n@@@not base64@@@\n--zz\nContent-Type: text/html\n\n<a href='http://x.example/'>y</a>"
    )
    result = analyze(raw)
    assert result.message.from_[0].address == "x@example.org"
    assert any(lk.host == "x.example" for lk in result.message.links)
    assert "NUL_IN_HEADERS" in {d.code for d in result.message.defects}


def test_gzip_bombs_share_one_budget():
    bomb = gzip.compress(b"\x00" * (30 * 1024 * 1024))
    raw = build_mail(subject="bombs", attachments=[(f"b{i}.txt.gz", bomb, "application/gzip") for i in range(4)])
    tracemalloc.start()
    result = analyze(raw)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    codes = {d.code for d in result.message.defects}
    assert codes & {"ARCHIVE_BOMB", "ARCHIVE_BUDGET"}
    assert peak < 200 * 1024 * 1024


def test_encoded_attached_message_with_absurd_nesting():
    import base64 as b64

    nest = "".join(f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n' for i in range(3000))
    inner = b64.encodebytes(("From: x@example.org\n" + nest + "\nhi\n").encode()).decode()
    raw = (
        'From: a@example.org\nContent-Type: multipart/mixed; boundary="o"\n\n--o\nContent-Type: message/rfc822\n'
        f"Content-Transfer-Encoding: base64\n\n{inner}\n--o--\n"
    ).encode()
    result = analyze(raw)
    assert not result.errors
    assert result.message.from_[0].address == "a@example.org"


def test_zip_bomb_is_reported_not_expanded():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bomb.txt", b"\x00" * (200 * 1024 * 1024))
    raw = build_mail(subject="archive", attachments=[("bomb.zip", buf.getvalue(), "application/zip")])
    tracemalloc.start()
    result = analyze(raw)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "ARCHIVE_BOMB" in {d.code for d in result.message.defects}
    assert peak < 150 * 1024 * 1024


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_random_bytes_never_raise(data: bytes):
    result = analyze(data)
    assert not result.errors, result.errors
    to_dict(result)


CHARSETS = [
    "utf-8",
    "iso-2022-jp",
    "shift_jis",
    "euc-jp",
    "gb2312",
    "big5",
    "koi8-r",
    "idna",
    "punycode",
    "utf-7",
    "rot13",
    "base64",
    "x-unknown",
    "utf-16",
    "cp50221",
    "\x00bad",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(CHARSETS), st.sampled_from(CHARSETS), st.binary(max_size=300), st.text(max_size=40))
def test_any_charset_label_with_any_bytes(body_charset: str, word_charset: str, body: bytes, word: str):
    """Charset labels in bodies and encoded words are attacker-chosen: none may crash decoding."""
    import base64 as b64

    encoded = b64.b64encode(word.encode("utf-8", "surrogatepass")).decode()
    raw = (
        f"From: =?{word_charset}?b?{encoded}?= <a@example.org>\nSubject: =?{word_charset}?q?{word[:10]}?=\n"
        f"Content-Type: text/plain; charset={body_charset}\n\n"
    ).encode("utf-8", "surrogatepass") + body
    result = analyze(raw)
    assert not result.errors, result.errors
    to_dict(result)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_seed_never_raises(data):
    raw = bytearray(SEED)
    for _ in range(data.draw(st.integers(1, 20))):
        pos = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["flip", "delete", "insert", "dup"]))
        if action == "flip":
            raw[pos] = data.draw(st.integers(0, 255))
        elif action == "delete":
            del raw[pos : pos + data.draw(st.integers(1, 200))]
        elif action == "insert":
            raw[pos:pos] = data.draw(
                st.sampled_from(
                    [
                        b"\n",
                        b"--",
                        b"=?",
                        b"\x1b$B",
                        b"<a href=",
                        b"\r\n\r\n",
                        b"Content-Type: multipart/mixed; boundary=x\n",
                    ]
                )
            )
        else:
            raw[pos:pos] = raw[pos : pos + 300]
        if not raw:
            raw = bytearray(b"x")
    result = analyze(bytes(raw))
    assert not result.errors, result.errors
    to_dict(result)


def test_timeout_is_not_swallowed_by_check_guards(monkeypatch):
    """A check that hangs is stopped by the time limit, and the limit is reported, not
    recorded as one more failed check; the message is never clean for it (deadline.py)."""
    import sys
    import time

    import pytest

    from mailautopsy.errors import AnalysisTimeout, time_limit
    from mailautopsy.scan import analyse_one

    def slow(ctx):
        time.sleep(5)
        return []

    from mailautopsy.checks import RuleCheck

    checks = (RuleCheck(("SUBJECT_URGENCY",), slow, "slow"),)
    monkeypatch.setattr(sys.modules["mailautopsy.analyze"], "rule_functions", lambda online=False: checks)
    with pytest.raises(AnalysisTimeout), time_limit(1):
        analyze(SEED)
    from mailautopsy.settings import DEFAULT_SETTINGS

    result = analyse_one("slow.eml", SEED, DEFAULT_SETTINGS.with_limits(time_limit_seconds=1))
    assert any(d["code"] == "TIMEOUT" and "check slow" in d["detail"] for d in result["defects"])
    assert "ANALYSIS_INCOMPLETE" in {f["id"] for f in result["findings"]}
    assert result["verdict"] != "clean" and not result.get("errors")


def test_idna_charset_label_does_not_crash():
    raw = b"From: a@example.org\nSubject: =?punycode?q?a..b?=\nContent-Type: text/plain; charset=idna\n\nxn--a\n"
    result = analyze(raw)
    assert not result.errors and result.message.from_[0].address == "a@example.org"


def test_pathological_names_and_subjects_stay_linear():
    """Display names and subjects built to make pattern matching backtrack (dotted runs, mixed
    case, look-alike letters) finish like any other mail."""
    from mailautopsy.checks.base import _NAME_DOMAIN, undisguised
    from mailautopsy.checks.subject import random_token
    from mailautopsy.errors import time_limit

    hostile = ("a." * 50000 + "-", ("x" * 63 + ".") * 2000 + "1", "aI" * 50000, "Ab1" * 40000, "F.e." * 25000)
    for text in hostile:  # the matchers themselves, on far more than a header can hold
        with time_limit(5):
            _NAME_DOMAIN.findall(text), undisguised(text), random_token(text)
    for text in ("a." * 8000 + "-", ("x" * 63 + ".") * 200 + "1", "aI" * 8000, "Ab1" * 5000, "F.e." * 4000):
        raw = (f'From: "{text}" <a@example.org>\nSubject: {text}\nTo: b@example.org\n\n{text}\n').encode()
        with time_limit(10):
            result = analyze(raw)
        assert not result.errors, result.errors
