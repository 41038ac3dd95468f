"""The online investigation's facts as (sentence key, values) pairs, laid side by side as the
seed's author does: the sender domain's addresses beside the originating IP, SPF for that IP,
who registered the links' domains, where their servers are, what a visit showed. The terminal
and the reports turn them into sentences with the `ui` catalogue; values are defanged here."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..i18n import IP_CLASS_JA, auth_result, country_name, dmarc_policy, intel_word, skipped_reason, visit_error
from .defang import defang_all, defang_text

if TYPE_CHECKING:
    from ..enrich.intel import IntelHit
    from ..enrich.investigate import Enrichment

Fact = tuple[str, dict[str, str]]


def online_facts(e: Enrichment, mask: Callable[[str], str] | None = None, lang: str = "en") -> list[Fact]:
    """`mask` (the report's recipient masker) is applied to the page-derived values before they
    are cut short, so that a cut never leaves half of an address unmasked. `lang` words our own
    values (country names, why a lookup was skipped); the mail's and the servers' stay as they are."""
    keep = mask or (lambda text: text)
    out: list[Fact] = []
    if e.sender_domain:
        out.append(
            (
                "online_sender",
                {
                    "domain": defang_all(e.sender_domain),
                    "a": ", ".join(e.sender_addresses[:6]) or "-",
                    "mx": defang_all(", ".join(e.sender_mx[:4])) or "-",
                },
            )
        )
    if e.origin is not None:
        country = country_name(lang, e.origin.country, e.origin.country_name) if e.origin.country else ""
        where = " ".join(x for x in (e.origin.city, country, e.origin.network) if x)
        out.append(("online_origin" if where else "online_origin_unlocated", {"ip": e.origin.ip, "where": where}))
        if e.origin_ptr:
            out.append(("online_ptr", {"ip": e.origin.ip, "names": defang_all(", ".join(e.origin_ptr[:3]))}))
    if e.spf is not None:
        spf = {"domain": defang_all(e.spf.domain), "ip": e.spf.ip, "result": auth_result(lang, e.spf.result)}
        out.append(("online_spf", spf))
    for d in e.dkim:
        dkim = {"domain": defang_all(d.domain), "selector": d.selector, "result": auth_result(lang, d.result)}
        out.append(("online_dkim", dkim))
    if e.arc != "none":
        out.append(("online_arc", {"result": auth_result(lang, e.arc)}))
    if e.dmarc is not None:
        out.append(
            (
                "online_dmarc",
                {
                    "domain": defang_all(e.dmarc.domain),
                    "policy": dmarc_policy(lang, e.dmarc.policy) or "-",
                    "result": auth_result(lang, e.dmarc.result),
                },
            )
        )
    for info in e.domains:
        reg = info.registration
        if reg is None:
            out.append(("online_domain_unknown", {"domain": defang_all(info.domain)}))
            continue
        out.append(
            (
                "online_domain",
                {
                    "domain": defang_all(info.domain),
                    "created": reg.created[:10] or "?",
                    "days": "?" if info.age_days is None else str(info.age_days),
                    "registrar": defang_all(reg.registrar) or "?",
                    "country": country_name(lang, reg.registrant_country, reg.registrant_country) or "?",
                    "abuse": defang_all(reg.abuse_email) or "?",
                },
            )
        )
    for host in e.hosts:
        places = ", ".join(
            " ".join(x for x in (p.ip, p.city, _where(p.country, p.country_name, p.ip_class, lang), p.network) if x)
            for p in host.places
        )
        out.append(("online_host", {"host": defang_all(host.host), "places": places or "-"}))
    for url, what, feed in e.feed_hits:
        out.append(("online_feed", {"what": defang_all(keep(what)), "feed": feed, "url": defang_text(keep(url))[:120]}))
    out.extend(_intel_fact(hit, keep, lang) for hit in e.intel)
    for v in e.visits:
        chain = " → ".join(defang_text(keep(u))[:80] for u in v.chain) or defang_text(keep(v.url))[:120]
        if v.error:
            out.append(("online_visit_failed", {"chain": chain, "reason": visit_error(lang, keep(v.error))}))
        else:
            title = defang_all(keep(v.title))[:80]
            out.append(("online_visit", {"chain": chain, "title": title, "password": str(v.password_fields)}))
    for reason in e.skipped:
        out.append(("online_skipped", {"reason": defang_all(skipped_reason(lang, reason))}))
    return out


def _intel_fact(h: IntelHit, keep: Callable[[str], str], lang: str) -> Fact:
    """What VirusTotal, urlscan.io or MISP said of one indicator; links defanged and masked."""
    indicator = defang_text(keep(h.indicator))[:120] if "://" in h.indicator else defang_all(keep(h.indicator))
    link = defang_text(h.link)[:120]
    if h.provider == "VirusTotal":
        what = intel_word(lang, h.kind)
        if h.verdict == "unknown":
            return "online_vt_unknown", {"indicator": indicator, "what": what}
        counts = {"flagged": str(h.malicious), "suspicious": str(h.suspicious), "engines": str(h.engines)}
        return "online_vt", {**counts, "indicator": indicator, "what": what}
    if h.provider == "urlscan.io":
        if h.verdict == "submitted":
            return "online_urlscan_submitted", {"indicator": indicator, "link": link}
        if h.verdict == "unknown" and not h.date:
            return "online_urlscan_unknown", {"indicator": indicator}
        brands = defang_all(", ".join(h.brands)) or "-"
        verdict = intel_word(lang, h.verdict)
        return "online_urlscan", {
            "date": h.date[:10] or "?",
            "verdict": verdict,
            "brands": brands,
            "indicator": indicator,
            "link": link,
        }
    event = {
        "event": h.event_id,
        "info": defang_all(keep(h.event_info))[:120],
        "level": intel_word(lang, h.threat_level or "undefined"),
        "date": h.date or "?",
        "indicator": indicator,
        "sightings": str(h.sightings),
        "tags": defang_all(", ".join(h.tags)) or "-",
    }
    return ("online_misp_ids" if h.to_ids else "online_misp"), event


def _where(code: str, name: str, ip_class: str, lang: str) -> str:
    if code or name:
        return country_name(lang, code, name) if code else name
    return IP_CLASS_JA.get(ip_class, ip_class) if lang == "ja" else ip_class
