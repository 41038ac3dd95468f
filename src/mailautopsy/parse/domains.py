"""Domain names: IDNA decoding and registrable domains by the bundled Public Suffix List.

`publicsuffixlist` ships its own snapshot of the list and never downloads one.
"""

from __future__ import annotations

import contextlib
import ipaddress
from functools import lru_cache

from publicsuffixlist import PublicSuffixList

_PSL = PublicSuffixList()


@lru_cache(maxsize=8192)
def to_unicode(host: str) -> str:
    """Lower-case host with punycode labels decoded (invalid labels kept as written)."""
    host = host.strip().strip(".").lower()
    if "xn--" not in host:
        return host
    labels = []
    for label in host.split("."):
        if label.startswith("xn--"):
            with contextlib.suppress(UnicodeError, ValueError):
                label = label[4:].encode("ascii").decode("punycode")
        labels.append(label)
    return ".".join(labels)


@lru_cache(maxsize=8192)
def to_ascii(host: str) -> str:
    """Host in ASCII (punycode) form; unencodable labels are kept as written."""
    host = host.strip().strip(".").lower()
    if host.isascii():
        return host
    labels = []
    for label in host.split("."):
        if not label.isascii():
            with contextlib.suppress(UnicodeError, ValueError):
                label = "xn--" + label.encode("punycode").decode("ascii")
        labels.append(label)
    return ".".join(labels)


@lru_cache(maxsize=16384)
def registrable(host: str) -> str:
    """The registrable domain (eTLD+1) of a host, in Unicode form; the host itself
    when it is an IP address, a bare public suffix or unknown."""
    host = to_unicode(host)
    if not host or is_ip(host):
        return host
    found = _PSL.privatesuffix(to_ascii(host))
    return to_unicode(found) if found else host


@lru_cache(maxsize=4096)
def public_suffix(host: str) -> str:
    host = to_ascii(host)
    found = _PSL.publicsuffix(host)
    return to_unicode(found) if found else host.rsplit(".", 1)[-1]


def is_ip(host: str) -> bool:
    host = host.strip("[]")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def ip_class(ip: str) -> str:
    """public | private | loopback | link_local | shared | reserved | invalid."""
    try:
        addr = ipaddress.ip_address(ip.strip("[]").split("%")[0])
    except ValueError:
        return "invalid"
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    if addr.is_loopback:
        return "loopback"
    if addr.is_link_local:
        return "link_local"
    if isinstance(addr, ipaddress.IPv4Address) and addr in _SHARED:
        return "shared"
    if any(addr in net for net in _PRIVATE):
        return "private"
    if not addr.is_global:
        return "reserved"
    if addr.is_multicast or addr.is_reserved or addr.is_unspecified:
        return "reserved"
    return "public"


_SHARED = ipaddress.ip_network("100.64.0.0/10")
_PRIVATE = [ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")]


def within(host: str, domain: str) -> bool:
    """True when `host` is `domain` or a subdomain of it."""
    return host == domain or host.endswith("." + domain)


MAX_LABELS = 127
"""A DNS name has at most 127 labels, so no list entry has more: only a name's last 127 labels
are looked up."""


def parent_domains(host: str, min_labels: int = 1) -> list[str]:
    """`host` and every domain it lies under, longest first, each of at least `min_labels` labels,
    from at most its last `MAX_LABELS` labels. Linear in the length of `host`: joining every
    suffix of a name of 30,000 dots (a fuzzed link) was quadratic and took seconds."""
    parts = host.rsplit(".", MAX_LABELS)
    if len(parts) > MAX_LABELS:
        parts = parts[1:]
    return [".".join(parts[i:]) for i in range(len(parts) - min_labels + 1)]


def within_any(host: str, domains: frozenset[str] | set[str]) -> bool:
    """`within(host, d)` for some `d` in `domains`, by a hash lookup of each domain `host` lies
    under rather than a scan of `domains`."""
    return host in domains or any(d in domains for d in parent_domains(host))


def known_suffix(host: str) -> bool:
    """True when the host ends in a suffix of the Public Suffix List (a real TLD)."""
    return _PSL.publicsuffix(to_ascii(host), accept_unknown=False) is not None
