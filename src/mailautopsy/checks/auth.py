"""Authentication: SPF/DKIM/DMARC/ARC results a receiving server recorded."""

from __future__ import annotations

from dataclasses import dataclass

from ..knowledge import Brand
from ..model import Address, AuthResult, Evidence, Finding
from ..parse.domains import registrable
from .base import Context
from .registry import rule

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


@dataclass(frozen=True, slots=True)
class _Checked:
    """What every authentication rule starts from: the results a trusted receiving server
    recorded for a mail with a From address."""

    addr: Address
    trusted: list[AuthResult]
    relayed: bool
    """A mailing list or an ARC-sealed relay: failures count little and prove no forged domain."""

    @property
    def scale(self) -> float:
        return 0.3 if self.relayed else 1.0


def _checked(ctx: Context) -> _Checked | None:
    addr = ctx.from_addr
    trusted = [r for r in ctx.msg.auth if r.trusted]
    if not trusted or addr is None:
        return None
    if _relayed_by_recipient(ctx, trusted):
        # The recipient's own servers relayed the mail before the receiving server checked it:
        # SPF and DKIM break on such relays, so their failures say nothing about the sender.
        return None
    # Mailing lists rewrite mail and break SPF/DKIM/DMARC; an ARC seal recording a pass before
    # the relay says the same.
    relayed = ctx.is_list_mail or any(
        r.header == "ARC-Authentication-Results" and r.method == "dmarc" and r.result == "pass" for r in ctx.msg.auth
    )
    return _Checked(addr, trusted, relayed)


def _failure(c: _Checked, method: str) -> tuple[AuthResult, str] | None:
    """The first failed `method` result that concerns the From domain, and the domain it names."""
    results = [r for r in c.trusted if r.method == method]
    if not results or (method == "dkim" and any(r.result == "pass" for r in results)):
        return None
    for r in results:
        if r.result not in _FAIL:
            continue
        domain = (
            r.prop("header.from") or r.prop("smtp.mailfrom").rpartition("@")[2] or r.prop("header.d") or c.addr.domain
        )
        if method == "dmarc" or registrable(domain) == c.addr.registrable:
            return r, domain
        # a failure for another domain says nothing about the From domain
    return None


def _spoofed_brand(ctx: Context, c: _Checked) -> tuple[Brand, AuthResult] | None:
    """A brand's own From domain that failed DMARC outright, on a direct (not relayed) path."""
    dmarc_bad = [r for r in c.trusted if r.method == "dmarc" and r.result in ("fail", "permerror")]
    owner = ctx.kb.brand_owning(c.addr.domain) if c.addr.domain else None
    if owner is None or not dmarc_bad or c.relayed:
        return None
    return owner, dmarc_bad[0]


# The findings appear in this order: SPF, DKIM, DMARC, compauth, a spoofed brand domain, an
# unauthenticated From, no DMARC for a claimed brand.


@rule("AUTH_SPF_FAIL", "AUTH_DKIM_FAIL", "AUTH_DMARC_FAIL")
def _method_failures(ctx: Context) -> list[Finding]:
    c = _checked(ctx)
    if c is None:
        return []
    findings = []
    for method, rule_id in (("spf", "AUTH_SPF_FAIL"), ("dkim", "AUTH_DKIM_FAIL"), ("dmarc", "AUTH_DMARC_FAIL")):
        failed = _failure(c, method)
        if failed is None:
            continue
        r, domain = failed
        confidence = (1.0 if r.result in ("fail", "permerror") else 0.6) * c.scale
        findings.append(ctx.finding(rule_id, [_ev(r)], confidence, result=r.result, domain=domain))
    return findings


@rule("AUTH_COMPAUTH_FAIL")
def _compauth(ctx: Context) -> list[Finding]:
    c = _checked(ctx)
    if c is None:
        return []
    comp = [r for r in c.trusted if r.method == "compauth" and r.result in ("fail", "softfail")]
    if not comp or _failure(c, "dmarc") is not None:
        return []
    confidence = (0.8 if comp[0].result == "fail" else 0.5) * c.scale
    return [ctx.finding("AUTH_COMPAUTH_FAIL", [_ev(comp[0])], confidence, reason=comp[0].reason)]


@rule("AUTH_BRAND_DOMAIN_SPOOFED")
def _brand_domain_spoofed(ctx: Context) -> list[Finding]:
    c = _checked(ctx)
    spoofed = _spoofed_brand(ctx, c) if c is not None else None
    if c is None or spoofed is None:
        return []
    owner, dmarc = spoofed
    return [
        ctx.finding(
            "AUTH_BRAND_DOMAIN_SPOOFED",
            [Evidence("address", c.addr.address, "From"), _ev(dmarc)],
            1.0,
            domain=c.addr.domain,
            brand=owner.name_en,
        )
    ]


@rule("AUTH_FROM_UNAUTHENTICATED")
def _from_unauthenticated(ctx: Context) -> list[Finding]:
    c = _checked(ctx)
    if c is None or c.relayed or _failure(c, "dmarc") is not None or _spoofed_brand(ctx, c) is not None:
        return []
    return _unauthenticated_from(ctx, c.trusted, c.addr.registrable)


@rule("AUTH_NO_DMARC_FOR_BRAND_CLAIM")
def _no_dmarc_for_claim(ctx: Context) -> list[Finding]:
    c = _checked(ctx)
    if c is None or ctx.impersonated is None:
        return []
    dmarc = [r for r in c.trusted if r.method == "dmarc"]
    if not dmarc or not all(r.result in ("none", "temperror") for r in dmarc):
        return []
    return [
        ctx.finding(
            "AUTH_NO_DMARC_FOR_BRAND_CLAIM",
            [_ev(dmarc[0])],
            0.5,
            domain=c.addr.domain,
            brand=ctx.impersonated.brand.name_en,
        )
    ]


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
