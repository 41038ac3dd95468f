"""Limits and options for one analysis, in one immutable object.

Every bound the parser and the checks respect lives here, so that a hostile
message can never make analysis slower or bigger than these numbers allow.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Limits:
    """Hard bounds on what one message may cost to analyse."""

    max_message_bytes: int = 64 * 1024 * 1024
    """Bytes read from one message; the rest is cut and recorded as a defect."""
    max_header_bytes: int = 256 * 1024
    """Bytes of the header block parsed; a longer block is cut."""
    max_header_value_chars: int = 16 * 1024
    """Characters kept of one header value after decoding."""
    max_headers: int = 2000
    """Header fields read from one header block; further ones are skipped (`TOO_MANY_HEADERS`)."""
    output_headers: int = 500
    """Header fields shown in the header table (`analyze --headers`, JSON `extracted.headers`, the
    web result page); the rest are counted, not shown."""
    output_header_value_chars: int = 2000
    """Characters of one header value (decoded and raw) shown in the header table."""
    max_mime_field_chars: int = 4096
    """Characters kept of one Content-* field (of any part) before the MIME parser reads it."""
    max_mime_params: int = 64
    """Parameters kept of one Content-* field (RFC 2231 continuations of a long name included)."""
    max_parts: int = 500
    """MIME parts walked; deeper or further parts are skipped."""
    max_depth: int = 20
    """MIME nesting depth walked as a tree (message/rfc822 counts as one level). Parts below it are
    still read, flatly (no recursion), and the nesting itself is recorded (`TOO_DEEP`)."""
    max_forward_depth: int = 3
    """Attached messages (message/rfc822) inside attached messages analysed as messages of their own;
    deeper ones have their bodies, links and attachments read into the message that holds them."""
    max_confusable_word_chars: int = 64
    """Longest word whose look-alike letters are unmasked (`Amаzon`); longer runs are no brand name."""
    max_html_depth: int = 512
    """Deepest element nesting (estimated by a linear pre-scan) given to the HTML tree builder; deeper
    markup is read by a streaming tokenizer instead (`HTML_TOO_DEEP`)."""
    max_html_tags: int = 50_000
    """Most tags given to the HTML tree builder; more are read by the streaming tokenizer."""
    max_text_chars: int = 200_000
    """Characters of decoded text or HTML kept per body part."""
    max_decoded_part_bytes: int = 32 * 1024 * 1024
    """Bytes of one decoded part kept for hashing and sniffing."""
    max_links: int = 500
    """Links recorded per message."""
    max_archive_members: int = 200
    """Members listed per archive."""
    max_archive_depth: int = 3
    """Archives inside archives opened."""
    max_archive_total_bytes: int = 64 * 1024 * 1024
    """Uncompressed bytes read from all archives of one message."""
    max_archive_ratio: int = 200
    """A member expanding beyond this ratio is treated as a bomb and not read."""
    max_image_pixels: int = 8_000_000
    """Images larger than this are not scanned for QR codes."""
    max_qr_images: int = 10
    """Images scanned for QR codes per message."""
    max_office_bytes: int = 16 * 1024 * 1024
    """Office documents above this size are not scanned for macros."""
    time_limit_seconds: int = 30
    """Wall-clock seconds one message may take before it is reported as a timeout."""
    output_text_chars: int = 20_000
    """Characters of visible body text included in the JSON result."""
    check_time_limit_seconds: int = 10
    """Wall-clock seconds one check may take within the message's `time_limit_seconds`; a check
    that overruns is cut off and recorded as a TIMEOUT defect, and the others still run."""
    ja_word_window: int = 24
    """Characters read either side of a Japanese name or phrase to find its word boundaries
    (text/ja.py): the analyser never reads more than this around one candidate."""
    ja_word_checks: int = 200
    """Candidate Japanese matches checked for word boundaries per text; further ones are dropped
    (not counted), so a text stuffed with brand names costs a bounded time."""
    max_learn_text_chars: int = 20_000
    """Characters of subject or text the content model reads (learning.py)."""
    max_learn_features: int = 20_000
    """Tokens the content model reads from one message."""


LIST_KEYS = ("allow_senders", "allow_domains", "allow_urls", "block_senders", "block_domains", "block_urls")
"""The analyst's lists (the config file's `[lists]` table, the web app's allow- and block-lists)."""


@dataclass(frozen=True, slots=True)
class Lists:
    """Senders, domains and URL prefixes an analyst allow-listed or block-listed, with the reason
    given for each (docs/config.md, "Allow- and block-lists"). Values are lower-case (a URL
    prefix's path keeps its case); `reasons` maps a value to why it was listed."""

    allow_senders: tuple[str, ...] = ()
    allow_domains: tuple[str, ...] = ()
    allow_urls: tuple[str, ...] = ()
    block_senders: tuple[str, ...] = ()
    block_domains: tuple[str, ...] = ()
    block_urls: tuple[str, ...] = ()
    reasons: tuple[tuple[str, str], ...] = ()

    def __bool__(self) -> bool:
        return any(getattr(self, key) for key in LIST_KEYS)

    def reason(self, value: str) -> str:
        return next((why for v, why in self.reasons if v == value), "")

    def merged(self, other: Lists) -> Lists:
        """Both lists together (the config file's and the web app's)."""
        if not other:
            return self
        if not self:
            return other
        joined = {key: tuple(dict.fromkeys(getattr(self, key) + getattr(other, key))) for key in LIST_KEYS}
        return Lists(**joined, reasons=self.reasons + other.reasons)


NO_LISTS = Lists()


@dataclass(frozen=True, slots=True)
class Settings:
    """Options of one analysis: limits plus what the caller opted into."""

    limits: Limits = Limits()
    scan_qr: bool = True
    scan_office: bool = True
    recipient_domains: tuple[str, ...] = ()
    """The recipient organisation's own domains (for lookalike checks)."""
    authserv_ids: tuple[str, ...] = ()
    """Authserv-ids of this host (set by the milter): Authentication-Results under them are the
    receiving side's wherever they stand in the header."""
    lists: Lists = NO_LISTS
    """The analyst's allow- and block-lists given by the caller (the web app's); a config file's
    `[lists]` come through the knowledge (`Knowledge.lists`) and count too."""

    def with_limits(self, **changes: int) -> Settings:
        return replace(self, limits=replace(self.limits, **changes))


DEFAULT_SETTINGS = Settings()
