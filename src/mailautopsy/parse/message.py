"""Raw bytes → the immutable `Message` model. Lenient and bounded: damage becomes a
recorded defect, never an exception."""

from __future__ import annotations

import re
from datetime import datetime
from email import policy
from email.message import Message as EmailMessage
from email.parser import BytesHeaderParser, BytesParser
from email.utils import parsedate_to_datetime

from ..model import Address, Attachment, AuthResult, BodyPart, Defect, DkimSignature, Hop, Link, Message
from ..settings import DEFAULT_SETTINGS, Settings
from .attachments import AttachmentScanner
from .auth import mark_trusted, parse_auth_results, parse_dkim_signature, parse_received_spf
from .charset import decode_bytes
from .domains import registrable, to_unicode
from .headers import decode_words, split_addresses, unfold
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
    return raw


def _headers_only(data: bytes) -> EmailMessage:
    """The header block parsed normally and the body kept as one text part."""
    split = re.search(rb"\r?\n\r?\n", data)
    head, body = (data[: split.start()], data[split.end() :]) if split else (data, b"")
    try:
        msg = BytesHeaderParser(policy=policy.default).parsebytes(head + b"\n\n")
    except Exception:
        msg = BytesHeaderParser(policy=policy.compat32).parsebytes(b"\n\n")  # type: ignore[assignment]
    for name in ("Content-Type", "Content-Transfer-Encoding"):
        del msg[name]
    msg["Content-Type"] = "text/plain"
    msg.set_payload(body[:1_000_000].decode("utf-8", errors="replace"))
    return msg


def parse_bytes(raw: bytes, settings: Settings = DEFAULT_SETTINGS) -> Message:
    """Parse one raw RFC 5322 message. Never raises for any input bytes."""
    defects: list[Defect] = []
    size = len(raw)
    data = _prepare(raw, settings, defects)
    try:
        msg: EmailMessage = BytesParser(policy=policy.default).parsebytes(data)
    except Exception as exc:  # RecursionError on absurd nesting; the stdlib is not provably total
        defects.append(
            Defect(
                "PARSE_FAILED",
                f"MIME structure unreadable ({type(exc).__name__}); headers kept, body read as text"[:200],
            )
        )
        msg = _headers_only(data)
    return _Builder(settings, defects).build(msg, size, depth=0)


class _Builder:
    def __init__(self, settings: Settings, defects: list[Defect]) -> None:
        self.settings = settings
        self.defects = defects
        self.parts_seen = 0

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
        for name, value in items[:2000]:
            raw = str(value)
            if len(raw) > cap:
                self.defects.append(Defect("HEADER_VALUE_TOO_LONG", f"{name}: {len(raw)} characters", name))
                raw = raw[:cap]
            raw = unfold(raw)
            out.append((str(name), raw, decode_words(raw).strip()))
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
        addresses: dict[str, list[Address]] = {v: [] for v in _ADDRESS_HEADERS.values()}
        hops: list[Hop] = []
        auth: list[AuthResult] = []
        sigs: list[DkimSignature] = []
        last_received: int | None = None
        subject = ""
        date: datetime | None = None
        message_id = ""
        for index, (name, raw, decoded) in enumerate(headers):
            lname = name.lower()
            if lname in _ADDRESS_HEADERS:
                field = _ADDRESS_HEADERS[lname]
                if lname == "return-path" and addresses[field]:
                    continue
                addresses[field].extend(self._addresses(name, raw))
            elif lname == "received":
                hops.append(parse_received(len(hops), raw))
                last_received = index
            elif lname in ("authentication-results", "arc-authentication-results"):
                canonical = "Authentication-Results" if lname.startswith("auth") else "ARC-Authentication-Results"
                auth.extend(parse_auth_results(canonical, index, raw))
            elif lname == "received-spf":
                spf = parse_received_spf(index, raw)
                if spf:
                    auth.append(spf)
            elif lname == "dkim-signature":
                sig = parse_dkim_signature(index, raw)
                if sig:
                    sigs.append(sig)
            elif lname == "subject" and not subject:
                subject = decoded
            elif lname == "date" and date is None:
                try:
                    date = parsedate_to_datetime(decoded)
                except (TypeError, ValueError, IndexError, OverflowError):
                    self.defects.append(Defect("BAD_DATE", decoded[:100], "Date"))
            elif lname == "message-id" and not message_id:
                message_id = decoded
        if not addresses["from_"]:
            self.defects.append(Defect("NO_FROM", "the message has no usable From address", "From"))
        for exc in getattr(msg, "defects", [])[:20]:
            self.defects.append(Defect("MIME_" + type(exc).__name__, str(exc)[:200]))

        walker = _PartWalker(self, depth)
        walker.walk(msg, "1", 0)
        text = (
            "\n".join(b.text for b in walker.html_bodies)
            if walker.html_bodies
            else "\n".join(b.text for b in walker.plain_bodies)
        )
        if not text.strip() and walker.plain_bodies:
            text = "\n".join(b.text for b in walker.plain_bodies)
        invisible = sorted(
            {
                f"U+{ord(m.group(0)):04X}"
                for source in (subject, text, *(a.display_name for a in addresses["from_"]))
                for m in INVISIBLE.finditer(source)
                if not _joins_emoji(source, m.start())
            }
        )
        forwarded = list(walker.forwarded)
        if depth < 2 and not forwarded:
            inline = self._inline_forward(walker.plain_bodies or walker.html_bodies, depth)
            if inline is not None:
                forwarded.append(inline)
        return Message(
            size=size,
            headers=tuple((n, d) for n, _, d in headers),
            subject=subject,
            from_=tuple(addresses["from_"]),
            sender=tuple(addresses["sender"]),
            reply_to=tuple(addresses["reply_to"]),
            return_path=tuple(addresses["return_path"]),
            to=tuple(addresses["to"]),
            cc=tuple(addresses["cc"]),
            date=date,
            message_id=message_id,
            hops=tuple(hops),
            auth=mark_trusted(
                auth,
                last_received,
                frozenset(h.by_host for h in hops if h.by_host),
                frozenset(self.settings.authserv_ids),
            ),
            dkim_signatures=tuple(sigs),
            bodies=tuple(walker.plain_bodies + walker.html_bodies),
            text=text[: self.settings.limits.max_text_chars],
            links=tuple(walker.unique_links()),
            attachments=tuple(walker.attachments),
            invisible_chars=tuple(invisible),
            defects=tuple(self.defects) if depth == 0 else (),
            forwarded=tuple(forwarded),
            html_present=bool(walker.html_bodies),
            images=walker.images,
            html_forms=walker.html_forms,
            html_password_fields=walker.html_password_fields,
        )

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
            inner = BytesParser(policy=policy.default).parsebytes(raw)
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
        self.scanner = AttachmentScanner(self.settings)

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

    def walk(self, part: EmailMessage, path: str, level: int) -> None:
        limits = self.settings.limits
        self.builder.parts_seen += 1
        if self.builder.parts_seen > limits.max_parts:
            if self.builder.parts_seen == limits.max_parts + 1:
                self.defects.append(Defect("TOO_MANY_PARTS", f"parts beyond {limits.max_parts} skipped", path))
            return
        if level > limits.max_depth:
            self.defects.append(Defect("TOO_DEEP", f"nesting beyond {limits.max_depth} skipped", path))
            return
        try:
            ctype = part.get_content_type()
        except Exception:
            ctype = "text/plain"
        if ctype == "message/rfc822" or ctype == "message/global":
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else None
            cte = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
            if cte in ("base64", "quoted-printable") and isinstance(inner, EmailMessage) and self.depth < 3:
                # Some clients encode the attached message; the parser then reads the encoded text as
                # a headerless message. Decode it and parse the real one.
                encoded = inner.as_string() if not inner.keys() else ""
                decoded = _decode_transfer(encoded, cte)
                if decoded:
                    limit = self.settings.limits.max_message_bytes
                    try:
                        inner = BytesParser(policy=policy.default).parsebytes(decoded[:limit])
                    except Exception:  # RecursionError on absurd nesting, as at the top level
                        self.defects.append(Defect("PARSE_FAILED", "attached message unreadable", path))
                        inner = _headers_only(decoded[:limit])
            if isinstance(inner, EmailMessage) and self.depth < 3:
                sub = _Builder(self.settings, self.defects)
                sub.parts_seen = self.builder.parts_seen
                self.forwarded.append(sub.build(inner, 0, self.depth + 1))
                self.builder.parts_seen = sub.parts_seen
            return
        if part.is_multipart():
            payload = part.get_payload()
            if isinstance(payload, list):
                for i, child in enumerate(payload):
                    self.walk(child, f"{path}.{i + 1}", level + 1)
            return
        try:
            disposition = part.get_content_disposition() or ""
        except Exception:
            disposition = ""
        filename = self._filename(part)
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

    def _filename(self, part: EmailMessage) -> str:
        try:
            name = part.get_filename() or part.get_param("name") or ""
        except Exception:
            name = ""
        if not isinstance(name, str):
            name = str(name)
        if "=?" in name:
            name = decode_words(name)
        return name.strip()[:500]

    def _body(self, part: EmailMessage, ctype: str, data: bytes, path: str) -> None:
        limits = self.settings.limits
        try:
            label = part.get_param("charset") or ""
        except Exception:
            label = ""
        if not isinstance(label, str):
            label = str(label)
        text, used, right = decode_bytes(data, label or None)
        if label and not right:
            self.defects.append(Defect("CHARSET_MISMATCH", f"declared {label}, decoded as {used}", path))
        text = text.replace("\x00", "")[: limits.max_text_chars * 2]
        if ctype == "text/html" or (
            ctype == "text/plain" and text.lstrip()[:200].lower().startswith(("<html", "<!doctype html"))
        ):
            facts = parse_html(text, limits.max_links)
            visible = facts.visible_text[: limits.max_text_chars]
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
        text = text[: limits.max_text_chars]
        self.plain_bodies.append(BodyPart(path, ctype, label, used, text))
        for url, defanged in urls_in_text(text, limits.max_links):
            self._add(make_link(url, "text", path, defanged=defanged))

    def _add(self, link: Link) -> None:
        if len(self.links) < self.settings.limits.max_links:
            self.links.append(link)
