"""Mutations of real mail that have broken mail parsers: each takes the seed bytes and a seeded
random generator and returns a new message. Deterministic for a given generator state."""

from __future__ import annotations

import base64
import random
import re
from collections.abc import Callable

Mutator = Callable[[bytes, random.Random], bytes]

_MAX_OUTPUT = 2 * 1024 * 1024
_CHARSET_LABELS = [
    b"utf-8",
    b"iso-2022-jp",
    b"shift_jis",
    b"x-unknown",
    b"utf-7",
    b"utf-16",
    b"idna",
    b"punycode",
    b"rot13",
    b"base64",
    b"unicode-escape",
    b"cp50221",
    b"\xff\xfe",
    b"",
    b'"',
    b"utf-8*ja",
    b"=?utf-8?",
]
_CONFUSABLES = "аеорсхуіјѕԁһАВЕКМНОРСТХΑΒΕΖΗΙΚΜΝΟΡΤΥΧ0Il|1"


def _split(raw: bytes) -> tuple[bytes, bytes, bytes]:
    """(header block, separator, body)."""
    match = re.search(rb"\r?\n\r?\n", raw)
    if not match:
        return raw, b"", b""
    return raw[: match.start()], raw[match.start() : match.end()], raw[match.end() :]


def _pos(raw: bytes, rng: random.Random) -> int:
    return rng.randrange(len(raw) + 1)


def byte_flips(raw: bytes, rng: random.Random) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 16)):
        if not data:
            break
        i = rng.randrange(len(data))
        data[i] = rng.choice((data[i] ^ (1 << rng.randrange(8)), rng.randrange(256), 0x80 | rng.randrange(128)))
    return bytes(data)


def truncate(raw: bytes, rng: random.Random) -> bytes:
    return raw[: _pos(raw, rng)]


def duplicate_header(raw: bytes, rng: random.Random) -> bytes:
    head, sep, body = _split(raw)
    lines = head.split(b"\n")
    if not lines:
        return raw
    line = rng.choice(lines)
    copies = rng.choice((1, 2, 10, 200, 3000))
    return b"\n".join(lines + [line] * copies) + sep + body


def mangle_boundary(raw: bytes, rng: random.Random) -> bytes:
    match = re.search(rb'boundary="?([^";\r\n]+)', raw, re.I)
    if not match:
        return raw
    boundary = match.group(1)
    choice = rng.randrange(5)
    if choice == 0:  # close it early
        return raw.replace(b"--" + boundary + b"\n", b"--" + boundary + b"--\n", 1)
    if choice == 1:  # drop every delimiter
        return raw.replace(b"--" + boundary, b"")
    if choice == 2:  # an empty or absurd boundary
        return raw.replace(boundary, rng.choice((b"", b"-", b'"', b"x" * 5000)), 1)
    if choice == 3:  # delimiters without line breaks
        return raw.replace(b"\n--" + boundary, b"--" + boundary)
    return raw.replace(b"--" + boundary, b"--" + boundary[: max(1, len(boundary) // 2)])


def deep_nesting(raw: bytes, rng: random.Random) -> bytes:
    levels = rng.choice((30, 200, 2000))
    kind = rng.choice((b"multipart/mixed", b"message/rfc822"))
    head, _, body = _split(raw)
    inner = head + b"\n\n" + body
    for level in range(levels):
        if kind == b"message/rfc822":
            inner = b"From: a@b.example\nContent-Type: message/rfc822\n\n" + inner
        else:
            b = b"n%d" % level
            inner = b'Content-Type: multipart/mixed; boundary="' + b + b'"\n\n--' + b + b"\n" + inner
        if len(inner) > _MAX_OUTPUT:
            break
    return b"From: outer@example.org\nSubject: nest\n" + inner


def huge_header(raw: bytes, rng: random.Random) -> bytes:
    head, sep, body = _split(raw)
    name = rng.choice((b"Content-Type", b"Subject", b"From", b"To", b"Received", b"Content-Disposition"))
    size = rng.choice((1000, 20_000, 200_000))
    unit = rng.choice((b'"', b"(", b"<", b"\\", b"=?", b"\n x", b"a", b";", b",", b"@"))
    value = b"text/plain; name=" if name == b"Content-Type" else b""
    return head + b"\n" + name + b": " + value + unit * (size // len(unit)) + sep + body


def encoded_words(raw: bytes, rng: random.Random) -> bytes:
    head, sep, body = _split(raw)
    charset = rng.choice(_CHARSET_LABELS)
    payload = bytes(rng.randrange(256) for _ in range(rng.randint(0, 40)))
    word = rng.choice(
        (
            b"=?" + charset + b"?B?" + base64.b64encode(payload) + b"?=",
            b"=?" + charset + b"?Q?" + payload.hex().encode() + b"?=",
            b"=?" + charset + b"?B?" + b"!!!" * rng.randint(1, 50),
            b"=?" + charset + b"*x?q?=FF=FE?= =?" + charset + b"?b?4oCL?=",
        )
    ) * rng.choice((1, 3, 500))
    name = rng.choice((b"Subject", b"From", b"To", b"Content-Disposition"))
    prefix = b"attachment; filename=" if name == b"Content-Disposition" else b""
    suffix = b" <x@example.org>" if name in (b"From", b"To") else b""
    return head + b"\n" + name + b": " + prefix + word + suffix + sep + body


def charset_labels(raw: bytes, rng: random.Random) -> bytes:
    label = rng.choice(_CHARSET_LABELS)
    out, count = re.subn(rb"charset=\"?[^\";\s]*\"?", b'charset="' + label + b'"', raw, flags=re.I)
    if count:
        return out
    head, sep, body = _split(raw)
    return head + b"\nContent-Type: text/plain; charset=" + label + sep + body


def transfer_garbage(raw: bytes, rng: random.Random) -> bytes:
    head, sep, body = _split(raw)
    cte = rng.choice((b"base64", b"quoted-printable", b"x-uuencode", b"8bit", b"\xff"))
    garbage = rng.choice(
        (
            b"@@@" * 1000,
            b"=" * 5000,
            b"=\n" * 5000,
            b"=ZZ=4" * 1000,
            base64.b64encode(bytes(rng.randrange(256) for _ in range(3000))),
            b"QUJD" * 10 + b"====" + b"\x00" * 100,
        )
    )
    head = re.sub(rb"(?im)^content-transfer-encoding:.*$", b"X-Old-CTE: x", head)
    return head + b"\nContent-Transfer-Encoding: " + cte + sep + garbage + body[: len(body) // 2]


def html_tags(raw: bytes, rng: random.Random) -> bytes:
    tag = rng.choice((b"<div>", b"<b>", b"<table><tr><td>", b"<a href=x>", b"<p>", b"<span style='x'>", b"<!--", b"<"))
    count = rng.choice((10_000, 100_000))
    html = tag * count + b'<a href="https://evil.example/x">https://bank.example/</a>'
    head, sep, _ = _split(raw)
    head = re.sub(rb"(?im)^content-(?:type|transfer-encoding):.*$", b"X-Old: x", head)
    return head + b"\nContent-Type: text/html; charset=utf-8" + (sep or b"\n\n") + html


def long_runs(raw: bytes, rng: random.Random) -> bytes:
    unit: str = rng.choice(("1.", ".", "@", "a", "é ", "I", "l0", "url(", "stream\n", "http://", "www.", *_CONFUSABLES))
    run = (unit * (rng.choice((1_000, 13_000, 60_000)) // len(unit))).encode()
    pos = _pos(raw, rng)
    if rng.random() < 0.3:
        run = b'<a href="https://evil.example/">' + run + b"</a>"
    return raw[:pos] + run + raw[pos:]


def splice(raw: bytes, rng: random.Random) -> bytes:
    """A piece of the message repeated in place (parts, lines, words)."""
    if len(raw) < 2:
        return raw
    a = rng.randrange(len(raw))
    b = min(len(raw), a + rng.randint(1, 2000))
    return raw[:b] + raw[a:b] * rng.randint(2, 50) + raw[b:]


MUTATORS: dict[str, Mutator] = {
    "byte_flips": byte_flips,
    "truncate": truncate,
    "duplicate_header": duplicate_header,
    "mangle_boundary": mangle_boundary,
    "deep_nesting": deep_nesting,
    "huge_header": huge_header,
    "encoded_words": encoded_words,
    "charset_labels": charset_labels,
    "transfer_garbage": transfer_garbage,
    "html_tags": html_tags,
    "long_runs": long_runs,
    "splice": splice,
}


def mutate(raw: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One to three mutations of `raw`; returns their names and the result (at most 2 MiB)."""
    names = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        name = rng.choice(list(MUTATORS))
        raw = MUTATORS[name](raw, rng)[:_MAX_OUTPUT]
        names.append(name)
    return "+".join(names), raw
