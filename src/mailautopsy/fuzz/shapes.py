"""Hostile message shapes (issue 20): each a few hundred bytes to a few hundred kilobytes that once
made one analysis take seconds to minutes, raise, or silently lose links. Built here, not stored, so
the regression tests, the fuzzer's seeds and the before/after measurement share one definition."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

_SEED_PATH = Path(__file__).resolve().parents[3] / "examples" / "kagoya-phish.eml"


def seed() -> bytes:
    """The seed phishing mail (examples/kagoya-phish.eml) with LF line ends."""
    return _SEED_PATH.read_bytes().replace(b"\r\n", b"\n")


def _html_mail(html: str | bytes, extra_headers: str = "") -> bytes:
    body = html.encode() if isinstance(html, str) else html
    return (
        "From: Shop <news@shop.example>\nTo: you@example.org\nSubject: shape\n"
        f"{extra_headers}MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n"
    ).encode() + body


def received_8bit() -> bytes:
    """One raw 8-bit byte in a Received header, in its `for <…>` part and in a To address."""
    raw = seed()
    raw = raw.replace(b"from mx.example.co.jp (mx.", b"from mx.exa\xe9mple.co.jp (mx.", 1)
    raw = raw.replace(b"for <administrator@example.co.jp>", b"for <admin\xe9istrator@example.co.jp>", 1)
    return raw.replace(b"To: administrator@example.co.jp", b"To: admin\xe9istrator@example.co.jp", 1)


def dotted_link_text(labels: int = 30) -> bytes:
    """An anchor whose text is `http://1.1.1.…1`: backtracked exponentially in shown-domain extraction."""
    text = "http://" + ".".join(["1"] * labels)
    return _html_mail(f'<p>Hello</p><a href="https://evil.example/login">{text}</a>')


def confusable_word(letters: int = 30_000) -> bytes:
    """`é ` and one word of 30,000 Latin letters: confusable unmasking was quadratic."""
    return _html_mail("<p>é " + "a" * letters + "</p>")


def css_url_nest(count: int = 20_000) -> bytes:
    """`style="url(url(url(…"`: CSS url() extraction was quadratic."""
    return _html_mail(f'<div style="background:{"url(" * count}">x</div>')


def pdf_streams(count: int = 20_000) -> bytes:
    """A PDF attachment of `%PDF-1.4` and 20,000 `stream` lines: stream scanning was quadratic."""
    import base64

    pdf = b"%PDF-1.4\n" + b"stream\n" * count
    blob = base64.encodebytes(pdf).decode()
    return (
        'From: a@shop.example\nTo: you@example.org\nSubject: pdf\nContent-Type: multipart/mixed; boundary="b"\n\n'
        "--b\nContent-Type: text/plain\n\nsee attached\n--b\nContent-Type: application/pdf\n"
        'Content-Disposition: attachment; filename="doc.pdf"\nContent-Transfer-Encoding: base64\n\n'
        f"{blob}\n--b--\n"
    ).encode()


def unclosed_divs(count: int = 60_000) -> bytes:
    """60,000 unclosed `<div>` around a link: the HTML tree build took seconds in one C call."""
    return _html_mail("<div>" * count + '<a href="https://evil.example/x">click</a>')


def nested_divs(count: int = 100_000) -> bytes:
    """100,000 nested and closed `<div>` around a link."""
    return _html_mail("<div>" * count + '<a href="https://evil.example/x">click</a>' + "</div>" * count)


def quoted_content_type(count: int = 40_000) -> bytes:
    """A Content-Type of 40,000 `"`: the standard library's header parser took tens of seconds."""
    quotes = '"' * count
    return (
        f"From: a@shop.example\nTo: you@example.org\nSubject: ct\nContent-Type: text/plain; name={quotes}\n\n"
        "see https://evil.example/x\n"
    ).encode()


def folded_content_type(count: int = 80_000) -> bytes:
    """A Content-Type folded over 80,000 lines."""
    folds = "\n x" * count
    return (
        f"From: a@shop.example\nTo: you@example.org\nSubject: ct\nContent-Type: text/plain;{folds}\n\n"
        "see https://evil.example/x\n"
    ).encode()


def semicolon_params(count: int = 200_000) -> bytes:
    """A part whose Content-Type and Content-Disposition hold 200,000 `;` (found by the fuzzer):
    the standard library's parameter splitting is quadratic in them."""
    semis = ";" * count
    return (
        'From: a@shop.example\nTo: you@example.org\nSubject: params\nContent-Type: multipart/mixed; boundary="b"\n\n'
        f"--b\nContent-Type: text/plain; charset=utf-8{semis}\nContent-Disposition: inline{semis}\n\n"
        "see https://evil.example/x\n--b--\n"
    ).encode()


def nested_seed(levels: int = 50) -> bytes:
    """The seed wrapped in 50 `multipart/mixed` levels: its links vanished below the depth limit."""
    return wrap_nested(seed(), levels)


def wrap_nested(raw: bytes, levels: int) -> bytes:
    """`raw` with its body wrapped in `levels` multipart/mixed parts (its Content-* headers move
    into the innermost part; the others, MIME-Version among them, stay on top)."""
    head, _, body = raw.partition(b"\n\n")
    keep: list[bytes] = []
    content: list[bytes] = []
    current = keep
    for line in head.split(b"\n"):
        if line[:1] not in (b" ", b"\t"):
            current = content if line.lower().startswith(b"content-") else keep
        current.append(line)
    inner = b"\n".join(content) + b"\n\n" + body
    for level in range(levels):
        boundary = f"nest{level}".encode()
        inner = (
            b'Content-Type: multipart/mixed; boundary="'
            + boundary
            + b'"\n\n--'
            + boundary
            + b"\n"
            + inner
            + b"\n--"
            + boundary
            + b"--\n"
        )
    return b"\n".join(keep) + b"\n" + inner


def deep_rfc822(levels: int = 6) -> bytes:
    """A link inside `message/rfc822` six levels deep: bodies below the third were dropped silently."""
    inner = b"From: inner@evil.example\nSubject: innermost\n\nreset at https://evil.example/deep-login\n"
    for level in range(levels):
        inner = (
            (
                f"From: l{level}@relay.example\nSubject: fwd {level}\n"
                f'Content-Type: multipart/mixed; boundary="r{level}"\n\n'
                f"--r{level}\nContent-Type: text/plain\n\nforwarded\n--r{level}\nContent-Type: message/rfc822\n\n"
            ).encode()
            + inner
            + f"\n--r{level}--\n".encode()
        )
    return inner


def dotted_host(labels: int = 60_000) -> bytes:
    """A link shown as, and pointing at, a host of 60,000 `www.` labels (found by the fuzzer):
    looking up every parent domain of it in the knowledge joined each suffix, quadratically."""
    host = "www." * labels + "kagoya.jp"
    return _html_mail(f'<p><a href="https://{host}/login">{host}</a> https://{host}/</p>')


def long_label(letters: int = 30_000) -> bytes:
    """A link to a host of one label of 30,000 letters and no top-level domain (found by the
    fuzzer): the look-alike check made every one-letter-shorter variant of it, 30,000 strings of
    30,000 letters (3 GB, 10 s)."""
    label = "l0" * (letters // 2)
    return _html_mail(f'<p><a href="http://{label}/">sign in</a> http://{label}/x</p>')


SHAPES: dict[str, Callable[[], bytes]] = {
    "received_8bit": received_8bit,
    "dotted_link_text": dotted_link_text,
    "confusable_word": confusable_word,
    "css_url_nest": css_url_nest,
    "pdf_streams": pdf_streams,
    "unclosed_divs": unclosed_divs,
    "nested_divs": nested_divs,
    "quoted_content_type": quoted_content_type,
    "folded_content_type": folded_content_type,
    "semicolon_params": semicolon_params,
    "nested_seed": nested_seed,
    "deep_rfc822": deep_rfc822,
    "dotted_host": dotted_host,
    "long_label": long_label,
}
