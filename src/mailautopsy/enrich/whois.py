"""WHOIS (port 43) when a TLD has no RDAP service — .jp among them, where the seed's author
looked domains up by hand. IANA's WHOIS names the registry's server ("refer:"); the answer is
free text, read for the creation date, registrar, registrant country and abuse contact in the
formats registries use (ICANN's gTLD format, JPRS's bracketed Japanese/English labels, ...)."""

from __future__ import annotations

import re
import socket
from datetime import datetime

from ..parse.domains import to_ascii
from .budget import Budget, LookupFailed
from .cache import Cache
from .dns import parse_resolver
from .rdap import Registration

IANA_WHOIS = "whois.iana.org"
MAX_BYTES = 200_000
_REFER = re.compile(r"(?im)^\s*(?:refer|whois):\s*(\S+)")
_CREATED = re.compile(
    r"(?im)^\s*(?:creation date|created(?: on| date)?|registered(?: on| date)?|registration (?:date|time)|"
    r"domain record activated|\[登録年月日\]|\[created on\]|\[registered date\])\s*[:.]?\s*(\S.*?)\s*$"
)
_REGISTRAR = re.compile(r"(?im)^\s*(?:registrar|sponsoring registrar|registrar name)\s*:\s*(\S.*?)\s*$")
_COUNTRY = re.compile(r"(?im)^\s*registrant country(?: code)?\s*:\s*(\S+)")
_ABUSE = re.compile(r"(?im)^\s*registrar abuse contact email\s*:\s*(\S+)")
_NOT_FOUND = re.compile(r"(?i)no match|not found|no data found|no entries found|status:\s*free|^%% no such")


def parse_date(text: str) -> str:
    """ISO 8601 of the dates registries write: 2025-04-19T10:00:00Z, 2025/04/19, 19-Apr-2025, 2025.04.19."""
    text = text.strip().split(" (")[0]
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    for fmt in ("%Y/%m/%d", "%Y.%m.%d", "%d-%b-%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S (JST)"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    head = re.match(r"(\d{4})[-/.](\d{2})[-/.](\d{2})", text)
    return f"{head.group(1)}-{head.group(2)}-{head.group(3)}" if head else ""


def parse_whois(domain: str, text: str) -> Registration | None:
    if _NOT_FOUND.search(text[:2000]) and not _CREATED.search(text):
        return None
    created = _CREATED.search(text)
    registrar = _REGISTRAR.search(text)
    country = _COUNTRY.search(text)
    abuse = _ABUSE.search(text)
    return Registration(
        domain,
        parse_date(created.group(1)) if created else "",
        registrar.group(1) if registrar else "",
        country.group(1).upper() if country else "",
        abuse.group(1) if abuse else "",
    )


class WhoisProvider:
    def __init__(self, cache: Cache, budget: Budget, server: str | None = None, timeout: float = 5.0) -> None:
        self.cache = cache
        self.budget = budget
        self.server = server
        """HOST[:PORT] asked for every domain (a lab's or the tests' server); None: IANA's referral."""
        self.timeout = timeout

    def _query(self, host: str, port: int, query: str) -> str:
        timeout = self.budget.allow(self.timeout, f"WHOIS {query}")
        try:
            with socket.create_connection((host, port), timeout=timeout) as sock:
                sock.sendall(query.encode("ascii", "replace") + b"\r\n")
                chunks: list[bytes] = []
                size = 0
                while size <= MAX_BYTES:
                    data = sock.recv(65536)
                    if not data:
                        break
                    chunks.append(data)
                    size += len(data)
        except TimeoutError as exc:
            raise LookupFailed(f"WHOIS {query}: timeout after {timeout:.0f} s") from exc
        except OSError as exc:
            raise LookupFailed(f"WHOIS {query}: {exc.strerror or exc}") from exc
        raw = b"".join(chunks)
        for codec in ("utf-8", "iso-2022-jp", "euc-jp", "shift_jis"):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                continue
        return raw.decode("latin-1")

    def domain(self, domain: str) -> Registration | None:
        domain = to_ascii(domain.lower().rstrip("."))
        cached = self.cache.get("whois", domain)
        if cached is not Cache.MISSING:
            return Registration(**cached) if cached else None
        if self.server:
            host, port = parse_resolver(self.server)
        else:
            referral = _REFER.search(self._query(IANA_WHOIS, 43, domain.rpartition(".")[2]))
            if referral is None:
                raise LookupFailed(f"WHOIS {domain}: IANA names no WHOIS server for .{domain.rpartition('.')[2]}")
            host, port = referral.group(1), 43
        # JPRS answers in Japanese unless asked with /e; its labels are read either way.
        query = f"{domain}/e" if host.endswith("jprs.jp") else domain
        reg = parse_whois(domain, self._query(host, port, query))
        self.cache.put("whois", domain, reg.__dict__ if reg else None)
        return reg
