"""Subject stamps: `[phishing] …`, `【フィッシング注意】…`, never twice, always valid RFC 2047."""

from __future__ import annotations

import re
from email.header import Header

from ..parse.charset import decode_bytes
from ..parse.headers import decode_words, unfold

_PRINTABLE_ASCII = re.compile(rb"^[\x20-\x7e\t\r\n]*$")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")


def decoded_subject(raw: bytes) -> str:
    """The subject as a reader sees it (encoded words and raw 8-bit bytes of any charset decoded)."""
    if _PRINTABLE_ASCII.match(raw):
        text = raw.decode("ascii")
    else:  # raw bytes: JIS escape sequences (ISO-2022-JP), or 8-bit in an undeclared charset
        text = decode_bytes(raw, "iso-2022-jp" if b"\x1b" in raw else None)[0]
    return unfold(decode_words(text)).strip()


def is_japanese(text: str) -> bool:
    return bool(_JAPANESE.search(text))


def already_stamped(raw: bytes, stamps: list[str]) -> bool:
    text = decoded_subject(raw)
    return any(s and s in text for s in stamps)


def stamped(raw: bytes | None, stamp: str) -> str:
    """The new Subject value with `stamp` in front, as a milter header value (7-bit, folded with LF).

    A 7-bit subject (plain or made of encoded words in whatever charset) is kept byte for byte
    behind the stamp, which is itself an encoded word when not ASCII. A subject in raw 8-bit or
    ISO-2022-JP escape sequences is decoded (charset detected) and re-encoded whole as UTF-8.
    """
    if raw is None or not raw.strip():
        return _encode(stamp)
    if _PRINTABLE_ASCII.match(raw):
        original = raw.decode("ascii").replace("\r\n", "\n").strip()
        # A space inside the stamp's own encoded word: the space between two encoded words is not shown.
        head = _encode(stamp + " ") if not stamp.isascii() and original.startswith("=?") else _encode(stamp)
        # Folded between stamp and subject when the first line would pass 78 characters with "Subject: ".
        sep = "\n " if len("Subject: ") + len(head) + 1 + len(original.split("\n", 1)[0]) > 78 else " "
        return f"{head}{sep}{original}"
    return _encode(f"{stamp} {decoded_subject(raw)}")


def _encode(text: str) -> str:
    if text.isascii():
        return text
    return Header(text, "utf-8", header_name="Subject").encode(linesep="\n")
