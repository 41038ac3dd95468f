"""The one entry point: `analyze(raw bytes) -> Analysis`.

parse → (enrich, opt-in, later) → checks → score. Renderers consume only the
`Analysis` (and its canonical JSON form).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import knowledge, rules
from .checks import Context, RuleCheck, rule_functions
from .knowledge import Brand
from .model import Defect, Evidence, Finding, Message
from .parse import parse_bytes
from .score import Score, score
from .settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from .enrich.investigate import Enrichment, OnlineOptions
    from .geo import Place
    from .history import SenderHistory
    from .learning import ContentModel

SCHEMA_VERSION = "1.0"


@dataclass(frozen=True)
class Analysis:
    source: str
    message: Message
    findings: tuple[Finding, ...]
    score: Score
    brand: Brand | None
    brand_label: str
    errors: tuple[str, ...] = field(default_factory=tuple)
    """Failures outside the checks that cost part of the analysis (the offline GeoIP lookup). A check
    that failed is a CHECK_FAILED defect on `message.defects`, with its rule ids."""
    enrichment: Enrichment | None = None
    """What the online investigation found (`online=` given), else None."""
    origin: Place | None = None
    """Where the mail entered the Internet, located offline (bundled GeoIP data)."""

    @property
    def verdict(self) -> str:
        return self.score.verdict


def _check_failed(check: RuleCheck, exc: Exception, where: str = "") -> Defect:
    """A check that raised: recorded with the rule ids it stands for, so that its silence is not
    read as "nothing found"."""
    detail = f"{where}{check.name}: {type(exc).__name__}: {exc}"
    return Defect("CHECK_FAILED", detail[:300], ", ".join(check.ids)[:300])


def _run_checks(
    ctx: Context, defects: list[Defect], *extra: Any, online: bool = False, where: str = ""
) -> list[Finding]:
    findings: list[Finding] = []
    for check in rule_functions(online):
        ctx.found = tuple(findings)
        try:
            findings.extend(check.run(ctx, *extra))
        except Exception as exc:  # one broken check must not lose the others' findings
            defects.append(_check_failed(check, exc, where))
    return findings


def _forwarded_findings(
    msg: Message,
    kb: knowledge.Knowledge,
    rules_: rules.Rules,
    settings: Settings,
    defects: list[Defect],
) -> tuple[list[Finding], Context | None]:
    """Findings on the messages forwarded inside this one, for the rules that apply to a
    forward (`forwarded = true` in rules.toml): a forward's headers are as the forwarder's client
    retyped them, so it is judged on its links, attachments and text, and whom it claims to be."""
    out: list[Finding] = []
    first_ctx = None
    for i, inner in enumerate(msg.forwarded):
        ctx = Context(inner, kb, rules_, settings)
        first_ctx = first_ctx or ctx
        for f in _run_checks(ctx, defects, where=f"forwarded[{i}] "):
            if not rules_.get(f.id).forwarded:
                continue
            evidence = tuple(Evidence(e.kind, e.value, f"forwarded[{i}]:{e.where}") for e in f.evidence)
            out.append(replace(f, evidence=evidence, params={**f.params, "forwarded": "yes"}))
    return out, first_ctx


def _claimed_brand(
    ctx: Context, inner: Context | None, findings: list[Finding], kb: knowledge.Knowledge
) -> tuple[Brand | None, str]:
    """The brand a flagged mail pretends to be: the one it names without being it; else the
    brand whose domain it forges, imitates or shows in a disguised link."""
    claim = ctx.impersonated or (inner.impersonated if inner else None)
    if claim is not None:
        return claim.brand, claim.alias
    for f in findings:
        param = ctx.rules.get(f.id).brand_domain  # the parameter naming the brand's domain, if any
        domain = f.params.get(param, "") if param else ""
        owner = kb.brand_owning(domain) if domain else None
        if owner is not None:
            return owner, domain
    if ctx.sender_brand is not None and ctx.brand_claims:
        return ctx.sender_brand, ctx.brand_claims[0].alias
    return None, ""


def analyze(
    raw: bytes,
    source: str = "-",
    settings: Settings = DEFAULT_SETTINGS,
    config: Path | None = None,
    online: OnlineOptions | None = None,
    history: SenderHistory | None = None,
    model: ContentModel | None = None,
) -> Analysis:
    """Dissect one raw message. Without `online` no network request is made; with it, the
    online investigation (enrich/) adds its facts and findings. `history` (history.py) tells
    whether the sender wrote to this mailbox before. `model` (learning.py), the deployment's
    trained content model, adds the CONTENT_LEARNED finding; without it nothing changes."""
    kb = knowledge.load(config)
    rules_ = rules.load()
    errors: list[str] = []
    defects: list[Defect] = []
    msg = parse_bytes(raw, settings)
    ctx = Context(msg, kb, rules_, settings, history, model)
    findings = _run_checks(ctx, defects)
    inner, inner_ctx = _forwarded_findings(msg, kb, rules_, settings, defects)
    findings.extend(inner)
    enrichment = None
    if online is not None:
        # Imported here: offline analysis never loads a network library.
        from .enrich.investigate import investigate

        enrichment = investigate(raw, msg, kb, online)
        findings.extend(_run_checks(ctx, defects, enrichment, online=True))
    result = score(findings, rules_)
    brand, alias = _claimed_brand(ctx, inner_ctx, findings, kb) if result.verdict != "clean" else (None, "")
    label = ""
    if brand is not None:
        # Named in the script the mail used: "KAGOYA", "JCB", but "三井住友カード", "三菱UFJ銀行".
        latin = "".join(c for c in alias.lower() if "a" <= c <= "z")
        # A domain gives the brand's home-language name; words give the script they were written in.
        japanese = brand.country == "JP" if "." in alias else not latin or latin in brand.name_ja.lower()
        label = brand.name_ja if japanese and brand.name_ja else brand.name_en
    try:
        origin = ctx.origin_place
    except Exception as exc:  # a broken GeoIP file costs the location, not the analysis
        errors.append(f"geoip failed: {type(exc).__name__}: {exc}"[:300])
        origin = None
    if defects:  # shown with the parser's defects (JSON "defects", the terminal's damage section)
        msg = replace(msg, defects=msg.defects + tuple(defects))
    return Analysis(source, msg, tuple(findings), result, brand, label, tuple(errors), enrichment, origin)


def failed_analysis(source: str, reason: str) -> dict[str, Any]:
    """The JSON object for a message that could not be analysed at all."""
    return {
        "schema_version": SCHEMA_VERSION,
        "source": source,
        "verdict": "clean",
        "score": 0,
        "brand": None,
        "findings": [],
        "extracted": {
            "subject": "",
            "from": [],
            "to": [],
            "reply_to": [],
            "return_path": [],
            "hops": [],
            "links": [],
            "attachments": [],
            "text": "",
        },
        "defects": [{"code": "UNREADABLE", "detail": reason, "where": ""}],
        "score_breakdown": [],
    }


__all__ = ["SCHEMA_VERSION", "Analysis", "Defect", "analyze", "failed_analysis"]
