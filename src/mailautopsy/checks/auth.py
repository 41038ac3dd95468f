"""Authentication: SPF/DKIM/DMARC/ARC results a receiving server recorded."""

from __future__ import annotations

from ..model import AuthResult, Evidence, Finding
from ..parse.domains import registrable
from .base import Context

_FAIL = {"fail", "softfail", "permerror"}


def _ev(r: AuthResult) -> Evidence:
    props = " ".join(f"{k}={v}" for k, v in r.properties)
    return Evidence("header", f"{r.method}={r.result} {props}".strip(), r.header)


def check(ctx: Context) -> list[Finding]:
    addr = ctx.from_addr
    trusted = [r for r in ctx.msg.auth if r.trusted]
    if not trusted or addr is None:
        return []
    from_reg = addr.registrable
    findings: list[Finding] = []
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
        if not bad:
            continue
        r = bad[0]
        domain = (
            r.prop("header.from") or r.prop("smtp.mailfrom").rpartition("@")[2] or r.prop("header.d") or addr.domain
        )
        if method != "dmarc" and registrable(domain) != from_reg:
            continue  # a failure for another domain says nothing about the From domain
        findings.append(
            ctx.finding(
                rule,
                [_ev(r)],
                1.0 if r.result in ("fail", "permerror") else 0.6,
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
                0.8 if comp[0].result == "fail" else 0.5,
                reason=comp[0].reason,
            )
        )
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
