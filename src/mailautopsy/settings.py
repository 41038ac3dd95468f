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
    max_parts: int = 500
    """MIME parts walked; deeper or further parts are skipped."""
    max_depth: int = 20
    """MIME nesting depth walked (message/rfc822 counts as one level)."""
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
    max_learn_text_chars: int = 20_000
    """Characters of subject or text the content model reads (learning.py)."""
    max_learn_features: int = 20_000
    """Tokens the content model reads from one message."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Options of one analysis: limits plus what the caller opted into."""

    limits: Limits = Limits()
    scan_qr: bool = True
    scan_office: bool = True
    recipient_domains: tuple[str, ...] = ()
    """The recipient organisation's own domains (for lookalike checks)."""

    def with_limits(self, **changes: int) -> Settings:
        return replace(self, limits=replace(self.limits, **changes))


DEFAULT_SETTINGS = Settings()
