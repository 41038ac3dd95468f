"""Turning bytes into text the way real mail needs it.

Labels map to the superset codecs mail clients actually use (Shift_JIS → CP932,
GB2312 → GB18030, ISO-8859-1 → Windows-1252, ...). ISO-2022-JP is decoded by
converting JIS to Shift_JIS and reading it as CP932, which also handles the
Microsoft extensions (CP50220/CP50221: NEC row 13, IBM extensions, half-width
katakana). Bytes declared as ISO-2022-JP that hold 8-bit data are detected again
(Shift_JIS mislabelled as ISO-2022-JP is common). Undeclared charsets are detected
with charset-normalizer on a bounded sample.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from charset_normalizer import from_bytes

# Mail labels → the codec a mail client really uses for them.
_SUPERSETS = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "cp932": "cp932",
    "csshiftjis": "cp932",
    "x-ms-cp932": "cp932",
    "euc-jp": "euc_jis_2004",
    "x-euc-jp": "euc_jis_2004",
    "eucjp": "euc_jis_2004",
    "cseucpkdfmtjapanese": "euc_jis_2004",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "gb_2312-80": "gb18030",
    "csgb2312": "gb18030",
    "euc-cn": "gb18030",
    "big5": "cp950",
    "big5-hkscs": "big5hkscs",
    "x-big5": "cp950",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "ks_c_5601": "cp949",
    "ksc5601": "cp949",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "ansi_x3.4-1968": "cp1252",
    "iso-8859-9": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "utf8": "utf-8",
    "unicode-1-1-utf-7": "utf-7",
}

_ISO2022JP_LABELS = {
    "iso-2022-jp",
    "iso2022jp",
    "iso-2022-jp-1",
    "iso-2022-jp-2",
    "iso-2022-jp-3",
    "iso-2022-jp-2004",
    "iso-2022-jp-ms",
    "csiso2022jp",
    "cp50220",
    "cp50221",
    "cp50222",
    "x-cp50220",
    "x-cp50221",
}

_DETECT_SAMPLE = 32 * 1024
_HEBREW_WORD = re.compile("[\u05d0-\u05ea]+")


@lru_cache(maxsize=256)
def codec_for(label: str) -> str | None:
    """The Python codec name for a MIME charset label, or None when unknown."""
    key = label.strip().strip('"').lower()
    if not key:
        return None
    if key in _ISO2022JP_LABELS:
        return "iso-2022-jp"
    if key in _SUPERSETS:
        return _SUPERSETS[key]
    try:
        info = codecs.lookup(key)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in (
        "idna",
        "punycode",
        "raw-unicode-escape",
        "unicode-escape",
    ):
        return None  # byte transforms and IDNA are no mail charsets; they raise on arbitrary bytes
    name = info.name
    if name in {"iso2022_jp", "iso2022_jp_1", "iso2022_jp_2", "iso2022_jp_ext"}:
        return "iso-2022-jp"
    return name


def _jis_pair_to_sjis(c1: int, c2: int) -> bytes:
    s1 = ((c1 + 1) >> 1) + (0x70 if c1 <= 0x5E else 0xB0)
    s2 = c2 + (31 if c2 <= 95 else 32) if c1 & 1 else c2 + 126
    return bytes((s1, s2))


def decode_iso2022jp(data: bytes) -> tuple[str, bool]:
    """Decode ISO-2022-JP including the CP5022x extensions.

    Returns the text and whether every byte was valid.
    """
    out = bytearray()
    mode = "ascii"  # ascii | jis | kana | jis0212
    i = 0
    n = len(data)
    clean = True
    while i < n:
        b = data[i]
        if b == 0x1B and i + 2 < n:
            seq = data[i + 1 : i + 3]
            if seq in (b"(B", b"(J"):
                mode, i = "ascii", i + 3
                continue
            if seq in (b"$@", b"$B"):
                mode, i = "jis", i + 3
                continue
            if seq == b"(I":
                mode, i = "kana", i + 3
                continue
            if seq == b"$(" and i + 3 < n:
                mode = "jis0212" if data[i + 3] == 0x44 else "jis"
                i += 4
                continue
            clean = False
            i += 1
            continue
        if b == 0x0E:  # SO: half-width katakana (CP50222)
            mode, i = "kana", i + 1
            continue
        if b == 0x0F:
            mode, i = "ascii", i + 1
            continue
        if b in (0x0A, 0x0D):
            # A line break ends a JIS run in practice; senders that forget ESC ( B are common.
            if mode != "ascii":
                mode = "ascii"
            out.append(b)
            i += 1
            continue
        if mode == "jis" and 0x21 <= b <= 0x7E and i + 1 < n and 0x21 <= data[i + 1] <= 0x7E:
            out += _jis_pair_to_sjis(b, data[i + 1])
            i += 2
            continue
        if mode == "jis0212" and i + 1 < n:
            try:
                ch = bytes((b | 0x80, data[i + 1] | 0x80, 0)).decode("euc_jp", errors="strict")
            except UnicodeDecodeError:
                ch = "\ufffd"
            out += ch.encode("cp932", errors="replace")
            i += 2
            continue
        if mode == "kana" and 0x21 <= b <= 0x5F:
            out.append(b + 0x80)
            i += 1
            continue
        if b >= 0x80:
            clean = False
        out.append(b)
        i += 1
    try:
        return out.decode("cp932"), clean
    except UnicodeDecodeError:
        return out.decode("cp932", errors="replace"), False


def detect(data: bytes) -> str | None:
    """Best guess of the codec for undeclared 8-bit bytes, or None."""
    sample = data[:_DETECT_SAMPLE]
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the sample boundary is still UTF-8.
        if exc.start >= len(sample) - 4 and len(data) > len(sample):
            return "utf-8"
    if b"\x1b$B" in sample or b"\x1b$@" in sample:
        return "iso-2022-jp"
    # Japanese is the most common undeclared case in this tool's mail; try it first.
    for codec in ("cp932", "euc_jis_2004"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        if _looks_japanese(text):
            return codec
    matches = from_bytes(sample)
    best = matches.best()
    if best is None:
        return None
    if best.language != "Hebrew" and _hebrew_spelling(sample):
        # On a short sample (a Subject) Hebrew bytes read as Russian, Greek or Thai just as well:
        # the detector ties. Hebrew spelling breaks the tie: final letter forms end words.
        return "cp1255"
    return codec_for(best.encoding) or best.encoding


_FINALS = set("ךםןףץ")
_NON_FINALS = set("כמנפצ")


def _hebrew_spelling(sample: bytes) -> bool:
    """The bytes read as windows-1255 are Hebrew words spelled right: at least three words (of two
    letters or more) making up most of the 8-bit text, the
    final forms (ך ם ן ף ץ) only at word ends and their ordinary forms never there."""
    try:
        text = sample.decode("cp1255")
    except UnicodeDecodeError:
        return False
    words = [w for w in _HEBREW_WORD.findall(text) if len(w) > 1]
    if len(words) < 3 or sum(len(w) for w in words) * 2 < sum(1 for ch in text if ord(ch) > 0x7F):
        return False
    for word in words:
        if any(ch in _FINALS for ch in word[:-1]) or (len(word) > 1 and word[-1] in _NON_FINALS):
            return False
    return True


def _looks_japanese(text: str) -> bool:
    kana = sum(1 for ch in text if "\u3040" <= ch <= "\u30ff")
    high = sum(1 for ch in text if ord(ch) > 0x7F)
    return high > 0 and kana * 4 >= high


def decode_bytes(data: bytes, label: str | None) -> tuple[str, str, bool]:
    """Decode body or header bytes.

    Returns (text, codec used, whether the declared label was right). Never raises.
    """
    declared = codec_for(label) if label else None
    if declared == "iso-2022-jp":
        if _has_8bit(data):
            guess = detect(data) or "cp932"
            return _decode(data, guess), guess, False
        text, clean = decode_iso2022jp(data)
        return text, "iso-2022-jp", clean
    if declared:
        try:
            return data.decode(declared), declared, True
        except (UnicodeError, LookupError, ValueError):
            pass
    if not _has_8bit(data) and b"\x1b" not in data:
        return data.decode("ascii", errors="replace"), "ascii", declared is not None
    detected = detect(data)
    if detected == "iso-2022-jp":
        text, _ = decode_iso2022jp(data)
        return text, detected, False
    if detected:
        return _decode(data, detected), detected, False
    return data.decode("utf-8", errors="replace"), "utf-8", False


def _decode(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec, errors="replace")
    except (LookupError, UnicodeError, ValueError):
        return data.decode("utf-8", errors="replace")


def _has_8bit(data: bytes) -> bool:
    return not data.isascii()
