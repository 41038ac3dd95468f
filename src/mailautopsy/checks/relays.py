"""Relays: marketplaces and platforms that send mail in a seller's name (knowledge/relays.txt).

Kept apart from knowledge/__init__.py's loader: one list, read once."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from ..parse.domains import within

VIA = re.compile(r"\(\s*via\s+[^)]{1,80}\)|\bvia\s+\S", re.I)
"""A display name saying the mail is relayed: "Courier X (via Marketplace Mail)"."""


@cache
def relay_domains() -> tuple[str, ...]:
    text = resources.files("mailautopsy.knowledge").joinpath("relays.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            out.append(line.split()[0])
    return tuple(out)


def is_relay(domain: str) -> bool:
    """The From domain is a listed marketplace's or platform's relay."""
    return bool(domain) and any(within(domain.lower(), d) for d in relay_domains())
