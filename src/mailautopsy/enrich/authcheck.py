"""SPF, DKIM, ARC and DMARC evaluated now, from DNS, for this message.

These are the message's results as we can compute them today, kept apart from what the
domain publishes (its DMARC policy) and from what the receiving server recorded at delivery
(Authentication-Results, parsed offline). pyspf and dkimpy do the evaluation; their DNS
goes through our resolver, cache and time budget.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import dkim
import spf

from ..parse.domains import registrable
from .budget import LookupFailed
from .dns import DnsProvider

_SPF_LOCK = threading.Lock()  # pyspf looks its DNS function up as a module global


@dataclass(frozen=True)
class SpfCheck:
    domain: str
    ip: str
    result: str  # pass fail softfail neutral none permerror temperror
    explanation: str


@dataclass(frozen=True)
class DkimCheck:
    domain: str
    selector: str
    result: str  # pass fail permerror temperror (RFC 8601)
    detail: str = ""


@dataclass(frozen=True)
class DmarcCheck:
    domain: str
    record: str
    policy: str  # none quarantine reject, or "" without a record
    result: str  # pass fail none temperror (RFC 7489: an unaligned pass is missing because a lookup failed)
    spf_aligned: bool
    dkim_aligned: bool


def _spf_dns(dnsp: DnsProvider) -> Callable[..., list[Any]]:
    def lookup(name: str, qtype: str, tcpfallback: bool = True, timeout: float = 20) -> list[Any]:
        try:
            if qtype in ("A", "AAAA", "PTR"):
                return [((name, qtype), v) for v in dnsp.query(name, qtype)]
            if qtype == "MX":
                pairs = (v.split(" ", 1) for v in dnsp.query(name, "MX"))
                return [((name, "MX"), (int(p), h)) for p, h in pairs]
            if qtype in ("TXT", "SPF"):
                return [((name, qtype), (v.encode(),)) for v in dnsp.query(name, "TXT")]
        except LookupFailed as exc:
            raise spf.TempError(str(exc)) from exc
        return []

    return lookup


def check_spf(dnsp: DnsProvider, ip: str, sender: str, helo: str) -> SpfCheck:
    """Does the domain of `sender` (envelope sender, or From) allow `ip` to send for it?"""
    domain = sender.rpartition("@")[2].lower()
    with _SPF_LOCK:
        saved = spf.DNSLookup
        spf.DNSLookup = _spf_dns(dnsp)
        try:
            result, _code, explanation = spf.query(i=ip, s=sender, h=helo or domain, querytime=20).check()
        except Exception as exc:  # pyspf's own failures are a temperror of this check only
            result, explanation = "temperror", f"{type(exc).__name__}: {exc}"
        finally:
            spf.DNSLookup = saved
    return SpfCheck(domain, ip, str(result), str(explanation))


def _dkim_dns(dnsp: DnsProvider) -> Callable[..., bytes | None]:
    def get_txt(name: bytes | str, timeout: float = 5) -> bytes | None:
        text = name.decode() if isinstance(name, bytes) else name
        records = dnsp.txt(text)
        return records[0].encode() if records else None

    return get_txt


def _dkim_key(dnsp: DnsProvider, domain: str, selector: str) -> tuple[str, str]:
    """('', '') when the signature's key is published and usable, else (result, why): no key,
    a key that cannot be read, or a lookup that failed is never a signature that verified false."""
    if not domain or not selector:
        return "permerror", "signature without d= or s="
    name = f"{selector}._domainkey.{domain}"
    try:
        record = dnsp.txt(name)
    except LookupFailed as exc:
        return "temperror", str(exc)
    if not record:
        return "permerror", f"no key published at {name}"
    try:
        dkim.evaluate_pk(name.encode(), record[0].encode())
    except Exception as exc:  # KeyFormatError, and whatever a malformed record makes dkimpy raise
        return "permerror", f"unusable key at {name}: {type(exc).__name__}"[:200]
    return "", ""


def check_dkim(dnsp: DnsProvider, raw: bytes, max_signatures: int = 5) -> list[DkimCheck]:
    """RFC 8601 results: `fail` only for a signature checked against its published key that does
    not verify (body altered, headers altered, or forged); a missing or unreadable key and a
    malformed signature are `permerror`, a failed lookup (NXDOMAIN aside) `temperror`."""
    try:
        message = dkim.DKIM(raw)
    except Exception as exc:
        return [DkimCheck("", "", "temperror", f"unreadable message: {type(exc).__name__}")]
    signatures = [v for k, v in message.headers if k.lower() == b"dkim-signature"][:max_signatures]
    out = []
    for index, value in enumerate(signatures):
        try:
            tags = dkim.util.parse_tag_value(b"".join(value.split()))
            domain = tags.get(b"d", b"").decode("ascii", "replace").lower()
            selector = tags.get(b"s", b"").decode("ascii", "replace")
        except Exception:
            out.append(DkimCheck("", "", "permerror", "unreadable signature"))
            continue
        result, why = _dkim_key(dnsp, domain, selector)
        if result:
            out.append(DkimCheck(domain, selector, result, why))
            continue
        try:
            ok = message.verify(idx=index, dnsfunc=_dkim_dns(dnsp))
            out.append(DkimCheck(domain, selector, "pass" if ok else "fail", "" if ok else "signature does not verify"))
        except LookupFailed as exc:
            out.append(DkimCheck(domain, selector, "temperror", str(exc)))
        except dkim.ValidationError as exc:
            # a body hash that differs is the message altered; other validation errors are a
            # signature that cannot be checked (missing tags, expired, bad base64)
            altered = "body hash mismatch" in str(exc)
            out.append(DkimCheck(domain, selector, "fail" if altered else "permerror", f"{exc}"[:200]))
        except Exception as exc:  # dkimpy raises for malformed signatures
            out.append(DkimCheck(domain, selector, "permerror", f"{type(exc).__name__}: {exc}"[:200]))
    return out


def check_arc(dnsp: DnsProvider, raw: bytes) -> str:
    """ARC chain validation: pass, fail or none (no ARC headers)."""
    if b"arc-seal:" not in raw[:200_000].lower():
        return "none"
    try:
        cv, results, _comment = dkim.arc_verify(raw, dnsfunc=_dkim_dns(dnsp))
    except LookupFailed:
        return "temperror"
    except Exception:
        return "permerror"
    verdict = cv.decode() if isinstance(cv, bytes) else str(cv)
    if verdict == "fail":
        # dkimpy reports a seal whose key is missing or unreadable as a failed chain: check the
        # keys ourselves, so that only a seal that verifies false is a failure
        for item in results or []:
            domain = item.get("as-domain", b"")
            selector = item.get("as-selector", b"")
            d = domain.decode("ascii", "replace") if isinstance(domain, bytes) else str(domain)
            s = selector.decode("ascii", "replace") if isinstance(selector, bytes) else str(selector)
            key_result, _ = _dkim_key(dnsp, d.lower(), s)
            if key_result:
                return key_result
    return verdict


def _tags(record: str) -> dict[str, str]:
    out = {}
    for part in record.split(";"):
        key, _, value = part.partition("=")
        if key.strip():
            out[key.strip().lower()] = value.strip()
    return out


def _aligned(a: str, b: str, mode: str) -> bool:
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    return a == b if mode == "s" else bool(a) and registrable(a) == registrable(b)


def check_dmarc(dnsp: DnsProvider, from_domain: str, spf_check: SpfCheck | None, dkims: list[DkimCheck]) -> DmarcCheck:
    from_domain = from_domain.lower()
    org = registrable(from_domain) or from_domain
    record, used_org = "", False
    for name, is_org in ((from_domain, False), (org, True)):
        found = [t for t in dnsp.txt(f"_dmarc.{name}") if t.lower().startswith("v=dmarc1")]
        if found:
            record, used_org = found[0], is_org and name != from_domain
            break
        if name == org:
            break
    if not record:
        return DmarcCheck(from_domain, "", "", "none", False, False)
    tags = _tags(record)
    policy = tags.get("sp", tags.get("p", "none")) if used_org else tags.get("p", "none")
    spf_ok = bool(
        spf_check and spf_check.result == "pass" and _aligned(spf_check.domain, from_domain, tags.get("aspf", "r"))
    )
    dkim_ok = any(d.result == "pass" and _aligned(d.domain, from_domain, tags.get("adkim", "r")) for d in dkims)
    undecided = (spf_check is not None and spf_check.result == "temperror") or any(
        d.result == "temperror" and _aligned(d.domain, from_domain, tags.get("adkim", "r")) for d in dkims
    )
    result = "pass" if spf_ok or dkim_ok else "temperror" if undecided else "fail"
    return DmarcCheck(from_domain, record, policy.lower(), result, spf_ok, dkim_ok)
