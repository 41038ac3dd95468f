"""Received headers → hops."""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime

from ..model import Hop
from .domains import ip_class

_IPV4 = r"(?:\d{1,3}\.){3}\d{1,3}"
_IPV6 = r"(?:IPv6:)?[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?::" + _IPV4 + r")?"
_IP_IN_BRACKETS = re.compile(r"\[(" + _IPV4 + r"|" + _IPV6 + r")\]")
_IP_BARE = re.compile(r"(?<![\d.])(" + _IPV4 + r")(?![\d.])")
_FROM = re.compile(r"^\s*from\s+(\S+)(?:\s+\(([^()]*(?:\([^()]*\)[^()]*)*)\))?", re.I)
_BY = re.compile(r"\bby\s+([^\s;()]+)", re.I)
_WITH = re.compile(r"\bwith\s+([A-Za-z0-9\-_]+)", re.I)
_RDNS_IN_COMMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9.\-]*\.[A-Za-z]{2,})\b")


def _clean_ip(ip: str) -> str:
    ip = ip.strip("[]")
    if ip.lower().startswith("ipv6:"):
        ip = ip[5:]
    return ip


def _timestamp(value: str) -> datetime | None:
    if ";" not in value:
        return None
    stamp = value.rsplit(";", 1)[1].strip()
    stamp = re.sub(r"\s*\([^)]*\)\s*$", "", stamp)
    try:
        parsed = parsedate_to_datetime(stamp)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return parsed if parsed.tzinfo is not None else None


def parse_received(index: int, value: str) -> Hop:
    """Parse one unfolded Received value. Never raises."""
    text = value.strip()
    from_name = rdns = ip = by_host = protocol = ""
    head = text.split(";", 1)[0]
    match = _FROM.search(head)
    by_part = head
    if match:
        from_name = match.group(1).strip("[]") if not _IP_IN_BRACKETS.fullmatch(match.group(1)) else ""
        comment = match.group(2) or ""
        found = _IP_IN_BRACKETS.search(comment) or _IP_IN_BRACKETS.search(match.group(1))
        if found:
            ip = _clean_ip(found.group(1))
        else:
            bare = _IP_BARE.search(comment) or _IP_BARE.search(match.group(1))
            if bare:
                ip = bare.group(1)
        rd = _RDNS_IN_COMMENT.match(comment.replace("helo=", " "))
        if rd and not _IP_BARE.fullmatch(rd.group(1)):
            rdns = rd.group(1).lower()
        by_part = head[match.end() :]
    by_match = _BY.search(by_part)
    if by_match:
        by_host = by_match.group(1).lower()
    with_match = _WITH.search(by_part)
    if with_match:
        protocol = with_match.group(1).upper()
    if from_name and _IP_BARE.fullmatch(from_name) and not ip:
        ip = from_name
    return Hop(
        index=index,
        raw=text,
        from_name=from_name.lower(),
        from_rdns=rdns,
        from_ip=ip,
        by_host=by_host,
        protocol=protocol,
        timestamp=_timestamp(text),
        ip_class=ip_class(ip) if ip else "",
    )


def originating_hop(hops: tuple[Hop, ...]) -> Hop | None:
    """The earliest recorded hop that names a client IP (bottom-most Received)."""
    for hop in reversed(hops):
        if hop.from_ip:
            return hop
    return None


def first_external_hop(hops: tuple[Hop, ...]) -> Hop | None:
    """The earliest hop whose client IP is public: where the mail entered the Internet."""
    for hop in reversed(hops):
        if hop.from_ip and hop.ip_class == "public":
            return hop
    return None
