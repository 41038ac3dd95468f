"""Domain registration data over RDAP (RFC 9083): creation date, registrar, registrant
country when published, abuse contact.

A small client of our own rather than `whoisit`: every request here is bounded by the
message's time budget, the IANA bootstrap file is kept in our cache, and there is no
process-wide state, so tests point it at a local RDAP server with `bootstrap_url`.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..parse.domains import to_ascii
from .budget import Budget, LookupFailed
from .cache import Cache

IANA_DNS_BOOTSTRAP = "https://data.iana.org/rdap/dns.json"
MAX_BYTES = 2_000_000


@dataclass(frozen=True)
class Registration:
    domain: str
    created: str  # ISO 8601, "" when not published
    registrar: str
    registrant_country: str
    abuse_email: str

    @property
    def created_at(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.created.replace("Z", "+00:00")) if self.created else None
        except ValueError:
            return None


class RdapProvider:
    def __init__(
        self, cache: Cache, budget: Budget, bootstrap_url: str = IANA_DNS_BOOTSTRAP, timeout: float = 5.0
    ) -> None:
        self.cache = cache
        self.budget = budget
        self.bootstrap_url = bootstrap_url
        self.timeout = timeout

    def _get(self, url: str, what: str) -> Any:
        timeout = self.budget.allow(self.timeout, what)
        if not url.lower().startswith(("https://", "http://")):
            raise LookupFailed(f"{what}: not an http(s) URL")
        request = urllib.request.Request(url, headers={"Accept": "application/rdap+json, application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                body = response.read(MAX_BYTES + 1)
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return None
            raise LookupFailed(f"{what}: HTTP {exc.code}" + (" (rate limited)" if exc.code == 429 else "")) from exc
        except TimeoutError as exc:
            raise LookupFailed(f"{what}: timeout after {timeout:.0f} s") from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise LookupFailed(f"{what}: {'timeout' if 'timed out' in str(reason) else reason}") from exc
        if len(body) > MAX_BYTES:
            raise LookupFailed(f"{what}: answer larger than {MAX_BYTES} bytes")
        try:
            return json.loads(body)
        except ValueError as exc:
            raise LookupFailed(f"{what}: malformed JSON") from exc

    def _servers(self, tld: str) -> list[str]:
        data = self.cache.get("rdap-bootstrap", self.bootstrap_url)
        if data is Cache.MISSING:
            data = self._get(self.bootstrap_url, "RDAP bootstrap")
            if not isinstance(data, dict):
                raise LookupFailed("RDAP bootstrap: unusable file")
            self.cache.put("rdap-bootstrap", self.bootstrap_url, data)
        for service in data.get("services", []):
            if isinstance(service, list) and len(service) == 2 and tld in [str(t).lower() for t in service[0]]:
                return [str(u) for u in service[1]]
        return []

    def domain(self, domain: str) -> Registration | None:
        """Registration data; None when the registry has no such domain."""
        domain = to_ascii(domain.lower().rstrip("."))  # registries and the bootstrap speak xn--
        cached = self.cache.get("rdap", domain)
        if cached is not Cache.MISSING:
            return Registration(**cached) if cached else None
        servers = self._servers(domain.rpartition(".")[2])
        if not servers:
            raise LookupFailed(f"RDAP {domain}: no RDAP service for .{domain.rpartition('.')[2]}")
        base = next((s for s in servers if s.startswith("https://")), servers[0])
        data = self._get(base.rstrip("/") + "/domain/" + domain, f"RDAP {domain}")
        if data is None:
            self.cache.put("rdap", domain, None, 86400)
            return None
        if not isinstance(data, dict):
            raise LookupFailed(f"RDAP {domain}: malformed answer")
        reg = parse_domain(domain, data)
        self.cache.put("rdap", domain, reg.__dict__)
        return reg


def _vcard(entity: dict[str, Any], field: str) -> list[Any]:
    card = entity.get("vcardArray")
    if not (isinstance(card, list) and len(card) == 2 and isinstance(card[1], list)):
        return []
    return [item for item in card[1] if isinstance(item, list) and len(item) >= 4 and item[0] == field]


def _entities(data: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for entity in data.get("entities", []) or []:
        if isinstance(entity, dict):
            out.append(entity)
            out.extend(e for e in entity.get("entities", []) or [] if isinstance(e, dict))
    return out


def parse_domain(domain: str, data: dict[str, Any]) -> Registration:
    created = ""
    for event in data.get("events", []) or []:
        if isinstance(event, dict) and event.get("eventAction") == "registration":
            created = str(event.get("eventDate", ""))
    registrar = registrant_country = abuse = ""
    for entity in _entities(data):
        roles = entity.get("roles", []) or []
        if "registrar" in roles and not registrar:
            names = _vcard(entity, "fn")
            registrar = str(names[0][3]) if names else str(entity.get("handle", ""))
        if "registrant" in roles and not registrant_country:
            for adr in _vcard(entity, "adr"):
                params, value = adr[1], adr[3]
                cc = params.get("cc", "") if isinstance(params, dict) else ""
                if not cc and isinstance(value, list) and len(value) >= 7:
                    cc = value[6]
                registrant_country = str(cc)
        if "abuse" in roles and not abuse:
            emails = _vcard(entity, "email")
            abuse = str(emails[0][3]) if emails else ""
    return Registration(domain, created, registrar, registrant_country, abuse)
