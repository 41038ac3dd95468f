"""A mail's skeleton: what stays the same when one attack is sent a thousand times.

A campaign sends one template to many people, changing the name in the greeting, the amounts,
dates, order numbers, tracking tokens, and often the link's domain for every batch. The skeleton
keeps the template and masks what varies:

- the visible text the sender wrote (quoted lines and a signature left out), NFKC-normalised
  and lower-cased, with URLs, e-mail addresses, bare domains, ids (letters mixed with digits),
  numbers (amounts, dates, times, week days and months) and names masked: the
  recipient's display name and mailbox name wherever they appear, the name after a greeting
  ("Dear John Smith"), and in Japanese the personal names the morphological analyser finds
  before an honorific (山田太郎様 → <p>様; text/ja.py);
- the subject as a template (the same masking, Re:/Fwd: dropped);
- the sender's display name as a template;
- each link's host and path shape: the public suffix kept, every other label and path segment
  written as its classes of characters ("secure-login-7.example.com/a/8f3e2b" →
  "a-a-0.a.com/a/a0a0a"), ordinary path words and query parameter names kept as written;
- each attachment's type and size bucket (a power of two).

Its features are shingles: three consecutive tokens of the text (a token is a Latin word, a
placeholder, or one Japanese character, so Japanese text is read as character trigrams and needs
no spaces), plus one feature per subject, display name, link shape and attachment. A MinHash of
the features (`signature`) estimates the Jaccard similarity of two mails' skeletons; the LSH in
index.py finds the mails whose signatures agree.

Cost: the text is read up to `TEXT_CHARS`, at most `MAX_LINKS` links; the analyser reads only
the short windows before an honorific. Measured in docs/campaigns.md.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
from numpy.typing import NDArray

from ..model import Message
from ..parse.domains import public_suffix
from ..text.ja import has_japanese, person_name_spans

NUM_PERM = 128
"""MinHash permutations: the Jaccard estimate's standard error is about 0.04 at 0.5."""
SEED = 1
TEXT_CHARS = 1500
MAX_LINKS = 30
MAX_ATTACHMENTS = 10
LINK_FEATURES = 8
"""At most this many link features: a mail's many tracking links must not outweigh its text."""

# One pass masks what varies, in this order of preference at each position: URLs, addresses,
# bare domains, long tokens and ids (letters mixed with digits), week days and months (as numbers),
# numbers (amounts, dates, times).
_MASK = re.compile(
    r"(?P<u>(?:https?://|hxxps?://|www\.)[^\s<>\"'）」】]+)"
    r"|\b(?:(?P<e>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|(?P<d>[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24})\b(?![-.]\w)"
    r"|(?P<i>[a-z_]+\d[a-z0-9_]*|\d+[a-z_][a-z0-9_]*|[a-z0-9_-]{24,})\b"
    r"|(?P<w>(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|june|july|august"
    r"|september|october|november|december)\b)"
    r"|(?P<n>\d+(?:[.,:/-]\d+)*)"
)
_GREETING = re.compile(r"\b(?:dear|hello|hi|hey|greetings|attn|attention)[ \t]+([\w.'-]+(?:[ \t]+[\w.'-]+)?)")
_HONORIFIC = re.compile(r"(?:様|さま|殿|さん|御中)")
_LATIN_BEFORE = re.compile(r"[\w.-]+\s*$")
_TOKEN = re.compile(r"<[a-z]>|[a-z][a-z'’]*|[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_REPEAT = re.compile(r"(<[a-z]>)(?:[\s,.:;/-]*\1)+")
_QUOTED = re.compile(r"^[ \t]*>.*$\n?", re.M)
_SUBJECT_PREFIX = re.compile(r"^\s*(?:(?:re|fw|fwd|aw|sv|tr|rv|wg|antw|返信|転送)\s*[:：]\s*)+", re.I)


@dataclass(frozen=True, slots=True)
class Skeleton:
    """The masked template of one mail and its MinHash signature."""

    subject: str
    """The subject template ("your order <n> has shipped")."""
    features: NDArray[np.uint64]
    """The 32-bit hashes of its features, sorted."""
    signature: NDArray[np.uint64]
    text_shingles: int
    """How many of the features come from the text: a skeleton with few is `tiny`."""

    @property
    def tiny(self) -> bool:
        """Almost nothing to compare (an image-only mail, a one-line text): such mails join a
        campaign only when nearly identical (index.py)."""
        return self.text_shingles < 8

    def similarity(self, other: NDArray[np.uint64]) -> float:
        """The estimated Jaccard similarity of this skeleton and a stored signature."""
        return float(np.count_nonzero(self.signature == other)) / NUM_PERM


def _names_of_recipient(msg: Message) -> list[str]:
    """The recipient's display-name words and mailbox name: what a campaign fills in per mail."""
    names: set[str] = set()
    for addr in msg.to[:3]:
        local = addr.address.split("@", 1)[0]
        names.update(w for w in re.split(r"[\s._+-]+", local.lower()) if len(w) >= 3)
        names.update(w for w in re.split(r"[\s,]+", addr.display_name.lower()) if len(w) >= 2)
        if addr.domain:
            names.update(w for w in addr.domain.split(".")[:-1] if len(w) >= 3)
    return sorted(names, key=len, reverse=True)


def _mask_japanese_names(text: str) -> str:
    """Personal names before an honorific (山田太郎様, phishing様): the analyser reads only the
    dozen characters before each honorific."""
    spans: list[tuple[int, int]] = []
    for m in _HONORIFIC.finditer(text):
        lo = max(0, m.start() - 12, text.rfind("\n", 0, m.start()) + 1)
        window = text[lo : m.start()]
        latin = _LATIN_BEFORE.search(window)
        if latin is not None and latin.group(0).strip():
            spans.append((lo + latin.start(), m.start()))
            continue
        spans.extend((lo + s, lo + e) for s, e in person_name_spans(window))
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + "<p>" + text[end:]
    return text


@lru_cache(maxsize=256)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """The recipient's names as one pattern, compiled once per recipient (a mailbox's mail goes
    to the same few people)."""
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, names))})(?!\w)")


def _placeholder(m: re.Match[str]) -> str:
    return " <n> " if m.lastgroup == "w" else f" <{m.lastgroup}> "


def own_text(text: str) -> str:
    """The text the sender wrote: quoted lines ("> ...", another writer's words in a reply) and a
    signature after the "-- " delimiter left out, so that the replies in one thread, or one
    writer's notes under one signature, are not read as copies of one template."""
    if ">" in text:
        text = _QUOTED.sub("", text)
    cut = text.find("\n-- \n")
    return text[:cut] if cut > 0 else text


def mask_text(text: str, names: Sequence[str] = ()) -> str:
    """`text` with what varies between copies of one template masked: URLs <u>, addresses <e>,
    domains <d>, names <p>, ids <i>, numbers <n>; lower-cased, NFKC-normalised."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _MASK.sub(_placeholder, text)
    text = _GREETING.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + "<p>", text)
    if has_japanese(text):
        text = _mask_japanese_names(text)
    if names:
        text = _names_pattern(tuple(names)).sub("<p>", text)
    return _REPEAT.sub(r"\1", text)


def tokens(masked: str) -> list[str]:
    return _TOKEN.findall(masked)


_CLASSES = str.maketrans(
    {**dict.fromkeys("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "a"), **dict.fromkeys("0123456789", "0")}
)
_RUN = re.compile(r"(.)\1+")


def _shape(label: str) -> str:
    """Classes of characters: letters a, digits 0, anything else as written, runs collapsed."""
    return _RUN.sub(r"\1", label.translate(_CLASSES))


def _segment(seg: str) -> str:
    if re.fullmatch(r"[a-z][a-z_-]{0,19}(?:\.[a-z0-9]{1,5})?", seg):
        return seg  # an ordinary word: login, wp-content, index.php
    ext = re.search(r"\.([a-z0-9]{1,5})$", seg, re.I)
    return _shape(seg[: ext.start()] if ext else seg)[:12] + (f".{ext.group(1).lower()}" if ext else "")


@lru_cache(maxsize=4096)
def host_shape(host: str) -> str:
    """The public suffix kept, the three labels before it as classes of characters."""
    suffix = public_suffix(host) if host else ""
    head = host[: -len(suffix) - 1] if suffix and host.endswith("." + suffix) else host
    labels = [_shape(x) for x in head.split(".") if x][-3:]
    return ".".join([*labels, suffix])


def link_shape(host: str, path: str, query: str) -> str:
    """A link's host and path shape: the public suffix kept, the other labels and path segments
    as classes of characters, ordinary path words and parameter names as written."""
    segs = [_segment(s) for s in path.split("/") if s][:6]
    params = sorted({p.split("=", 1)[0].lower()[:20] for p in query.split("&") if p})[:6]
    return host_shape(host) + "/" + "/".join(segs) + ("?" + "&".join(params) if params else "")


def _link_features(msg: Message) -> set[str]:
    out: set[str] = set()
    for link in msg.links[:MAX_LINKS]:
        if link.scheme not in ("http", "https") or not link.host:
            continue
        rest = link.url.split("://", 1)[-1]
        rest = rest.split("/", 1)[1] if "/" in rest else ""
        path, _, query = rest.split("#", 1)[0].partition("?")
        host = "<ip>" if link.is_ip else link.host
        out.add("l:" + link_shape(host, path.lower(), query))
        if link.registrable:
            out.add("h:" + link.registrable)
        if len(out) >= LINK_FEATURES:
            break
    return out


def _attachment_features(msg: Message) -> set[str]:
    out: set[str] = set()
    for att in msg.all_attachments()[:MAX_ATTACHMENTS]:
        kind = att.sniffed_type or att.declared_type or "?"
        ext = att.filename.rsplit(".", 1)[-1].lower()[:8] if "." in att.filename else ""
        bucket = max(att.size, 1).bit_length()
        out.add(f"a:{kind}:{ext}:{bucket}")
    return out


@cache
def _permutations() -> tuple[NDArray[np.uint64], NDArray[np.uint64]]:
    """datasketch's permutations for (NUM_PERM, SEED): a signature here is a datasketch MinHash's
    `hashvalues` (`datasketch.MinHash(NUM_PERM, SEED, hashvalues=sig)`)."""
    from datasketch import MinHash

    a, b = MinHash(num_perm=NUM_PERM, seed=SEED).permutations
    return np.asarray(a, dtype=np.uint64), np.asarray(b, dtype=np.uint64)


_PRIME = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_MIX = (np.uint64(0x9E3779B1), np.uint64(0x85EBCA77), np.uint64(0xC2B2AE3D))
_TOKEN_HASHES: dict[str, int] = {}


def _token_hash(token: str) -> int:
    found = _TOKEN_HASHES.get(token)
    if found is None:
        found = zlib.crc32(token.encode("utf-8"))
        if len(_TOKEN_HASHES) < 200_000:  # the vocabulary of mail is small; a bound all the same
            _TOKEN_HASHES[token] = found
    return found


def shingle_hashes(words: list[str]) -> NDArray[np.uint64]:
    """32-bit hashes of every three consecutive tokens (one hash per token, mixed with numpy)."""
    if not words:
        return np.zeros(0, dtype=np.uint64)
    h = np.fromiter((_token_hash(w) for w in words), dtype=np.uint64, count=len(words))
    if len(h) < 3:
        return np.asarray([int(np.bitwise_xor.reduce(h * _MIX[0])) & 0xFFFFFFFF], dtype=np.uint64)
    mixed = h[:-2] * _MIX[0] + h[1:-1] * _MIX[1] + h[2:] * _MIX[2]
    result: NDArray[np.uint64] = np.bitwise_and(mixed ^ (mixed >> np.uint64(29)), _MAX_HASH)
    return result


def feature_hashes(features: set[str]) -> NDArray[np.uint64]:
    return np.fromiter((zlib.crc32(f.encode("utf-8")) for f in features), dtype=np.uint64, count=len(features))


def signature(hashes: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """The MinHash of a set of 32-bit feature hashes (datasketch's universal hashing)."""
    a, b = _permutations()
    if not len(hashes):
        return np.full(NUM_PERM, _MAX_HASH, dtype=np.uint64)
    hashed = np.bitwise_and((np.outer(hashes, a) + b) % _PRIME, _MAX_HASH)
    result: NDArray[np.uint64] = hashed.min(axis=0)
    return result


def subject_template(subject: str, names: Sequence[str] = ()) -> str:
    subject = _SUBJECT_PREFIX.sub("", subject)
    return " ".join(mask_text(subject, names).split())[:200]


def parts(msg: Message) -> tuple[str, list[str], set[str]]:
    """The skeleton's parts as text: (subject template, masked text tokens, the other features:
    subject words, display name, link shapes, attachments). For tests and for reading."""
    names = _names_of_recipient(msg)
    words = tokens(mask_text(own_text(msg.text[: 2 * TEXT_CHARS])[:TEXT_CHARS], names))
    subject = subject_template(msg.subject, names)
    other = {"s:" + subject}
    subject_words = tokens(subject)
    other.update("t:" + " ".join(subject_words[i : i + 2]) for i in range(len(subject_words) - 1))
    if msg.from_:
        other.add("f:" + " ".join(mask_text(msg.from_[0].display_name, names).split())[:100])
    other |= _link_features(msg)
    other |= _attachment_features(msg)
    return subject, words, other


def skeleton(msg: Message) -> Skeleton:
    """The skeleton of `msg` (see the module's docstring)."""
    subject, words, other = parts(msg)
    text = np.unique(shingle_hashes(words))
    features = np.unique(np.concatenate((text, feature_hashes(other))))
    return Skeleton(subject, features, signature(features), len(text))
