"""Genuine Japanese brand notices rebuilt from the brands' own pages (see build.py for the rules).

Sender addresses and domains are those the brand's own page publishes for its notices
(source URL per entry); the body is written in our own words after what the page says the
notice contains. No header beyond the minimal set: the pages show none.
"""

from __future__ import annotations

from typing import Any

HAM: list[dict[str, Any]] = []


def H(
    id: str,
    brand: str,
    official: list[str],
    frm: str,
    subject: str,
    src: str | list[str],
    verbatim: list[str],
    campaign: str,
    lure: str,
    **kw: Any,
) -> None:
    entry: dict[str, Any] = {
        "id": id,
        "brand": brand,
        "official": official,
        "from": frm,
        "subject": subject,
        "src": [src] if isinstance(src, str) else src,
        "verbatim": verbatim,
        "campaign": campaign,
        "lure": lure,
        "ham": True,
    }
    entry.update(kw)
    placeholders = ["To", "Message-ID", "Date"]
    if "subject" not in verbatim:
        placeholders.append("Subject (own words after the page's description)")
    if "from address" not in verbatim:
        placeholders.append("From local part (the page publishes the domain only)")
    entry["placeholders"] = placeholders
    HAM.append(entry)
