"""DNS lookups (dnspython) through one resolver: the system's, or `--resolver HOST[:PORT]`.

Every answer is cached (kind `dns`); NXDOMAIN and empty answers are answers (cached as empty),
timeouts and server failures raise `LookupFailed` and are not cached. A resolver that lets a query
time out before it has answered any is dead for the rest of the run (`ServerHealth`): later
lookups are skipped at once instead of each waiting for its own timeout.
"""

from __future__ import annotations

import dns.exception
import dns.resolver
import dns.reversename

from .budget import Budget, LookupFailed, ServerHealth
from .cache import Cache


def parse_resolver(spec: str) -> tuple[str, int]:
    """'127.0.0.1', '127.0.0.1:5353', '[::1]:53' → (host, port)."""
    spec = spec.strip()
    if spec.startswith("["):
        host, _, rest = spec[1:].partition("]")
        return host, int(rest.lstrip(":") or 53)
    if spec.count(":") == 1:
        host, _, port = spec.partition(":")
        return host, int(port)
    return spec, 53


class DnsProvider:
    def __init__(
        self,
        cache: Cache,
        budget: Budget,
        resolver: str | None = None,
        timeout: float = 3.0,
        health: ServerHealth | None = None,
    ) -> None:
        self.cache = cache
        self.budget = budget
        self.timeout = timeout
        self.health = health or ServerHealth()
        if resolver:
            host, port = parse_resolver(resolver)
            self._resolver = dns.resolver.Resolver(configure=False)
            self._resolver.nameservers = [host]
            self._resolver.port = port
            self.server = f"{host}:{port}"
        else:
            self._resolver = dns.resolver.Resolver()
            self.server = ", ".join(str(n) for n in self._resolver.nameservers) or "system resolver"
        self.queries = 0

    def query(self, name: str, rdtype: str) -> list[str]:
        name = name.rstrip(".").lower()
        key = f"{rdtype} {name}"
        cached = self.cache.get("dns", key)
        if cached is not Cache.MISSING:
            return list(cached)
        if self.health.is_dead(self.server):
            raise LookupFailed(f"DNS {rdtype} {name}: resolver {self.server} not answering, skipped")
        lifetime = self.budget.allow(self.timeout, f"DNS {rdtype} {name}")
        self.queries += 1
        try:
            answer = self._resolver.resolve(name, rdtype, lifetime=lifetime, raise_on_no_answer=False)
        except dns.resolver.NXDOMAIN:
            self.health.answered(self.server)
            values: list[str] = []
        except dns.exception.Timeout as exc:
            self.health.timed_out(self.server)
            raise LookupFailed(f"DNS {rdtype} {name}: timeout after {lifetime:.0f} s") from exc
        except dns.resolver.NoNameservers as exc:  # the resolver answered SERVFAIL or REFUSED
            self.health.answered(self.server)
            raise LookupFailed(f"DNS {rdtype} {name}: server failure (SERVFAIL)") from exc
        except (dns.resolver.YXDOMAIN, dns.exception.DNSException) as exc:
            raise LookupFailed(f"DNS {rdtype} {name}: {type(exc).__name__}") from exc
        else:
            self.health.answered(self.server)
            values = [_text(rdtype, r) for r in answer]
            ttl = min(max(answer.rrset.ttl, 60), 86400) if answer.rrset is not None else 300
            self.cache.put("dns", key, values, ttl)
            return values
        self.cache.put("dns", key, values, 300)
        return values

    def addresses(self, name: str) -> list[str]:
        return self.query(name, "A") + self.query(name, "AAAA")

    def mx(self, name: str) -> list[str]:
        """Exchanges by preference."""
        pairs = [v.split(" ", 1) for v in self.query(name, "MX")]
        return [host for _, host in sorted(pairs, key=lambda p: int(p[0]) if p[0].isdigit() else 99)]

    def txt(self, name: str) -> list[str]:
        return self.query(name, "TXT")

    def ptr(self, ip: str) -> list[str]:
        return self.query(dns.reversename.from_address(ip).to_text(), "PTR")


def _text(rdtype: str, rdata: object) -> str:
    if rdtype == "TXT":
        return b"".join(rdata.strings).decode("utf-8", "replace")  # type: ignore[attr-defined]
    if rdtype == "MX":
        return f"{rdata.preference} {rdata.exchange.to_text(omit_final_dot=True)}"  # type: ignore[attr-defined]
    if rdtype in ("PTR", "CNAME", "NS"):
        return str(rdata.target.to_text(omit_final_dot=True))  # type: ignore[attr-defined]
    return str(rdata.to_text())  # type: ignore[attr-defined]
