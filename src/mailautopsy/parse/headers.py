"""Lenient decoding of header values: RFC 2047 encoded words, raw 8-bit headers,
and address lists.

The standard library decodes each encoded word on its own, so a character split
across two words (as some clients write them) becomes garbage; here adjacent words
of one charset are joined as bytes before decoding. Malformed words (no `?=`,
unknown charset, words inside quoted strings) are decoded as far as they can be.
"""

from __future__ import annotations

import base64
import binascii
import re
from email.utils import getaddresses

from .charset import decode_bytes

_EW = re.compile(r"=\?(?P<charset>[^?\s]+?)(?:\*[^?\s]*)?\?(?P<enc>[bBqQ])\?(?P<text>[^?\s]*?)(?:\?=|(?=\s|$))")
_WS_BETWEEN = re.compile(r"^[ \t\r\n]*$")
_ADDR_IN_TEXT = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")


def _q_decode(text: str) -> bytes:
    raw = text.replace("_", " ").encode("ascii", errors="replace")
    return re.sub(rb"=([0-9A-Fa-f]{2})", lambda m: bytes((int(m.group(1), 16),)), raw)


def _b_decode(text: str) -> bytes:
    cleaned = re.sub(r"[^A-Za-z0-9+/]", "", text)
    cleaned += "=" * (-len(cleaned) % 4)
    try:
        return base64.b64decode(cleaned)
    except (binascii.Error, ValueError):
        return b""


def raw_to_text(value: str) -> str:
    """A raw header value as the email package keeps it (8-bit bytes as surrogates)
    turned into text, detecting the charset of raw 8-bit bytes."""
    if value.isascii():
        return value
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        data = value.encode("utf-8", errors="surrogateescape")
        text, _, _ = decode_bytes(data, None)
        return text


def decode_words(value: str) -> str:
    """Decode every encoded word in `value`, joining split multi-byte characters."""
    value = raw_to_text(value)
    if "=?" not in value:
        return value
    out: list[str] = []
    pending: bytearray = bytearray()
    pending_charset = ""
    pos = 0

    def flush() -> None:
        nonlocal pending, pending_charset
        if pending:
            text, _, _ = decode_bytes(bytes(pending), pending_charset)
            out.append(text)
        pending = bytearray()
        pending_charset = ""

    for match in _EW.finditer(value):
        between = value[pos : match.start()]
        if not (pending and _WS_BETWEEN.match(between)):
            flush()
            out.append(between)
        charset = match.group("charset").lower()
        data = _b_decode(match.group("text")) if match.group("enc") in "bB" else _q_decode(match.group("text"))
        if pending and charset != pending_charset:
            flush()
        pending_charset = charset
        pending += data
        pos = match.end()
    flush()
    out.append(value[pos:])
    return "".join(out)


_FOLD = re.compile(r"\r?\n[ \t]+")


def unfold(value: str) -> str:
    if "\n" not in value and "\r" not in value:
        return value  # most values: nothing to unfold
    return _FOLD.sub(" ", value).replace("\r", "").replace("\n", " ")


_QUOTED_NAME_COMMA = re.compile(r'^\s*"([^"]{1,200})"\s*,\s*<([^<>\s]+@[^<>\s]+)>\s*$')


def split_addresses(raw_value: str) -> list[tuple[str, str]]:
    """(decoded display name, address) pairs of an address header's raw value."""
    text = unfold(raw_to_text(raw_value))
    quoted_name = _QUOTED_NAME_COMMA.match(text)
    if quoted_name:
        # '"Notification@brand.com", <x@elsewhere.example>': the RFC parser reads two mailboxes, but
        # mail clients show one sender named "Notification@brand.com" (the quoted string).
        return [(decode_words(quoted_name.group(1)).strip(), quoted_name.group(2).strip())]
    pairs: list[tuple[str, str]] = []
    try:
        parsed = getaddresses([text])
    except Exception:  # the stdlib parser has raised on hostile input before
        parsed = []
    for name, addr in parsed:
        if not name and not addr:
            continue
        pairs.append((decode_words(name).strip(), addr.strip()))
    if not pairs or all("@" not in addr for _, addr in pairs):
        pairs = _fallback_split(text) or pairs
    return _merge_bare_phrases(pairs)


def _merge_bare_phrases(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """ "Temu, jehd <service@example.de>": an unquoted comma splits the display name into a bare
    word and a mailbox; mail clients show one sender named "Temu, jehd", and so does this."""
    out: list[tuple[str, str]] = []
    pending: list[str] = []
    for name, addr in pairs:
        if "@" not in addr and not name:
            pending.append(addr)
            continue
        if pending:
            name = ", ".join([*pending, name] if name else pending).strip(", ")
            pending = []
        out.append((name, addr))
    if pending:
        out.append(("", ", ".join(pending)))
    return out


def _fallback_split(text: str) -> list[tuple[str, str]]:
    """Last resort for headers the RFC parser rejects: take `<addr>` and the text before it."""
    match = re.search(r"<([^<>\s]+@[^<>\s]+)>\s*$", text)
    if match:
        name = text[: match.start()].strip().strip('"').strip()
        return [(decode_words(name), match.group(1))]
    found = _ADDR_IN_TEXT.findall(text)
    if found:
        return [("", found[-1])]
    return []


def addresses_in_text(text: str) -> list[str]:
    """E-mail addresses written inside free text (a display name, for instance)."""
    return _ADDR_IN_TEXT.findall(text)
