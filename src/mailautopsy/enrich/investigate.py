"""The online investigation of one message (`analyze --online`, `--visit`): what the seed's
author looked up by hand, done through the providers of this package.

- the sender domain's A/MX addresses beside the IP that handed the mail over, and SPF of
  the sender's domain for that IP (does the domain allow that IP to send for it?);
- DKIM signatures verified with the keys in DNS, the ARC chain, DMARC policy and alignment;
- who registered the sender's and the links' domains, and when (RDAP);
- where the IPs are (offline GeoIP) and their reverse DNS;
- the links against the threat feeds the user gave;
- with the user's own keys, VirusTotal, urlscan.io and a MISP instance on the links, domains,
  IPs and attachment hashes (intel.py);
- with `--visit`, the links opened in a sandboxed browser.

Every lookup that fails is recorded in `skipped` as 'what: reason'; it never stops the others.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..knowledge import Knowledge
from ..model import Hop, Message
from ..parse.domains import ip_class, is_ip, registrable
from ..parse.received import first_external_hop
from ..urls import unwrap
from .authcheck import DkimCheck, DmarcCheck, SpfCheck, check_arc, check_dkim, check_dmarc, check_spf
from .budget import Budget, LookupFailed, ServerHealth
from .cache import Cache, default_path
from .dns import DnsProvider
from .feeds import load_feeds
from .geoip import Place, locate
from .intel import Http, IntelHit, IntelProvider, IntelSettings, Secret
from .misp import Misp
from .rdap import IANA_DNS_BOOTSTRAP, RdapProvider, Registration
from .urlscan import UrlScan
from .virustotal import VirusTotal
from .whois import WhoisProvider

if TYPE_CHECKING:
    from .visit import VisitResult


@dataclass(frozen=True)
class OnlineOptions:
    resolver: str | None = None
    """DNS server HOST[:PORT]; None: the system's resolver."""
    timeout: float = 5.0
    """Seconds one lookup may take."""
    budget: float = 60.0
    """Seconds all lookups of one message may take together (visits have their own timeout)."""
    cache_path: Path | None = field(default_factory=default_path)
    """SQLite cache file; None keeps the cache in memory for this run only."""
    rdap_bootstrap: str = IANA_DNS_BOOTSTRAP
    whois_server: str | None = None
    """WHOIS server HOST[:PORT] for TLDs without RDAP; None: the one IANA names."""
    feeds: tuple[Path, ...] = ()
    geoip_databases: tuple[Path, ...] = ()
    """MaxMind/DB-IP .mmdb files (City or Country, and ASN); empty: geoip2fast's bundled data."""
    max_domains: int = 5
    visit: bool = False
    visit_timeout: float = 15.0
    max_visits: int = 3
    allow_private: bool = False
    """Allow visiting private and loopback addresses (tests; a lab)."""
    browser: str = "/usr/bin/chromium"
    health: ServerHealth = field(default_factory=ServerHealth, compare=False, repr=False)
    intel: IntelSettings = field(default_factory=IntelSettings)
    """Keys and addresses of VirusTotal, urlscan.io and MISP; a provider without a key is not asked."""
    """Servers found dead so far in this run (shared by every message these options analyse)."""


@dataclass(frozen=True)
class DomainInfo:
    domain: str
    role: str  # "sender" or "link"
    registration: Registration | None
    age_days: int | None
    """Days between registration and the mail's date (or now)."""


@dataclass(frozen=True)
class HostInfo:
    host: str
    addresses: tuple[str, ...]
    places: tuple[Place, ...]


@dataclass
class Enrichment:
    sender_domain: str = ""
    sender_addresses: list[str] = field(default_factory=list)
    sender_mx: list[str] = field(default_factory=list)
    connecting_ip: str = ""
    """The IP that handed the mail to the receiving side: what SPF is evaluated for."""
    origin: Place | None = None
    """The earliest public IP on record (the seed author's 'originating IP')."""
    origin_ptr: list[str] = field(default_factory=list)
    """Reverse DNS of the originating IP."""
    spf: SpfCheck | None = None
    dkim: list[DkimCheck] = field(default_factory=list)
    arc: str = "none"
    dmarc: DmarcCheck | None = None
    domains: list[DomainInfo] = field(default_factory=list)
    hosts: list[HostInfo] = field(default_factory=list)
    feed_hits: list[tuple[str, str, str]] = field(default_factory=list)
    """(url as in the mail, what matched, feed file)."""
    visits: list[VisitResult] = field(default_factory=list)
    intel: list[IntelHit] = field(default_factory=list)
    """What VirusTotal, urlscan.io and MISP said of the mail's indicators (only those with a key)."""
    skipped: list[str] = field(default_factory=list)
    dns_queries: int = 0
    cache_hits: int = 0
    seconds: float = 0.0


_CLIENT_IP = re.compile(r"client-ip=\[?([0-9A-Fa-f:.]+)\]?")
_HELO = re.compile(r"helo=\[?([^;\s\]]+)")


def receiver_client(msg: Message) -> tuple[str, str] | None:
    """(IP, HELO) the receiving server itself recorded in its Received-SPF header, the topmost
    one: the IP that connected to it, which no sender-written line can change."""
    for value in msg.header_all("Received-SPF")[:1]:
        ip = _CLIENT_IP.search(value)
        if ip and ip_class(ip.group(1)) == "public":
            helo = _HELO.search(value)
            return ip.group(1), helo.group(1) if helo else ""
    return None


def connecting_hop(hops: tuple[Hop, ...]) -> Hop | None:
    """Where the mail crossed into the receiving side, when no Received-SPF says so: walking
    down from the top, a hop inside one organisation (private client, or client and server of
    the same domain) is passed only when the line below was received by that organisation too;
    the first hop from outside is the crossing. Lines below it were written by the sender."""
    for index, hop in enumerate(hops):
        public = bool(hop.from_ip) and hop.ip_class == "public"
        server = registrable(hop.by_host or "")
        client = registrable(hop.from_rdns or hop.from_name or "")
        if public and (not client or not server or client != server):
            return hop
        below = hops[index + 1] if index + 1 < len(hops) else None
        if below is None or not server or registrable(below.by_host or "") != server:
            return hop if public else None
    return None


class _Investigation:
    def __init__(self, raw: bytes, msg: Message, kb: Knowledge, opts: OnlineOptions) -> None:
        self.raw = raw
        self.msg = msg
        self.kb = kb
        self.opts = opts
        self.cache = Cache(opts.cache_path)
        self.budget = Budget(opts.budget)
        self.dns = DnsProvider(self.cache, self.budget, opts.resolver, opts.timeout, opts.health)
        self.rdap = RdapProvider(self.cache, self.budget, opts.rdap_bootstrap, opts.timeout)
        self.whois = WhoisProvider(self.cache, self.budget, opts.whois_server, opts.timeout)
        self.out = Enrichment()
        self.when = msg.date if msg.date and msg.date.tzinfo else datetime.now(UTC)

    def attempt(self, step: str, fn: Callable[[], object]) -> bool:
        """Run one step; a failure is recorded (any key it might carry masked), never raised."""
        redact = self.opts.intel.redact
        try:
            fn()
            return True
        except LookupFailed as exc:
            self.out.skipped.append(redact(str(exc)))
        except Exception as exc:  # a provider's bug must not lose the other lookups
            self.out.skipped.append(redact(f"{step}: {type(exc).__name__}: {exc}")[:300])
        return False

    def benign(self, host: str) -> bool:
        return bool(
            self.kb.brand_owning(host) is not None
            or self.kb.is_trusted(host)
            or self.kb.is_public_sector(host)
            or self.kb.is_shortener(host)
        )

    # steps
    def sender(self) -> None:
        addr = self.msg.from_[0] if self.msg.from_ else None
        if addr is None or not addr.domain:
            return
        self.out.sender_domain = addr.domain
        self.out.sender_addresses = self.dns.addresses(addr.domain)
        self.out.sender_mx = self.dns.mx(addr.domain)

    def route(self) -> None:
        origin = first_external_hop(self.msg.hops)
        if origin is not None:
            self.out.origin = locate(origin.from_ip, self.opts.geoip_databases)
            self.attempt("PTR", lambda: self.out.origin_ptr.extend(self.dns.ptr(origin.from_ip)))
        found = receiver_client(self.msg)
        if found is None:
            hop = connecting_hop(self.msg.hops)
            found = (hop.from_ip, hop.from_name) if hop is not None else None
        if found is None:
            self.out.skipped.append("SPF: no public IP is recorded handing the mail over")
            return
        ip, helo = found
        self.out.connecting_ip = ip
        envelope = self.msg.return_path[0].address if self.msg.return_path else ""
        sender = envelope or (self.msg.from_[0].address if self.msg.from_ else "")
        if "@" in sender:
            self.out.spf = check_spf(self.dns, ip, sender, helo)

    def signatures(self) -> None:
        self.out.dkim = check_dkim(self.dns, self.raw)
        self.out.arc = check_arc(self.dns, self.raw)
        if self.msg.from_ and self.msg.from_[0].domain:
            self.out.dmarc = check_dmarc(self.dns, self.msg.from_[0].domain, self.out.spf, self.out.dkim)

    def link_targets(self) -> list[tuple[str, str]]:
        """(url in the mail, final url) of http(s) links, redirect wrappers unwrapped."""
        out: list[tuple[str, str]] = []
        for link in self.msg.links:
            final, _ = unwrap(link, self.kb)
            if final.scheme in ("http", "https") and (final.host_ascii or final.host):
                out.append((link.url, final.url))
        return out

    def wanted_domains(self) -> list[tuple[str, str]]:
        """(registrable domain, role) of the sender and the links, benign ones left out."""
        wanted: list[tuple[str, str]] = []
        addr = self.msg.from_[0] if self.msg.from_ else None
        if addr and addr.registrable and not self.kb.is_freemail(addr.domain) and not self.benign(addr.domain):
            wanted.append((addr.registrable, "sender"))
        for link in self.msg.links:
            final, _ = unwrap(link, self.kb)
            host = final.host_ascii or final.host
            reg = final.registrable
            if reg and not final.is_ip and not self.benign(host) and not self.kb.free_host(host, "/"):
                wanted.append((reg, "link"))
        return wanted

    def domains(self) -> None:
        seen: set[str] = set()
        for domain, role in self.wanted_domains():
            if domain in seen or len(seen) >= self.opts.max_domains:
                continue
            seen.add(domain)
            self.attempt(f"RDAP {domain}", partial(self._register, domain, role))

    def _register(self, domain: str, role: str) -> None:
        try:
            reg = self.rdap.domain(domain)
        except LookupFailed as exc:
            if "no RDAP service" not in str(exc):
                raise
            reg = self.whois.domain(domain)  # .jp and other TLDs without RDAP
        age = None
        if reg is not None and reg.created_at is not None:
            created = reg.created_at if reg.created_at.tzinfo else reg.created_at.replace(tzinfo=UTC)
            age = (self.when - created).days
        self.out.domains.append(DomainInfo(domain, role, reg, age))

    def hosts(self) -> None:
        seen: list[str] = []
        for _, final_url in self.link_targets():
            host = (urlsplit(final_url).hostname or "").lower()
            if host and host not in seen and not self.benign(host):
                seen.append(host)
        for host in seen[: self.opts.max_domains]:
            self.attempt(f"DNS {host}", partial(self._host, host))

    def _host(self, host: str) -> None:
        addresses = [host] if is_ip(host) else self.dns.addresses(host)
        self.out.hosts.append(
            HostInfo(host, tuple(addresses), tuple(locate(a, self.opts.geoip_databases) for a in addresses[:4]))
        )

    def feeds(self) -> None:
        if not self.opts.feeds:
            return
        feeds = load_feeds(self.opts.feeds)
        for url, final in self.link_targets():
            hit = feeds.match_url(final) or (feeds.match_url(url) if url != final else None)
            if hit is not None:
                self.out.feed_hits.append((url, hit[0], hit[1]))
        for host in self.out.hosts:
            for ip in host.addresses:
                source = feeds.match_ip(ip)
                if source:
                    self.out.feed_hits.append((host.host, ip, source))

    def indicators(self) -> list[tuple[str, str]]:
        """(kind, value) the paid lookups are asked about, at most `max_lookups` of each kind.
        Links leave the machine stripped of the recipient's address and of trackers."""
        from .visit import strip_url

        most = self.opts.intel.max_lookups
        recipients = self.msg.recipient_addresses(received=True)
        urls = [
            strip_url(final, recipients)
            for _, final in self.link_targets()
            if not self.benign((urlsplit(final).hostname or "").lower())
        ]
        ips = [self.out.connecting_ip] + [a for h in self.out.hosts for a in h.addresses]
        kinds = {
            "url": urls,
            "domain": [domain for domain, _ in self.wanted_domains()],
            "sha256": [att.sha256 for att in self.msg.all_attachments() if att.sha256],
            "ip": [ip for ip in ips if ip and ip_class(ip) == "public"],
        }
        return [(kind, v) for kind, values in kinds.items() for v in list(dict.fromkeys(values))[:most]]

    def intel(self) -> None:
        s = self.opts.intel
        if not s.any:
            return
        found = self.indicators()

        def http(name: str, key: Secret) -> Http:
            return Http(name, self.budget, self.opts.timeout, self.opts.health, key)

        if s.virustotal_key:
            self._each(VirusTotal(s, self.cache, http(VirusTotal.name, s.virustotal_key)), found)
        if s.urlscan_key:
            self._each(UrlScan(s, self.cache, http(UrlScan.name, s.urlscan_key)), found)
        if s.misp_key and s.misp_url:
            misp = Misp(s, self.cache, http(Misp.name, s.misp_key))
            self.attempt("MISP", lambda: self.out.intel.extend(misp.search(found)))

    def _each(self, provider: IntelProvider, found: list[tuple[str, str]]) -> None:
        """Ask one provider about each indicator it knows, until it refuses or rests."""
        for kind, value in found:
            if kind not in provider.kinds:
                continue
            asked = self.attempt(provider.name, partial(self._ask, provider, kind, value))
            if not asked and provider.http.stopped():
                break

    def _ask(self, provider: IntelProvider, kind: str, value: str) -> None:
        self.out.intel.append(provider.lookup(kind, value))

    def visits(self) -> None:
        from .visit import visit  # Playwright is loaded only when a visit is asked for

        done: set[str] = set()
        recipients = self.msg.recipient_addresses(received=True)
        for _url, final in self.link_targets():
            host = (urlsplit(final).hostname or "").lower()
            if final in done or self.benign(host):
                continue
            if len(done) >= self.opts.max_visits:
                break
            done.add(final)
            self.out.visits.append(
                visit(
                    final,
                    kb=self.kb,
                    recipients=recipients,
                    timeout=self.opts.visit_timeout,
                    allow_private=self.opts.allow_private,
                    browser_path=self.opts.browser,
                )
            )

    def run(self) -> Enrichment:
        started = time.monotonic()
        for step, fn in (
            ("sender", self.sender),
            ("route", self.route),
            ("signatures", self.signatures),
            ("domains", self.domains),
            ("hosts", self.hosts),
            ("feeds", self.feeds),
            ("intel", self.intel),
        ):
            self.attempt(step, fn)
        if self.opts.visit:
            self.attempt("visit", self.visits)
        self.out.dns_queries = self.dns.queries
        self.out.cache_hits = self.cache.hits
        self.out.seconds = round(time.monotonic() - started, 3)
        self.cache.close()
        return self.out


def investigate(raw: bytes, msg: Message, kb: Knowledge, options: OnlineOptions) -> Enrichment:
    return _Investigation(raw, msg, kb, options).run()
