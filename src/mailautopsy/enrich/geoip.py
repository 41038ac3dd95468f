"""Where an IP address is: country, city and network (ASN).

By default from the offline database the `geoip2fast` package ships (no network, no account);
or from MaxMind GeoLite2 / DB-IP `.mmdb` files the user points to (`--geoip-db`, City or
Country files and ASN files, read with `maxminddb`). Private and other non-public addresses are
stated as such: they cannot be located.

The offline analysis's country lookup (`country_of`) and `Place` live in mailautopsy/geo.py,
below checks/ and enrich/ both; they are re-exported here."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ..geo import Place, country_of
from ..parse.domains import ip_class


@cache
def _db() -> Any:
    from geoip2fast import GeoIP2Fast

    return GeoIP2Fast(geoip2fast_data_file="geoip2fast-asn.dat.gz", verbose=False)


@cache
def _mmdb(path: Path) -> Any:
    import maxminddb

    return maxminddb.open_database(str(path))


def _name(record: dict[str, Any], key: str) -> str:
    names = (record.get(key) or {}).get("names") or {}
    return str(names.get("en") or next(iter(names.values()), "")) if isinstance(names, dict) else ""


def _from_mmdb(ip: str, cls: str, paths: tuple[Path, ...]) -> Place:
    country = country_name = network = city = ""
    for path in paths:
        record = _mmdb(path).get(ip)
        if not isinstance(record, dict):
            continue
        iso = (record.get("country") or {}).get("iso_code", "")
        if iso and not country:
            country, country_name = str(iso), _name(record, "country")
        if not city:
            city = _name(record, "city")
        org = record.get("autonomous_system_organization")
        if org and not network:
            asn = record.get("autonomous_system_number")
            network = f"AS{asn} {org}" if asn else str(org)
    return Place(ip, cls, country, country_name, network, city)


def locate(ip: str, databases: tuple[Path, ...] = ()) -> Place:
    cls = ip_class(ip)
    if cls != "public":
        return Place(ip, cls)
    if databases:
        return _from_mmdb(ip, cls, databases)
    try:
        found = _db().lookup(ip)
    except Exception:  # the database's own failure: no location, not an error
        return Place(ip, cls)
    code = str(getattr(found, "country_code", "") or "")
    if code in ("--", "", "XX"):
        return Place(ip, cls)
    return Place(ip, cls, code, str(getattr(found, "country_name", "")), str(getattr(found, "asn_name", "") or ""))


__all__ = ["Place", "country_of", "locate"]
