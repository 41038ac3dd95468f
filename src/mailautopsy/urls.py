"""Redirect wrappers undone offline: where a link really goes (google.com/url?q=, SafeLinks,
URLDefense, Bing's a1 base64 ...), by the redirector table of the knowledge base.

A neutral module below checks/, enrich/ and render/, which all need the final address.
"""

from __future__ import annotations

import base64
from urllib.parse import parse_qsl, unquote, urlsplit

from .knowledge import Knowledge
from .model import Link
from .parse.links import make_link


def unwrap(link: Link, kb: Knowledge) -> tuple[Link, list[str]]:
    """Follow redirect wrappers offline (google.com/url?q=, SafeLinks, URLDefense, ...).
    Returns the final link and the chain of hosts passed through."""
    chain: list[str] = []
    current = link
    for _ in range(4):
        try:
            parts = urlsplit(current.url)
        except ValueError:
            break
        redirector = kb.redirector(current.host, parts.path)
        if redirector is None or not redirector.params:
            break
        target = ""
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        for param in redirector.params:
            value = query.get(param, "")
            if not value:
                continue
            if value.startswith("a1") and "bing." in current.host:
                try:
                    value = base64.urlsafe_b64decode(value[2:] + "=" * (-len(value[2:]) % 4)).decode()
                except (ValueError, UnicodeDecodeError):
                    continue
            if "urldefense" in current.host and "-" in value and "://" not in value:
                value = value.replace("_", "/").replace("-", "%")
            target = unquote(value) if "%3a" in value[:12].lower() else value
            break
        if not target.lower().startswith(("http://", "https://")):
            break
        chain.append(current.host)
        current = make_link(target, link.source, link.where, link.text, unescape=False)
    return current, chain


__all__ = ["unwrap"]
