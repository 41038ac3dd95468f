"""Where an IP address is: country and network (ASN) from the offline database that the
`geoip2fast` package ships — no network, no account. Private and other non-public
addresses are stated as such: they cannot be located."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ..parse.domains import ip_class


@dataclass(frozen=True)
class Place:
    ip: str
    ip_class: str
    country: str = ""
    country_name: str = ""
    network: str = ""


@cache
def _db() -> Any:
    from geoip2fast import GeoIP2Fast

    return GeoIP2Fast(geoip2fast_data_file="geoip2fast-asn.dat.gz", verbose=False)


def locate(ip: str) -> Place:
    cls = ip_class(ip)
    if cls != "public":
        return Place(ip, cls)
    try:
        found = _db().lookup(ip)
    except Exception:  # the database's own failure: no location, not an error
        return Place(ip, cls)
    code = str(getattr(found, "country_code", "") or "")
    if code in ("--", "", "XX"):
        return Place(ip, cls)
    return Place(ip, cls, code, str(getattr(found, "country_name", "")), str(getattr(found, "asn_name", "") or ""))
