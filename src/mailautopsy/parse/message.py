"""Raw bytes → the immutable `Message` model. Lenient and bounded: damage becomes a
recorded defect, never an exception."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.message import Message as EmailMessage
from email.parser import BytesHeaderParser, BytesParser
from email.utils import parsedate_to_datetime

from ..model import (
    Address,
    Attachment,
    AuthResult,
    BodyPart,
    Defect,
    DkimSignature,
    HeaderField,
    Hop,
    Link,
    Message,
)
from ..settings import DEFAULT_SETTINGS, Limits, Settings
from .attachments import AttachmentScanner
from .auth import authserv_id, mark_trusted, parse_auth_results, parse_dkim_signature, parse_received_spf
from .charset import codec_for, decode_bytes
from .domains import registrable, to_unicode
from .headers import decode_words, raw_to_text, split_addresses, unfold
from .html import parse_html
from .links import make_link, urls_in_text
from .received import parse_received

INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u180e\U000e0000-\U000e01ef]")
_ADDRESS_HEADERS = {
    "from": "from_",
    "sender": "sender",
    "reply-to": "reply_to",
    "return-path": "return_path",
    "to": "to",
    "cc": "cc",
}
_FORWARD_MARKERS = re.compile(
    r"^[ \t>]*(?:-{3,}\s*(?:Forwarded message|Original Message|転送メッセージ|元のメッセージ|"
    r"Weitergeleitete Nachricht|Message transféré|Mensagem encaminhada|Mensaje reenviado)\s*-{3,}"
    r"|Begin forwarded message:)"
    # Outlook writes no marker: a From/De/Von line followed by a Sent/Enviado/Gesendet line.
    r"|^(?=[ \t>]*(?:From|De|Von|Van|Da|差出人|送信者)\s*[:：][^\n]*\n[ \t>]*"
    r"(?:Sent|Enviado|Gesendet|Verzonden|Inviato|Envoyé|Date|送信日時|日付)\s*[:：])",
    re.I | re.M,
)


def _decode_transfer(text: str, cte: str) -> bytes:
    import base64
    import binascii
    import quopri

    raw = text.lstrip("\r\n").encode("ascii", errors="ignore")
    try:
        return base64.b64decode(raw) if cte == "base64" else quopri.decodestring(raw)
    except (binascii.Error, ValueError):
        return b""


def _text_defect(defect: Defect) -> Defect:
    """A defect whose text quotes raw input (the standard library's MIME defects quote the line
    they choke on, 8-bit bytes as surrogates) made valid text."""
    if defect.detail.isascii() and defect.where.isascii():
        return defect
    return Defect(defect.code, raw_to_text(defect.detail), raw_to_text(defect.where))


def _has_surrogates(text: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def _surrogates_to_text(text: str, codec: str) -> str:
    """A header string with raw bytes as surrogates, decoded with `codec` (never raises)."""
    data = text.encode("utf-8", "surrogateescape")
    try:
        return data.decode(codec, errors="replace")
    except (LookupError, ValueError):
        return data.decode("utf-8", errors="replace")


def _declared_charsets(msg: EmailMessage) -> list[str]:
    """The charset labels the first few parts declare (breadth-first, bounded, no recursion)."""
    labels: list[str] = []
    queue = [msg]
    seen = 0
    while queue and seen < 20:
        part = queue.pop(0)
        seen += 1
        try:
            label = part.get_param("charset")
            payload = part.get_payload() if part.is_multipart() else None
        except Exception:
            continue
        if isinstance(label, str) and label and label not in labels:
            labels.append(label)
        if isinstance(payload, list):
            queue.extend(p for p in payload[:10] if isinstance(p, EmailMessage))
    return labels


def _joins_emoji(text: str, pos: int) -> bool:
    """U+200D between two pictographs is how 👩‍💻 is written, not a hidden character."""
    if text[pos] != "\u200d" or pos == 0 or pos + 1 >= len(text):
        return False
    return ord(text[pos - 1]) > 0x2000 and not text[pos - 1].isalnum() and ord(text[pos + 1]) > 0x2000


def _prepare(raw: bytes, settings: Settings, defects: list[Defect]) -> bytes:
    limits = settings.limits
    if len(raw) > limits.max_message_bytes:
        defects.append(Defect("MESSAGE_TRUNCATED", f"{len(raw)} bytes, read {limits.max_message_bytes}"))
        raw = raw[: limits.max_message_bytes]
    if raw.startswith(b"From "):
        raw = raw.split(b"\n", 1)[1] if b"\n" in raw else b""
    raw = raw.lstrip(b"\r\n")
    end = re.search(rb"\r?\n\r?\n", raw)
    head_len = end.start() if end else len(raw)
    if head_len > limits.max_header_bytes:
        defects.append(Defect("HEADER_TOO_LONG", f"header block of {head_len} bytes cut"))
        body = raw[head_len:] if end else b""
        head = raw[: limits.max_header_bytes]
        head = head[: head.rfind(b"\n")] if b"\n" in head else head
        raw = head + (body or b"\n\n")
        end = re.search(rb"\r?\n\r?\n", raw)
        head_len = end.start() if end else len(raw)
    if b"\x00" in raw[:head_len]:
        defects.append(Defect("NUL_IN_HEADERS", "NUL bytes removed from the header block"))
        raw = raw[:head_len].replace(b"\x00", b"") + raw[head_len:]
    return _bound_mime_fields(raw, limits, defects)


_MIME_FIELD = re.compile(rb"(?im)^content-[a-z0-9-]{0,40}[ \t]*:")
_FIELD_END = re.compile(rb"\r?\n(?![ \t])")
_FOLD = re.compile(rb"\r?\n[ \t]+")


def _mime_field_starts(data: bytes) -> Iterator[re.Match[bytes]]:
    """`_MIME_FIELD.finditer(data)`, found faster: the fields can only start a line with
    "content-", so the pattern is tried only there (a search from every position costs a
    quarter of a millisecond on a mail of 40 kB)."""
    lowered = data.lower()
    first = _MIME_FIELD.match(data) if lowered.startswith(b"content-") else None
    if first is not None:
        yield first
    newline = lowered.find(b"\ncontent-")
    while newline >= 0:
        match = _MIME_FIELD.match(data, newline + 1)
        if match is not None:
            yield match
        newline = lowered.find(b"\ncontent-", newline + 1)


def _bound_mime_fields(data: bytes, limits: Limits, defects: list[Defect]) -> bytes:
    """Content-* fields (of every part) cut to `max_mime_field_chars` and `max_mime_params`
    parameters, and unfolded, before the standard library reads them: its parameter splitting is
    quadratic in the number of `;` (200,000 of them held one analysis for minutes)."""
    out: list[bytes] = []
    pos = cut = 0
    for match in _mime_field_starts(data):
        if match.start() < pos:
            continue
        end_match = _FIELD_END.search(data, match.end())
        end = end_match.start() if end_match else len(data)
        if end - match.start() <= limits.max_mime_field_chars and (
            data.count(b";", match.start(), end) <= limits.max_mime_params
        ):
            continue
        field = data[match.start() : min(end, match.start() + limits.max_mime_field_chars)]
        semicolon = -1
        for _ in range(limits.max_mime_params + 1):
            semicolon = field.find(b";", semicolon + 1)
            if semicolon < 0:
                break
        if semicolon >= 0:
            field = field[:semicolon]
        out += [data[pos : match.start()], _FOLD.sub(b" ", field)]
        pos = end
        cut += 1
    if not cut:
        return data
    out.append(data[pos:])
    defects.append(
        Defect(
            "MIME_FIELD_CUT",
            f"{cut} Content-* field(s) over {limits.max_mime_field_chars} characters or "
            f"{limits.max_mime_params} parameters cut",
        )
    )
    return b"".join(out)


def _headers_only(data: bytes) -> EmailMessage:
    """The header block parsed normally and the body kept as one text part."""
    split = re.search(rb"\r?\n\r?\n", data)
    head, body = (data[: split.start()], data[split.end() :]) if split else (data, b"")
    try:
        msg = BytesHeaderParser(policy=policy.compat32).parsebytes(head + b"\n\n")
    except Exception:  # no defect here: both callers record PARSE_FAILED before falling back to this
        msg = BytesHeaderParser(policy=policy.compat32).parsebytes(b"\n\n")
    for name in ("Content-Type", "Content-Transfer-Encoding"):
        del msg[name]
    msg["Content-Type"] = "text/plain"
    msg.set_payload(body[:1_000_000].decode("utf-8", errors="replace"))
    return msg


_BOUNDARY_PARAM = re.compile(rb"boundary\s*=", re.I)
_BARE_WORD = re.compile(r"[A-Za-z0-9_\-]{1,40}\?[bBqQ]\?[^?\s]*\?=$")


@dataclass
class _FlatMime:
    """A message read without the standard library's nesting: its top headers, its leaf parts in
    order and the deepest multipart nesting found."""

    top: EmailMessage
    leaves: list[tuple[EmailMessage, str]]
    depth: int


def _flat_mime(data: bytes, max_leaves: int) -> _FlatMime:
    """One pass over the lines: every delimiter of a declared boundary ends a part; a part that is
    itself multipart declares a new boundary (a stack, popped when an outer delimiter appears).
    Linear in lines; the standard library's parser tests every open boundary on every line, so 2,000
    nested levels cost it millions of matches."""
    split = re.search(rb"\r?\n\r?\n", data)
    head, body = (data[: split.start()], data[split.end() :]) if split else (data, b"")
    top = BytesHeaderParser(policy=policy.compat32).parsebytes(head + b"\n\n")
    stack: list[bytes] = []
    open_count: dict[bytes, int] = {}
    leaves: list[tuple[EmailMessage, str]] = []
    depth = 0

    def push(boundary: object) -> None:
        nonlocal depth
        if isinstance(boundary, str) and boundary:
            key = boundary.encode("utf-8", "surrogateescape")
            stack.append(key)
            open_count[key] = open_count.get(key, 0) + 1
            depth = max(depth, len(stack))

    def pop_to(key: bytes, inclusive: bool) -> None:
        while stack and stack[-1] != key:
            gone = stack.pop()
            open_count[gone] -= 1
        if inclusive and stack:
            open_count[stack.pop()] -= 1

    def is_container(lines: list[bytes]) -> bool:
        """A part whose header block just ended: a multipart one declares its boundary now."""
        part = BytesHeaderParser(policy=policy.compat32).parsebytes(b"\n".join(lines) + b"\n\n")
        if part.get_content_maintype() != "multipart":
            return False
        push(part.get_boundary())
        return True

    def segment(lines: list[bytes]) -> None:
        if len(leaves) < max_leaves:
            chunk = b"\n".join(lines)
            leaves.append((BytesParser(policy=policy.compat32).parsebytes(chunk), f"flat.{len(leaves) + 1}"))

    if top.get_content_maintype() == "multipart":
        push(top.get_boundary())
    else:
        leaves.append((BytesParser(policy=policy.compat32).parsebytes(data), "1"))
        return _FlatMime(top, leaves, 0)
    current: list[bytes] | None = None
    in_head = False
    for line in body.split(b"\n"):
        stripped = line.rstrip(b"\r \t")
        if stripped[:2] == b"--" and stack:
            key = stripped[2:]
            closing = key.endswith(b"--") and open_count.get(key[:-2], 0) > 0
            key = key[:-2] if closing else key
            if open_count.get(key, 0) > 0:
                if current is not None:
                    segment(current)
                pop_to(key, closing)
                current, in_head = (None, False) if closing else ([], True)
                continue
        if current is None:
            continue
        if in_head and not stripped:
            in_head = False
            if is_container(current):
                current = None  # its preamble; its parts follow its own delimiters
                continue
        current.append(line)
    if current is not None:
        segment(current)
    return _FlatMime(top, leaves, depth)


def parse_bytes(raw: bytes, settings: Settings = DEFAULT_SETTINGS, payloads: dict[str, bytes] | None = None) -> Message:
    """Parse one raw RFC 5322 message. Never raises for any input bytes. `payloads`, when given,
    receives the bytes of the message's attachments and archive members read, by SHA-256 (the
    forwarded messages inside keep theirs)."""
    defects: list[Defect] = []
    size = len(raw)
    data = _prepare(raw, settings, defects)
    limits = settings.limits
    if len(_BOUNDARY_PARAM.findall(data, 0, limits.max_message_bytes)) > limits.max_depth:
        # Many multipart containers: nested deeper than the limit, the standard parser's cost grows
        # with lines times depth. Read such a message flatly instead.
        try:
            flat = _flat_mime(data, limits.max_parts)
        except Exception as exc:
            defects.append(Defect("PARSE_FAILED", f"MIME structure unreadable ({type(exc).__name__})"))
            flat = None
        if flat is not None and flat.depth > limits.max_depth:
            builder = _Builder(settings, defects, payloads)
            builder.flat = flat
            return builder.build(flat.top, size, depth=0)
    try:
        msg: EmailMessage = BytesParser(policy=policy.compat32).parsebytes(data)
    except Exception as exc:  # RecursionError on absurd nesting; the stdlib is not provably total
        defects.append(
            Defect(
                "PARSE_FAILED",
                f"MIME structure unreadable ({type(exc).__name__}); headers kept, body read as text"[:200],
            )
        )
        msg = _headers_only(data)
    return _Builder(settings, defects, payloads).build(msg, size, depth=0)


def _header_fields(headers: list[tuple[str, str, str]]) -> tuple[HeaderField, ...]:
    """The header table: each Received header with the index of its hop (they are numbered in the
    same order as `Message.hops`), each (ARC-)Authentication-Results with the authserv-id it names."""
    out: list[HeaderField] = []
    hop = 0
    for name, written, decoded in headers:
        lname = name.lower()
        raw = written.lstrip(" \t")
        if lname == "received":
            out.append(HeaderField(name, decoded, raw, hop=hop))
            hop += 1
        elif lname in ("authentication-results", "arc-authentication-results"):
            out.append(HeaderField(name, decoded, raw, authserv_id=authserv_id(lname, raw)))
        else:
            out.append(HeaderField(name, decoded, raw))
    return tuple(out)


@dataclass
class _HeaderFields:
    """What `_Builder.build` reads from the header block, header by header."""

    addresses: dict[str, list[Address]]
    hops: list[Hop] = field(default_factory=list)
    auth: list[AuthResult] = field(default_factory=list)
    sigs: list[DkimSignature] = field(default_factory=list)
    last_received: int | None = None
    subject: str = ""
    date: datetime | None = None
    message_id: str = ""


def _body_text(walker: _PartWalker) -> str:
    """The message's text: its HTML bodies' text, else (or when that is blank) its plain bodies'."""
    text = (
        "\n".join(b.text for b in walker.html_bodies)
        if walker.html_bodies
        else "\n".join(b.text for b in walker.plain_bodies)
    )
    if not text.strip() and walker.plain_bodies:
        text = "\n".join(b.text for b in walker.plain_bodies)
    return text


def _invisible_chars(sources: tuple[str, ...]) -> list[str]:
    """The invisible characters (U+XXXX, sorted) in `sources`, not counting emoji joiners."""
    return sorted(
        {
            f"U+{ord(m.group(0)):04X}"
            for source in sources
            for m in INVISIBLE.finditer(source)
            if not _joins_emoji(source, m.start())
        }
    )


class _Builder:
    def __init__(self, settings: Settings, defects: list[Defect], payloads: dict[str, bytes] | None = None) -> None:
        self.settings = settings
        self.defects = defects
        self.payloads = payloads
        self.parts_seen = 0
        self.too_deep = False
        self.flat: _FlatMime | None = None
        """Set when the message was read flatly (`_flat_mime`): its leaves replace the tree walk."""

    # -- headers --------------------------------------------------------------
    def _headers(self, msg: EmailMessage) -> list[tuple[str, str, str]]:
        """(name, raw unfolded value, decoded value)"""
        cap = self.settings.limits.max_header_value_chars
        out = []
        try:
            items = list(msg.raw_items())
        except Exception as exc:
            self.defects.append(Defect("HEADERS_UNREADABLE", str(exc)[:200]))
            items = []
        limit = self.settings.limits.max_headers
        if len(items) > limit:
            self.defects.append(Defect("TOO_MANY_HEADERS", f"headers beyond {limit} skipped"))
        pairs = [(str(name), str(value)) for name, value in items[:limit]]
        pairs = self._decode_8bit(msg, pairs)
        for name, raw in pairs:
            if len(raw) > cap:
                self.defects.append(Defect("HEADER_VALUE_TOO_LONG", f"{name}: {len(raw)} characters", name))
                raw = raw[:cap]
            raw = unfold(raw)
            out.append((name, raw, decode_words(raw).strip()))
        return out

    def _decode_8bit(self, msg: EmailMessage, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Raw 8-bit header bytes (kept by the email package as surrogates) decoded to text here,
        once, so no surrogate ever reaches a check, a renderer or a JSON consumer. One charset for the
        whole header block: the body's declared charset when the bytes read cleanly in it, else the
        charset detected on all 8-bit header bytes together (one short Subject alone is too little
        for detection to tell Hebrew from Cyrillic)."""
        dirty = [
            i for i, (name, value) in enumerate(pairs) if not (name + value).isascii() and _has_surrogates(name + value)
        ]
        if not dirty:
            return pairs
        blob = b"\n".join((pairs[i][0] + pairs[i][1]).encode("utf-8", "surrogateescape") for i in dirty)
        codec = ""
        for label in _declared_charsets(msg):
            codec = codec_for(label) or ""
            if codec and codec not in ("utf-8", "cp1252", "iso-2022-jp"):
                try:
                    blob.decode(codec)
                    break
                except (UnicodeDecodeError, LookupError):
                    pass
            codec = ""
        if not codec:
            _, codec, _ = decode_bytes(blob, None)
        out = list(pairs)
        for i in dirty:
            name, value = pairs[i]
            name = _surrogates_to_text(name, codec)
            out[i] = (name, _surrogates_to_text(value, codec))
            self.defects.append(Defect("HEADER_8BIT", f"{name}: undeclared 8-bit bytes read as {codec}"[:200], name))
        return out

    def _addresses(self, header: str, raw: str) -> list[Address]:
        out = []
        for name, addr in split_addresses(raw):
            addr = addr.strip("<>\"' \t")
            domain = to_unicode(addr.rpartition("@")[2]) if "@" in addr else ""
            out.append(Address(header, raw, name, addr, domain, registrable(domain) if domain else ""))
        return out

    def build(self, msg: EmailMessage, size: int, depth: int) -> Message:
        headers = self._headers(msg)
        fields = self._header_fields(headers)
        addresses = fields.addresses
        if not addresses["from_"]:
            self.defects.append(Defect("NO_FROM", "the message has no usable From address", "From"))
        for exc in getattr(msg, "defects", [])[:20]:
            self.defects.append(Defect("MIME_" + type(exc).__name__, str(exc)[:200]))
        walker = self._walk(msg, depth)
        text = _body_text(walker)
        invisible = _invisible_chars((fields.subject, text, *(a.display_name for a in addresses["from_"])))
        forwarded = list(walker.forwarded)
        if depth < 2 and not forwarded:
            inline = self._inline_forward(walker.plain_bodies or walker.html_bodies, depth)
            if inline is not None:
                forwarded.append(inline)
        return Message(
            size=size,
            headers=tuple((n, d) for n, _, d in headers),
            header_fields=_header_fields(headers),
            subject=fields.subject,
            from_=tuple(addresses["from_"]),
            sender=tuple(addresses["sender"]),
            reply_to=tuple(addresses["reply_to"]),
            return_path=tuple(addresses["return_path"]),
            to=tuple(addresses["to"]),
            cc=tuple(addresses["cc"]),
            date=fields.date,
            message_id=fields.message_id,
            hops=tuple(fields.hops),
            auth=mark_trusted(
                fields.auth,
                fields.last_received,
                frozenset(h.by_host for h in fields.hops if h.by_host),
                frozenset(self.settings.authserv_ids),
            ),
            dkim_signatures=tuple(fields.sigs),
            bodies=tuple(walker.plain_bodies + walker.html_bodies),
            text=text[: self.settings.limits.max_text_chars],
            links=tuple(walker.unique_links()),
            attachments=tuple(walker.attachments),
            invisible_chars=tuple(invisible),
            defects=tuple(_text_defect(d) for d in self.defects) if depth == 0 else (),
            forwarded=tuple(forwarded),
            html_present=bool(walker.html_bodies),
            images=walker.images,
            html_forms=walker.html_forms,
            html_password_fields=walker.html_password_fields,
            mime_depth=walker.max_level,
            text_plain="\n".join(b.text for b in walker.plain_bodies if b.content_type == "text/plain")[
                : self.settings.limits.max_text_chars
            ],
        )

    def _header_fields(self, headers: list[tuple[str, str, str]]) -> _HeaderFields:
        """Addresses, hops, authentication results, signatures, subject, date and Message-ID."""
        fields = _HeaderFields({v: [] for v in _ADDRESS_HEADERS.values()})
        addresses = fields.addresses
        for index, (name, raw, decoded) in enumerate(headers):
            lname = name.lower()
            if lname in _ADDRESS_HEADERS:
                key = _ADDRESS_HEADERS[lname]
                if lname == "return-path" and addresses[key]:
                    continue
                addresses[key].extend(self._addresses(name, raw))
            elif lname == "received":
                fields.hops.append(parse_received(len(fields.hops), raw))
                fields.last_received = index
            elif lname in ("authentication-results", "arc-authentication-results"):
                canonical = "Authentication-Results" if lname.startswith("auth") else "ARC-Authentication-Results"
                fields.auth.extend(parse_auth_results(canonical, index, raw))
            elif lname == "received-spf":
                spf = parse_received_spf(index, raw)
                if spf:
                    fields.auth.append(spf)
            elif lname == "dkim-signature":
                sig = parse_dkim_signature(index, raw)
                if sig:
                    fields.sigs.append(sig)
            elif lname == "subject" and not fields.subject:
                fields.subject = decoded
            elif lname == "date" and fields.date is None:
                try:
                    fields.date = parsedate_to_datetime(decoded)
                except (TypeError, ValueError, IndexError, OverflowError):
                    self.defects.append(Defect("BAD_DATE", decoded[:100], "Date"))
            elif lname == "message-id" and not fields.message_id:
                fields.message_id = decoded
        return fields

    def _walk(self, msg: EmailMessage, depth: int) -> _PartWalker:
        """The MIME tree walked (or, read flatly, its leaves): bodies, links, attachments."""
        walker = _PartWalker(self, depth)
        if self.flat is not None:
            limit = self.settings.limits.max_depth
            self.too_deep = True
            self.defects.append(Defect("TOO_DEEP", f"{self.flat.depth} levels of nesting read flatly (limit {limit})"))
            walker.max_level = self.flat.depth
            for leaf, path in self.flat.leaves:
                walker.walk(leaf, path, 1)
        else:
            walker.walk(msg, "1", 0)
        return walker

    def _inline_forward(self, bodies: list[BodyPart], depth: int) -> Message | None:
        """A forward pasted into the body: rebuild the quoted header block and text."""
        for body in bodies:
            match = _FORWARD_MARKERS.search(body.text)
            if not match:
                continue
            quoted = body.text[match.end() :].lstrip("\r\n")
            lines = [re.sub(r"^[ \t>]*", "", line) for line in quoted.splitlines()]
            head: list[str] = []
            for i, line in enumerate(lines[:30]):
                if not line.strip():
                    rest = "\n".join(lines[i + 1 :])
                    break
                key = line.split(":", 1)[0].strip().lower()
                if ":" in line and key in _FORWARD_KEYS:
                    value = line.split(":", 1)[1]
                    # Outlook quotes "Name [mailto:addr]"; make it "Name <addr>".
                    value = re.sub(r"\s*\[mailto:([^\]\s]+)\].*$", r" <\1>", value)
                    head.append(f"{_FORWARD_KEYS[key]}:{value}")
                elif head:
                    head[-1] += " " + line.strip()
            else:
                rest = ""
            if not head:
                continue
            raw = ("\n".join(head) + "\nContent-Type: text/plain; charset=utf-8\n\n" + rest).encode(
                "utf-8", errors="replace"
            )
            inner = BytesParser(policy=policy.compat32).parsebytes(raw)
            return _Builder(self.settings, []).build(inner, len(raw), depth + 1)
        return None


_FORWARD_KEYS = {
    "from": "From",
    "von": "From",
    "de": "From",
    "差出人": "From",
    "送信者": "From",
    "送信元": "From",
    "subject": "Subject",
    "betreff": "Subject",
    "objet": "Subject",
    "assunto": "Subject",
    "asunto": "Subject",
    "件名": "Subject",
    "date": "Date",
    "sent": "Date",
    "datum": "Date",
    "gesendet": "Date",
    "envoyé": "Date",
    "enviado": "Date",
    "日付": "Date",
    "送信日時": "Date",
    "to": "To",
    "an": "To",
    "à": "To",
    "para": "To",
    "宛先": "To",
    "reply-to": "Reply-To",
}


class _PartWalker:
    def __init__(self, builder: _Builder, depth: int) -> None:
        self.builder = builder
        self.settings = builder.settings
        self.depth = depth
        self.plain_bodies: list[BodyPart] = []
        self.html_bodies: list[BodyPart] = []
        self.links: list[Link] = []
        self.attachments: list[Attachment] = []
        self.forwarded: list[Message] = []
        self.images = 0
        self.html_forms = 0
        self.html_password_fields = 0
        self.max_level = 0
        self.scanner = AttachmentScanner(self.settings, payloads=builder.payloads)

    @property
    def defects(self) -> list[Defect]:
        return self.builder.defects

    def unique_links(self) -> list[Link]:
        seen: set[tuple[str, str, str]] = set()
        out = []
        for link in self.links + self.scanner.links:
            key = (link.url, link.source, link.text)
            if key not in seen:
                seen.add(key)
                out.append(link)
        self.defects.extend(self.scanner.defects)
        self.scanner.defects = []
        return out[: self.settings.limits.max_links]

    def _counted(self, path: str) -> bool:
        """Count one part; False (and `TOO_MANY_PARTS` once) when the part budget is spent."""
        limits = self.settings.limits
        self.builder.parts_seen += 1
        if self.builder.parts_seen > limits.max_parts:
            if self.builder.parts_seen == limits.max_parts + 1:
                self.defects.append(Defect("TOO_MANY_PARTS", f"parts beyond {limits.max_parts} skipped", path))
            return False
        return True

    def walk(self, part: EmailMessage, path: str, level: int) -> None:
        limits = self.settings.limits
        self.max_level = max(self.max_level, level)
        if level > limits.max_depth:
            # Below the depth limit the parts are still read, one after another without recursion:
            # nesting must not hide links (50 multipart levels once made the seed's 6 links vanish).
            if not self.builder.too_deep:
                self.builder.too_deep = True
                self.defects.append(Defect("TOO_DEEP", f"nesting beyond {limits.max_depth} levels read flatly", path))
            self._walk_flat(part, path, level)
            return
        if not self._counted(path):
            return
        ctype = self._ctype(part, path)
        if ctype == "message/rfc822" or ctype == "message/global":
            inner = self._attached(part, path)
            if inner is None:
                return
            self._attached_file(part, inner, path)
            if self.depth < limits.max_forward_depth:
                sub = _Builder(self.settings, self.defects)
                sub.parts_seen = self.builder.parts_seen
                self.forwarded.append(sub.build(inner, 0, self.depth + 1))
                self.builder.parts_seen = sub.parts_seen
            else:
                # Too deep to be a message of its own: its bodies, links and attachments are read
                # into the message that holds it, and the nesting is recorded.
                self.defects.append(
                    Defect(
                        "FORWARD_TOO_DEEP",
                        f"attached message below {limits.max_forward_depth} levels read into its parent",
                        path,
                    )
                )
                self.walk(inner, path + ".1", level + 1)
            return
        if part.is_multipart():
            payload = part.get_payload()
            if isinstance(payload, list):
                for i, child in enumerate(payload):
                    self.walk(child, f"{path}.{i + 1}", level + 1)
            return
        self._leaf(part, ctype, path)

    def _walk_flat(self, top: EmailMessage, path: str, level: int) -> None:
        stack: list[tuple[EmailMessage, str, int]] = [(top, path, level)]
        while stack:
            part, where, depth = stack.pop()
            self.max_level = max(self.max_level, depth)
            if not self._counted(where):
                return
            ctype = self._ctype(part, where)
            children: list[EmailMessage] = []
            if ctype in ("message/rfc822", "message/global"):
                inner = self._attached(part, where)
                children = [inner] if inner is not None else []
            elif part.is_multipart():
                payload = part.get_payload()
                children = [c for c in payload if isinstance(c, EmailMessage)] if isinstance(payload, list) else []
            else:
                self._leaf(part, ctype, where)
                continue
            stack.extend((child, f"{where}.{i + 1}", depth + 1) for i, child in reversed(list(enumerate(children))))

    def _ctype(self, part: EmailMessage, path: str = "") -> str:
        try:
            return raw_to_text(part.get_content_type())
        except Exception as exc:
            self.defects.append(Defect("MIME_HEADER_UNREADABLE", f"Content-Type: {type(exc).__name__}", path))
            return "text/plain"

    def _attached(self, part: EmailMessage, path: str) -> EmailMessage | None:
        """The message inside a message/rfc822 part, transfer-decoded when a client encoded it."""
        payload = part.get_payload()
        inner = payload[0] if isinstance(payload, list) and payload else None
        cte = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
        if cte in ("base64", "quoted-printable") and isinstance(inner, EmailMessage):
            # Some clients encode the attached message; the parser then reads the encoded text as
            # a headerless message. Decode it and parse the real one.
            encoded = inner.as_string() if not inner.keys() else ""
            decoded = _decode_transfer(encoded, cte)
            if decoded:
                limit = self.settings.limits.max_message_bytes
                try:
                    inner = BytesParser(policy=policy.compat32).parsebytes(decoded[:limit])
                except Exception:  # RecursionError on absurd nesting, as at the top level
                    self.defects.append(Defect("PARSE_FAILED", "attached message unreadable", path))
                    inner = _headers_only(decoded[:limit])
        return inner if isinstance(inner, EmailMessage) else None

    def _attached_file(self, part: EmailMessage, inner: EmailMessage, path: str) -> None:
        """An attached message given a file name ("invoice.eml") is also listed as an attachment
        under that name, as mail clients show it."""
        filename = self._filename(part)
        if not filename:
            return
        try:
            data = inner.as_bytes()[: self.settings.limits.max_decoded_part_bytes]
        except Exception:
            data = b""
        before = len(self.scanner.links)
        self.attachments.append(self.scanner.scan(data, filename, self._ctype(part, path), path))
        del self.scanner.links[before:]  # the attached message's links are its own (read from its parts)

    def _leaf(self, part: EmailMessage, ctype: str, path: str) -> None:
        limits = self.settings.limits
        try:
            disposition = part.get_content_disposition() or ""
        except Exception as exc:
            self.defects.append(Defect("MIME_HEADER_UNREADABLE", f"Content-Disposition: {type(exc).__name__}", path))
            disposition = ""
        filename = self._filename(part, path)
        try:
            data = part.get_payload(decode=True) or b""
        except Exception as exc:
            self.defects.append(Defect("PAYLOAD_UNDECODABLE", str(exc)[:200], path))
            data = b""
        if not isinstance(data, bytes):
            data = b""
        if len(data) > limits.max_decoded_part_bytes:
            self.defects.append(Defect("PART_TRUNCATED", f"{len(data)} bytes", path))
            data = data[: limits.max_decoded_part_bytes]
        is_body = (
            ctype in ("text/plain", "text/html", "text/enriched", "text/rtf")
            and (disposition != "attachment" and not filename)
        ) or (ctype.startswith("text/") and not filename and disposition != "attachment" and ctype != "text/calendar")
        if is_body:
            self._body(part, ctype, data, path)
            return
        if ctype.startswith("image/"):
            self.images += 1
        self.attachments.append(
            self.scanner.scan(
                data,
                filename,
                ctype,
                path,
                inline=disposition == "inline" or bool(part.get("Content-ID")),
            )
        )

    def _filename(self, part: EmailMessage, path: str = "") -> str:
        try:
            name = part.get_filename() or part.get_param("name") or ""
        except Exception as exc:
            self.defects.append(Defect("MIME_HEADER_UNREADABLE", f"file name: {type(exc).__name__}", path))
            name = ""
        if not isinstance(name, str):
            name = str(name)
        name = raw_to_text(name)
        if _BARE_WORD.match(name):
            # filename*=UTF-8?B?…?=: an encoded word that lost its "=?" (RFC 2231 syntax misused).
            name = "=?" + name
        if "=?" in name:
            name = decode_words(name)
        # A name made of quotes alone (`name=""""…`) names nothing.
        return name.strip().strip('"').strip()[:500]

    def _body(self, part: EmailMessage, ctype: str, data: bytes, path: str) -> None:
        limits = self.settings.limits
        try:
            label = part.get_param("charset") or ""
        except Exception as exc:
            self.defects.append(Defect("MIME_HEADER_UNREADABLE", f"charset: {type(exc).__name__}", path))
            label = ""
        if not isinstance(label, str):
            label = str(label)
        label = raw_to_text(label)[:100]
        text, used, right = decode_bytes(data, label or None)
        if label and not right:
            self.defects.append(Defect("CHARSET_MISMATCH", f"declared {label}, decoded as {used}", path))
        text = text.replace("\x00", "")
        if len(text) > limits.max_text_chars * 2:
            self.defects.append(
                Defect("TEXT_TRUNCATED", f"{len(text)} characters, read {limits.max_text_chars * 2}", path)
            )
            text = text[: limits.max_text_chars * 2]
        if ctype == "text/html" or (
            ctype == "text/plain" and text.lstrip()[:200].lower().startswith(("<html", "<!doctype html"))
        ):
            facts = parse_html(text, limits.max_links, limits.max_html_depth, limits.max_html_tags)
            if facts.too_big:
                self.defects.append(Defect("HTML_TOO_BIG", f"{facts.too_big}: read without a tree", path))
            visible = facts.visible_text[: limits.max_text_chars]
            if len(facts.visible_text) > limits.max_text_chars:
                self.defects.append(Defect("TEXT_TRUNCATED", f"{len(facts.visible_text)} visible characters", path))
            self.html_bodies.append(BodyPart(path, ctype, label, used, visible, facts.hidden_text[:20_000]))
            for source, url, shown in facts.links:
                self._add(make_link(url, source, path, shown, unescape=False))
            anchor_texts = " ".join(shown for _, _, shown in facts.links)
            for url, defanged in urls_in_text(visible, limits.max_links):
                shown_url = url.split("://", 1)[-1]
                if shown_url not in anchor_texts:
                    self._add(make_link(url, "text", path, defanged=defanged))
            self.images += facts.images
            self.html_forms += facts.forms
            self.html_password_fields += facts.password_fields
            return
        if len(text) > limits.max_text_chars:
            self.defects.append(Defect("TEXT_TRUNCATED", f"{len(text)} characters, kept {limits.max_text_chars}", path))
            text = text[: limits.max_text_chars]
        self.plain_bodies.append(BodyPart(path, ctype, label, used, text))
        for url, defanged in urls_in_text(text, limits.max_links):
            self._add(make_link(url, "text", path, defanged=defanged))

    def _add(self, link: Link) -> None:
        if len(self.links) < self.settings.limits.max_links:
            self.links.append(link)
