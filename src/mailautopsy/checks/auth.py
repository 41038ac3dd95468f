"""Authentication: SPF/DKIM/DMARC/ARC results a receiving server recorded."""

from __future__ import annotations

from ..model import AuthResult, Evidence, Finding
from ..parse.domains import registrable
from .base import Context

_FAIL = {"fail", "softfail", "permerror"}


def _ev(r: AuthResult) -> Evidence:
    props = " ".join(f"{k}={v}" for k, v in r.properties)
    return Evidence("header", f"{r.method}={r.result} {props}".strip(), r.header)


def _relayed_by_recipient(ctx: Context, trusted: list[AuthResult]) -> bool:
    """The hop into the server that wrote the trusted results came from the recipient's own
    domain: the mail was relayed (forwarded) by the recipient's organisation first."""
    own = {registrable(d) for d in ctx.recipient_domains}
    if not own or not trusted:
        return False
    ar_pos = min(r.header_index for r in trusted)
    received_positions = [i for i, (name, _) in enumerate(ctx.msg.headers) if name.lower() == "received"]
    below = [k for k, pos in enumerate(received_positions) if pos > ar_pos]
    if not below or below[0] >= len(ctx.msg.hops):
        return False
    hop = ctx.msg.hops[below[0]]
    return any(name and "." in name and registrable(name) in own for name in (hop.from_name, hop.from_rdns))


def _unauthenticated_from(ctx: Context, trusted: list[AuthResult], from_reg: str) -> list[Finding]:
    """The receiving server checked the mail, and nothing it checked vouches for the From domain:
    no DMARC pass, no DKIM pass by the From domain, no SPF pass for it. Legitimate senders align at
    least one of them (large mailbox providers have required it of bulk senders since 2024)."""
    dmarc = [r for r in trusted if r.method == "dmarc"]
    if not dmarc or any(r.result in ("pass", "bestguesspass") for r in dmarc):
        return []
    for r in trusted:
        if r.result != "pass":
            continue
        domain = r.prop("header.d") if r.method == "dkim" else r.prop("smtp.mailfrom").rpartition("@")[2]
        if r.method in ("dkim", "spf") and domain and registrable(domain) == from_reg:
            return []
    return [ctx.finding("AUTH_FROM_UNAUTHENTICATED", [_ev(dmarc[0])], 1.0, domain=from_reg)]


def check(ctx: Context) -> list[Finding]:
    addr = ctx.from_addr
    trusted = [r for r in ctx.msg.auth if r.trusted]
    if not trusted or addr is None:
        return []
    from_reg = addr.registrable
    findings: list[Finding] = []
    if _relayed_by_recipient(ctx, trusted):
        # The recipient's own servers relayed the mail before the receiving server checked it:
        # SPF and DKIM break on such relays, so their failures say nothing about the sender.
        return findings
    # Mailing lists rewrite mail and break SPF/DKIM/DMARC; an ARC seal recording a pass before
    # the relay says the same. Failures then count little, and prove no forged brand domain.
    relayed = ctx.is_list_mail or any(
        r.header == "ARC-Authentication-Results" and r.method == "dmarc" and r.result == "pass" for r in ctx.msg.auth
    )
    scale = 0.3 if relayed else 1.0
    for method, rule in (
        ("spf", "AUTH_SPF_FAIL"),
        ("dkim", "AUTH_DKIM_FAIL"),
        ("dmarc", "AUTH_DMARC_FAIL"),
    ):
        results = [r for r in trusted if r.method == method]
        if not results:
            continue
        if method == "dkim" and any(r.result == "pass" for r in results):
            continue
        bad = [r for r in results if r.result in _FAIL]
        match = None
        for r in bad:
            domain = (
                r.prop("header.from") or r.prop("smtp.mailfrom").rpartition("@")[2] or r.prop("header.d") or addr.domain
            )
            if method == "dmarc" or registrable(domain) == from_reg:
                match = (r, domain)
                break  # a failure for another domain says nothing about the From domain
        if match is None:
            continue
        r, domain = match
        findings.append(
            ctx.finding(
                rule,
                [_ev(r)],
                (1.0 if r.result in ("fail", "permerror") else 0.6) * scale,
                result=r.result,
                domain=domain,
            )
        )
    comp = [r for r in trusted if r.method == "compauth" and r.result in ("fail", "softfail")]
    if comp and not any(f.id == "AUTH_DMARC_FAIL" for f in findings):
        findings.append(
            ctx.finding(
                "AUTH_COMPAUTH_FAIL",
                [_ev(comp[0])],
                (0.8 if comp[0].result == "fail" else 0.5) * scale,
                reason=comp[0].reason,
            )
        )
    dmarc_bad = [r for r in trusted if r.method == "dmarc" and r.result in ("fail", "permerror")]
    owner = ctx.kb.brand_owning(addr.domain) if addr.domain else None
    if owner is not None and dmarc_bad and not relayed:
        findings.append(
            ctx.finding(
                "AUTH_BRAND_DOMAIN_SPOOFED",
                [Evidence("address", addr.address, "From"), _ev(dmarc_bad[0])],
                1.0,
                domain=addr.domain,
                brand=owner.name_en,
            )
        )
    if not relayed and not any(f.id in ("AUTH_DMARC_FAIL", "AUTH_BRAND_DOMAIN_SPOOFED") for f in findings):
        findings.extend(_unauthenticated_from(ctx, trusted, from_reg))
    if ctx.impersonated is not None:
        dmarc = [r for r in trusted if r.method == "dmarc"]
        if dmarc and all(r.result in ("none", "temperror") for r in dmarc):
            findings.append(
                ctx.finding(
                    "AUTH_NO_DMARC_FOR_BRAND_CLAIM",
                    [_ev(dmarc[0])],
                    0.5,
                    domain=addr.domain,
                    brand=ctx.impersonated.brand.name_en,
                )
            )
    return findings
