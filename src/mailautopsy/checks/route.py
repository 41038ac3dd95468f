"""Route: where the mail really came from, by its Received headers."""

from __future__ import annotations

import re
from datetime import timedelta

from ..model import Evidence, Finding
from ..parse.domains import registrable
from ..parse.received import first_external_hop, originating_hop
from .base import Context
from .registry import rule

_MASS_MAILERS = re.compile(
    r"php\s*mailer|phpmailer|swiftmailer|leaf\s*php|gammadyne|atomic\s*mail|sendblaster|"
    r"turbo-?mailer|mass\s*mail|bulk\s*mail|emkei|anonymous\s*(?:e-?)?mailer|the bat!? v1|king\s*mailer|"
    r"\bmailer\s*pro\b|x-?mailer\s*v\d|supermailer",
    re.I,
)


@rule("ROUTE_PRIVATE_ORIGIN")
def _private_origin(ctx: Context) -> list[Finding]:
    hop = originating_hop(ctx.msg.hops)
    if hop is None or hop.ip_class not in ("private", "loopback", "link_local", "shared", "reserved"):
        return []
    external = first_external_hop(ctx.msg.hops)
    return [
        ctx.finding(
            "ROUTE_PRIVATE_ORIGIN",
            [
                Evidence("ip", hop.from_ip, f"Received[{hop.index}]"),
                Evidence("header", hop.raw[:300], "Received"),
            ],
            1.0,
            ip=hop.from_ip,
            ip_class=hop.ip_class,
            external=external.from_ip if external else "",
        )
    ]


@rule("ROUTE_HELO_UNRELATED")
def _helo_unrelated(ctx: Context) -> list[Finding]:
    hop = originating_hop(ctx.msg.hops)
    addr = ctx.from_addr
    if hop is None or addr is None or not addr.registrable or ctx.impersonated is None:
        return []
    names = [n for n in (hop.from_name, hop.from_rdns) if n and "." in n and not n[0].isdigit()]
    if names and all(registrable(n) != addr.registrable and not ctx.impersonated.brand.owns(n) for n in names):
        return [
            ctx.finding(
                "ROUTE_HELO_UNRELATED",
                [Evidence("header", hop.raw[:300], "Received")],
                0.6,
                helo=names[0],
                domain=addr.domain,
            )
        ]
    return []


# Country-code domains marketed to everyone, not to their country's residents.
_VANITY_CCTLDS = frozenset({"ai", "co", "fm", "gg", "io", "ly", "me", "tv", "ws", "cc", "to", "sh", "am", "la", "vc"})


@rule("ROUTE_ORIGIN_ABROAD")
def _abroad(ctx: Context) -> list[Finding]:
    """A mail in a national brand's name (KAGOYA, 三井住友銀行, Correios) that entered the
    Internet in another country, by the bundled offline GeoIP data: the seed author's "where is
    it". Only for a brand the sender does not belong to: genuine brand mail is often sent from
    abroad by mailing services."""
    claim = ctx.impersonated
    if claim is None or len(claim.brand.country) != 2 or originating_hop(ctx.msg.hops) is None:
        return []
    place = ctx.origin_place
    if place is None or not place.country:
        return []
    # A brand at home in several countries shows it by its official country domains (tesco.ie).
    # (ISO code GB, domain .uk; .io, .co, .ai, .tv ... are sold worldwide and say nothing.)
    home = {claim.brand.country.upper()} | {
        tld.upper().replace("UK", "GB")
        for d in claim.brand.domains
        if len(tld := d.rpartition(".")[2]) == 2 and tld not in _VANITY_CCTLDS
    }
    if place.country.upper() in home:
        return []
    return [
        ctx.finding(
            "ROUTE_ORIGIN_ABROAD",
            [Evidence("ip", place.ip, "Received"), Evidence("text", f"{place.country} {place.country_name}", "GeoIP")],
            0.8,
            ip=place.ip,
            country=place.country,
            country_name=place.country_name,
            brand=claim.brand.name_en,
            brand_country=claim.brand.country,
        )
    ]


@rule("ROUTE_SCRIPT_MAILER")
def _mailer(ctx: Context) -> list[Finding]:
    evidence = []
    for name in (
        "X-Mailer",
        "User-Agent",
        "X-PHP-Originating-Script",
        "X-PHP-Script",
        "X-Source-Args",
    ):
        for value in ctx.msg.header_all(name):
            if name.startswith("X-PHP") or name == "X-Source-Args" or _MASS_MAILERS.search(value):
                evidence.append(Evidence("header", value[:200], name))
    if not evidence:
        return []
    return [ctx.finding("ROUTE_SCRIPT_MAILER", evidence[:3], 0.7, mailer=evidence[0].value)]


@rule("ROUTE_TIME_ANOMALY")
def _times(ctx: Context) -> list[Finding]:
    """A Date after the delivery stamp (forged or mis-set sender clock), or days in transit."""
    stamps = [h for h in ctx.msg.hops if h.timestamp is not None]
    date = ctx.msg.date
    if date is None or date.tzinfo is None or not stamps or stamps[0].timestamp is None:
        return []
    newest = stamps[0].timestamp
    if date - newest > timedelta(hours=2):
        detail, confidence = "date_after_delivery", 0.6
    elif newest - date > timedelta(days=3):
        detail, confidence = "long_delay", 0.4
    else:
        return []
    evidence = [Evidence("header", ctx.msg.header("Date"), "Date"), Evidence("header", stamps[0].raw[-80:], "Received")]
    return [ctx.finding("ROUTE_TIME_ANOMALY", evidence, confidence, detail=detail)]
