"""The extracted model: what parsing produces and every check reads.

Instances are frozen; checks never re-parse raw headers (CONTRIBUTING.md, convention 5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Defect:
    """Damage found while parsing; recorded instead of raised."""

    code: str
    detail: str
    where: str = ""


@dataclass(frozen=True, slots=True)
class Address:
    """One mailbox from an address header, raw and decoded."""

    header: str
    raw: str
    display_name: str
    address: str
    domain: str
    """Lower-cased domain, IDNA decoded to Unicode where it was punycode."""
    registrable: str
    """Registrable domain (eTLD+1) by the Public Suffix List, or the domain itself."""


@dataclass(frozen=True, slots=True)
class Hop:
    """One Received header, parsed. Index 0 is the topmost (newest) header."""

    index: int
    raw: str
    from_name: str = ""
    """The name the client gave (HELO/EHLO), as recorded after `from`."""
    from_rdns: str = ""
    """The reverse-DNS name the receiving server recorded, if any."""
    from_ip: str = ""
    by_host: str = ""
    protocol: str = ""
    timestamp: datetime | None = None
    ip_class: str = ""
    """public | private | loopback | link_local | reserved | shared | '' when no IP."""


@dataclass(frozen=True, slots=True)
class AuthResult:
    """One method result from Authentication-Results, ARC-Authentication-Results
    or Received-SPF, as recorded by the server that added the header."""

    header: str
    header_index: int
    authserv_id: str
    method: str
    result: str
    properties: tuple[tuple[str, str], ...] = ()
    reason: str = ""
    trusted: bool = False
    """True when added by the receiving side (see parse.auth for the rule)."""

    def prop(self, name: str) -> str:
        for key, value in self.properties:
            if key == name:
                return value
        return ""


@dataclass(frozen=True, slots=True)
class HeaderField:
    """One header of the message as written, in order: for the analyst's header table."""

    name: str
    value: str
    """Decoded (RFC 2047 words, 8-bit bytes), unfolded."""
    raw: str
    """As written, unfolded (encoded words kept), cut at `Limits.max_header_value_chars`."""
    hop: int | None = None
    """For a Received header: the index of its `Hop` (0 is the topmost)."""
    authserv_id: str | None = None
    """For an (ARC-)Authentication-Results header: the authserv-id that wrote it ('' when none)."""


@dataclass(frozen=True, slots=True)
class DkimSignature:
    domain: str
    selector: str
    header_index: int


@dataclass(frozen=True, slots=True)
class Link:
    """One URL found in the message, wherever it was."""

    url: str
    """The URL as it would be followed (refanged, entities decoded)."""
    source: str
    """text | html_a | html_form | html_img | html_meta_refresh | html_css | html_area |
    html_iframe | attachment | qr"""
    where: str
    """MIME path of the part (e.g. '1.2') or attachment name."""
    text: str = ""
    """Text the reader sees for this link (anchor text), if any."""
    scheme: str = ""
    host: str = ""
    """Host as Unicode (IDNA decoded), lower-case; empty for non-network URLs."""
    host_ascii: str = ""
    """Host in ASCII (punycode) form."""
    registrable: str = ""
    is_ip: bool = False
    userinfo: str = ""
    defanged: bool = False
    """True when the URL was written defanged in the source (hxxp, [.])."""


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file attached to the message, or a member of an archive attachment."""

    where: str
    filename: str
    declared_type: str
    sniffed_type: str
    size: int
    sha256: str
    inline: bool = False
    encrypted: bool = False
    children: tuple[Attachment, ...] = ()
    flags: tuple[str, ...] = ()
    """Facts found inside: vba_macros, autoexec, xlm_macros, html_form, password_field,
    script, js_atob, js_blob, js_location, pdf_javascript, pdf_launch, qr_code ..."""

    def walk(self) -> list[Attachment]:
        out: list[Attachment] = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass(frozen=True, slots=True)
class BodyPart:
    where: str
    content_type: str
    charset_declared: str
    charset_used: str
    text: str
    """Decoded text; for HTML, the visible text."""
    hidden_text: str = ""
    """HTML text hidden from the reader (display:none, zero size, ...)."""


_RECEIVED_FOR = re.compile(r"\bfor\s+<?([^\s<>;@]+@[^\s<>;]+?)>?\s*;", re.I)


@dataclass(frozen=True, slots=True)
class Message:
    """Everything the checks read about one message."""

    size: int
    headers: tuple[tuple[str, str], ...]
    """(name, decoded value) in order, names as written."""
    subject: str
    from_: tuple[Address, ...]
    sender: tuple[Address, ...]
    reply_to: tuple[Address, ...]
    return_path: tuple[Address, ...]
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    date: datetime | None
    message_id: str
    hops: tuple[Hop, ...]
    auth: tuple[AuthResult, ...]
    dkim_signatures: tuple[DkimSignature, ...]
    bodies: tuple[BodyPart, ...]
    text: str
    """Visible text of the message: plain part, or HTML visible text when no plain part."""
    links: tuple[Link, ...]
    attachments: tuple[Attachment, ...]
    invisible_chars: tuple[str, ...]
    """Code points of zero-width / bidi controls found in subject, names or text."""
    defects: tuple[Defect, ...]
    forwarded: tuple[Message, ...] = ()
    """Messages attached (message/rfc822) or quoted inline as a forward."""
    html_present: bool = False
    images: int = 0
    html_forms: int = 0
    html_password_fields: int = 0
    mime_depth: int = 0
    """Deepest MIME nesting level of the message (0: a single part). Legitimate mail stays within a
    handful of levels; dozens are a way to hide parts from tools that stop descending."""
    text_plain: str = ""
    """The text/plain alternative as written, when the message has one (also when `text` is the
    HTML part's visible text)."""
    header_fields: tuple[HeaderField, ...] = ()
    """Every header in order with its raw value, Received hop and authserv-id (`headers` holds the
    same names and decoded values)."""

    def header(self, name: str) -> str:
        """First value of a header (decoded), or ''."""
        lname = name.lower()
        for key, value in self.headers:
            if key.lower() == lname:
                return value
        return ""

    def header_all(self, name: str) -> list[str]:
        lname = name.lower()
        return [value for key, value in self.headers if key.lower() == lname]

    def recipient_addresses(self, received: bool = False) -> set[str]:
        """Lower-cased addresses the mail was sent to: To, Cc and the delivery headers; with
        `received`, also the `for <...>` of Received lines (where a Bcc'd recipient shows)."""
        addrs = {a.address.lower() for a in self.to + self.cc if "@" in a.address}
        for name in ("Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "X-Rcpt-To"):
            for value in self.header_all(name):
                if "@" in value:
                    addrs.add(value.strip("<> ").lower())
        if received:
            for hop in self.hops:
                addrs.update(m.group(1).lower() for m in _RECEIVED_FOR.finditer(hop.raw))
        return addrs

    def all_attachments(self) -> list[Attachment]:
        out: list[Attachment] = []
        for att in self.attachments:
            out.extend(att.walk())
        return out


@dataclass(frozen=True, slots=True)
class Evidence:
    kind: str
    """header | address | url | text | ip | attachment | hash | domain"""
    value: str
    where: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    id: str
    severity: str
    """info | low | medium | high | critical (from the rule data)"""
    confidence: float
    evidence: tuple[Evidence, ...]
    params: dict[str, str] = field(default_factory=dict)
    group: str = ""
    weight: float = 0.0
