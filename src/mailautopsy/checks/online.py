"""Findings from the online investigation (enrich/): what DNS, RDAP, GeoIP, feeds and a
visit to the link showed. Runs only when `analyze --online` / `--visit` asked for it."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..enrich.investigate import Enrichment
from ..i18n import intel_word
from ..model import Evidence, Finding
from ..parse.domains import registrable
from .base import Context
from .registry import rule

NEW_DOMAIN_DAYS = 30


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


@rule("ONLINE_SPF_FAIL", online=True)
def _spf(ctx: Context, e: Enrichment) -> list[Finding]:
    if e.spf is None or e.spf.result not in ("fail", "softfail"):
        return []
    return [
        ctx.finding(
            "ONLINE_SPF_FAIL",
            [
                Evidence("ip", e.spf.ip, "Received"),
                Evidence("text", f"spf={e.spf.result} ({e.spf.explanation})", "DNS"),
            ],
            1.0 if e.spf.result == "fail" else 0.5,
            domain=e.spf.domain,
            ip=e.spf.ip,
            result=e.spf.result,
        )
    ]


@rule("ONLINE_DKIM_INVALID", online=True)
def _dkim(ctx: Context, e: Enrichment) -> list[Finding]:
    for d in e.dkim:
        if d.result == "fail":
            return [
                ctx.finding(
                    "ONLINE_DKIM_INVALID",
                    [Evidence("header", f"d={d.domain}; s={d.selector}", "DKIM-Signature")],
                    1.0,
                    domain=d.domain,
                    selector=d.selector,
                    detail=d.detail,
                )
            ]
    return []


@rule("ONLINE_DMARC_FAIL", online=True)
def _dmarc(ctx: Context, e: Enrichment) -> list[Finding]:
    if e.dmarc is None or e.dmarc.result != "fail":
        return []
    return [
        ctx.finding(
            "ONLINE_DMARC_FAIL",
            [Evidence("text", e.dmarc.record, f"_dmarc.{e.dmarc.domain}")],
            1.0 if e.dmarc.policy in ("reject", "quarantine") else 0.6,
            domain=e.dmarc.domain,
            policy=e.dmarc.policy,
        )
    ]


@rule("ONLINE_DOMAIN_NEW", online=True)
def _new_domain(ctx: Context, e: Enrichment) -> list[Finding]:
    young = sorted(
        (
            i
            for i in e.domains
            if i.registration is not None and i.age_days is not None and i.age_days < NEW_DOMAIN_DAYS
        ),
        key=lambda i: i.age_days or 0,
    )
    if not young:
        return []
    first = young[0]
    age = max(first.age_days or 0, 0)
    return [
        ctx.finding(
            "ONLINE_DOMAIN_NEW",
            [
                Evidence("domain", i.domain, f"RDAP registration {i.registration.created}")
                for i in young
                if i.registration
            ],
            1.0 if age < 7 else 0.7,
            domain=first.domain,
            days=str(age),
            role=first.role,
        )
    ]


@rule("ONLINE_FEED_MATCH", online=True)
def _feeds(ctx: Context, e: Enrichment) -> list[Finding]:
    hits = e.feed_hits
    if not hits:
        return []
    return [
        ctx.finding(
            "ONLINE_FEED_MATCH",
            [Evidence("url", url, f"feed {feed}: {what}") for url, what, feed in hits[:10]],
            1.0,
            what=hits[0][1],
            feed=", ".join(sorted({feed for _, _, feed in hits})),
        )
    ]


@rule("ONLINE_HOSTING_FOREIGN", online=True)
def _hosting_foreign(ctx: Context, e: Enrichment) -> list[Finding]:
    claimed = ctx.impersonated.brand if ctx.impersonated else None
    if claimed is None or not claimed.country:
        return []
    for host in e.hosts:
        foreign = sorted({p.country for p in host.places if p.country and p.country != claimed.country})
        if foreign and not claimed.owns(host.host):
            return [
                ctx.finding(
                    "ONLINE_HOSTING_FOREIGN",
                    [Evidence("domain", host.host, f"GeoIP {', '.join(host.addresses[:2])}")],
                    0.6,
                    brand=claimed.name_en,
                    host=host.host,
                    country=", ".join(foreign),
                )
            ]
    return []


@rule("ONLINE_PAGE_UNREACHABLE", "ONLINE_PAGE_PASSWORD", "ONLINE_PAGE_BRAND", "ONLINE_REDIRECT_ELSEWHERE", online=True)
def _visits(ctx: Context, e: Enrichment) -> list[Finding]:
    """What each visited page showed, visit by visit."""
    claimed = ctx.impersonated.brand if ctx.impersonated else None
    out: list[Finding] = []
    kb = ctx.kb
    for v in e.visits:
        if not v.ok:
            if not v.error.startswith(("refused", "no browser")):
                out.append(
                    ctx.finding("ONLINE_PAGE_UNREACHABLE", [Evidence("url", v.requested, "visit")], 1.0, reason=v.error)
                )
            continue
        host = _host(v.final_url)
        owner = kb.brand_owning(host) if host else None
        if v.password_fields and owner is None:
            out.append(
                ctx.finding(
                    "ONLINE_PAGE_PASSWORD",
                    [Evidence("url", v.final_url, "visit"), Evidence("text", v.title or "(no title)", "page title")],
                    1.0 if claimed is not None else 0.8,
                    host=host,
                    fields=str(v.password_fields + v.card_fields),
                )
            )
        for brand_id in v.brands_on_page:
            brand = kb.brand(brand_id)
            if brand is not None and host and not brand.owns(host) and owner is None:
                out.append(
                    ctx.finding(
                        "ONLINE_PAGE_BRAND",
                        [Evidence("url", v.final_url, "visit"), Evidence("text", v.title or brand.name_en, "page")],
                        1.0,
                        brand=brand.name_en,
                        host=host,
                    )
                )
                break
        first = _host(v.url)
        if len(v.chain) > 1 and first and host and registrable(first) != registrable(host):
            out.append(
                ctx.finding(
                    "ONLINE_REDIRECT_ELSEWHERE",
                    [Evidence("url", u, "redirect chain") for u in v.chain[:5]],
                    1.0,
                    shown=first,
                    final=host,
                )
            )
    return out


# --- the lookups analysts pay for (enrich/intel.py) ---------------------------------------------

VT_MIN_ENGINES = 2
"""VirusTotal engines that must call an indicator malicious before it is a finding: one engine
alone is too often a false positive of that engine (docs/online.md)."""
VT_MANY_ENGINES = 5
_KIND_EVIDENCE = {"url": "url", "domain": "domain", "sha256": "hash", "ip": "ip"}
_LEVEL_CONFIDENCE = {"high": 1.0, "medium": 0.85}


@rule("ONLINE_VT_FLAGGED", online=True)
def _virustotal(ctx: Context, e: Enrichment) -> list[Finding]:
    """Engines on VirusTotal call a link, domain, IP or attachment malicious."""
    flagged = sorted(
        (h for h in e.intel if h.provider == "VirusTotal" and h.malicious >= VT_MIN_ENGINES),
        key=lambda h: -h.malicious,
    )
    if not flagged:
        return []
    top = flagged[0]
    evidence = [
        Evidence(_KIND_EVIDENCE.get(h.kind, "text"), h.indicator, f"VirusTotal: {h.malicious} of {h.engines} engines")
        for h in flagged[:10]
    ]
    return [
        ctx.finding(
            "ONLINE_VT_FLAGGED",
            evidence,
            1.0 if top.malicious >= VT_MANY_ENGINES else 0.7,
            flagged=str(top.malicious),
            engines=str(top.engines),
            what=intel_word("en", top.kind),
            what_ja=intel_word("ja", top.kind),
            indicator=top.indicator,
        )
    ]


@rule("ONLINE_URLSCAN_MALICIOUS", online=True)
def _urlscan(ctx: Context, e: Enrichment) -> list[Finding]:
    """urlscan.io's newest scan of the link (or, lacking one, of its host) was judged malicious."""
    bad = sorted(
        (h for h in e.intel if h.provider == "urlscan.io" and h.verdict == "malicious"), key=lambda h: h.kind != "url"
    )
    if not bad:
        return []
    top = bad[0]
    evidence = [Evidence("url", h.indicator, f"urlscan.io scan of {h.date[:10] or '?'}: malicious") for h in bad[:10]]
    return [
        ctx.finding(
            "ONLINE_URLSCAN_MALICIOUS",
            evidence,
            1.0 if top.kind == "url" else 0.7,
            date=top.date[:10] or "?",
            brands=", ".join(top.brands) or "-",
            indicator=top.indicator,
        )
    ]


@rule("ONLINE_MISP_MATCH", online=True)
def _misp(ctx: Context, e: Enrichment) -> list[Finding]:
    """An indicator of the mail is an IDS attribute of an event in the user's MISP instance."""
    matches = sorted(
        (h for h in e.intel if h.provider == "MISP" and h.to_ids),
        key=lambda h: (-_LEVEL_CONFIDENCE.get(h.threat_level, 0.7), -h.sightings),
    )
    if not matches:
        return []
    top = matches[0]
    evidence = [
        Evidence(_KIND_EVIDENCE.get(h.kind, "text"), h.indicator, f"MISP event #{h.event_id}: {h.event_info}"[:200])
        for h in matches[:10]
    ]
    return [
        ctx.finding(
            "ONLINE_MISP_MATCH",
            evidence,
            _LEVEL_CONFIDENCE.get(top.threat_level, 0.7),
            event=top.event_id,
            info=top.event_info,
            level=top.threat_level or "undefined",
            level_ja=intel_word("ja", top.threat_level or "undefined"),
            sightings=str(top.sightings),
            indicator=top.indicator,
        )
    ]
