"""Relays: marketplaces and platforms that send mail in a seller's name (knowledge/relays.txt)."""

from __future__ import annotations

import re

from ..knowledge import Knowledge
from ..parse.domains import within

VIA = re.compile(r"\(\s*via\s+[^)]{1,80}\)|\bvia\s+\S", re.I)
"""A display name saying the mail is relayed: "Courier X (via Marketplace Mail)"."""


def is_relay(domain: str, kb: Knowledge) -> bool:
    """The From domain is a listed marketplace's or platform's relay."""
    return bool(domain) and any(within(domain.lower(), d) for d in kb.relays)
