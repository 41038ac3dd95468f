"""Where an IP address is, offline: the country from the database the `geoip2fast` package
ships (no network, no account). The offline analysis locates where a mail entered the Internet
with it; the online investigation (enrich/geoip.py) adds cities and networks.

A neutral module below checks/ and enrich/. `country_of` reads geoip2fast's smaller country
file (about 26 MiB in memory, loaded on first use)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from .parse.domains import ip_class


@dataclass(frozen=True)
class Place:
    ip: str
    ip_class: str
    country: str = ""
    country_name: str = ""
    network: str = ""
    city: str = ""


@cache
def _country_db() -> Any:
    from geoip2fast import GeoIP2Fast

    return GeoIP2Fast(verbose=False)


def country_of(ip: str) -> Place:
    """The country of a public IP address from the bundled offline data ("" when unknown)."""
    cls = ip_class(ip)
    if cls != "public":
        return Place(ip, cls)
    try:
        found = _country_db().lookup(ip)
    except Exception:  # the database's own failure (or the package missing): no location
        return Place(ip, cls)
    code = str(getattr(found, "country_code", "") or "")
    if code in ("--", "", "XX") or len(code) != 2:
        return Place(ip, cls)
    return Place(ip, cls, code, str(getattr(found, "country_name", "")))


__all__ = ["Place", "country_of"]
