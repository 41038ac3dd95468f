"""The one entry point: `analyze(raw bytes) -> Analysis`.

parse → (enrich, opt-in, later) → checks → score. Renderers consume only the
`Analysis` (and its canonical JSON form).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import knowledge, rules
from .checks import Context, RuleCheck, rule_functions
from .checks.claims import speaks_for
from .deadline import Deadline, guarded, incomplete_finding
from .knowledge import Brand
from .model import Defect, Evidence, Finding, Message
from .parse import parse_bytes
from .score import Score, score
from .settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from .campaign import CampaignHistory
    from .enrich.investigate import Enrichment, OnlineOptions
    from .geo import Place
    from .history import SenderHistory
    from .learning import ContentModel

SCHEMA_VERSION = "1.2"


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
    brand_known: bool = True
    """False when `brand_label` names an organisation the knowledge base lacks (【〇〇銀行】)."""
    brand_is_sender: bool = False
    """The From address is at one of the brand's own domains."""
    brand_verified: bool = False
    """A receiving server recorded a DKIM or SPF pass for the brand's From domain."""
    brand_where: str = ""
    """Where the mail names the brand (display_name, subject, body, footer, link_text,
    attachment, sender_domain; or a look-alike or forged domain)."""

    @property
    def verdict(self) -> str:
        return self.score.verdict


def _check_failed(check: RuleCheck, exc: Exception, where: str = "") -> Defect:
    """A check that raised: recorded with the rule ids it stands for, so that its silence is not
    read as "nothing found"."""
    detail = f"{where}{check.name}: {type(exc).__name__}: {exc}"
    return Defect("CHECK_FAILED", detail[:300], ", ".join(check.ids)[:300])


def _run_one(check: RuleCheck, extra: tuple[Any, ...], ctx: Context) -> list[Finding]:
    return check.run(ctx, *extra)


def _run_checks(
    ctx: Context,
    defects: list[Defect],
    *extra: Any,
    online: bool = False,
    where: str = "",
    checks: tuple[RuleCheck, ...] | None = None,
) -> list[Finding]:
    findings: list[Finding] = []
    for check in rule_functions(online) if checks is None else checks:
        ctx.found = tuple(findings)
        try:
            # within the message's time budget (deadline.py)
            findings.extend(guarded(check.name, partial(_run_one, check, extra), ctx))
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
) -> tuple[Brand | None, str, str, Context]:
    """The brand a mail speaks for, whatever the verdict: the one it names without being it;
    else the brand whose domain it forges, imitates or shows in a disguised link; else the
    brand (or unknown organisation, as a name with no brand) it names or sends from. A user's
    own forward speaks for the original's brand. (brand, alias, where, the message's context
    that names it)"""
    if ctx.impersonated is not None:
        return ctx.impersonated.brand, ctx.impersonated.alias, ctx.impersonated.where, ctx
    if inner is not None and inner.impersonated is not None:
        return inner.impersonated.brand, inner.impersonated.alias, inner.impersonated.where, inner
    own = [c for c in ctx.brand_claims if c.brand is ctx.sender_brand]
    if own:  # a From at the brand's own domain, in the brand's name (forged or not)
        return own[0].brand, own[0].alias, own[0].where, ctx
    for f in findings:
        param = ctx.rules.get(f.id).brand_domain  # the parameter naming the brand's domain, if any
        domain = f.params.get(param, "") if param else ""
        owner = kb.brand_owning(domain) if domain else None
        if owner is not None:
            return owner, domain, f.id, ctx
    if ctx.sender_brand is not None and ctx.brand_claims:
        return ctx.sender_brand, ctx.brand_claims[0].alias, ctx.brand_claims[0].where, ctx
    for c in (inner, ctx):  # a forward speaks for its original first
        said = speaks_for(c) if c is not None else None
        if c is not None and said is not None:
            return said.brand, said.name, said.where, c
    return None, "", "", ctx


def _stages(
    deadline: Deadline,
    raw: bytes,
    ctx_args: tuple[
        knowledge.Knowledge, rules.Rules, Settings, SenderHistory | None, ContentModel | None, CampaignHistory | None
    ],
    online: OnlineOptions | None,
    checked: list[Defect],
) -> tuple[Message, Context, list[Finding], Context | None, Enrichment | None]:
    """Parsing, the checks (on the message and what it forwards) and the online part, each
    within `deadline`. (message, its context, findings, the first forward's context, enrichment)"""
    kb, rules_, settings = ctx_args[:3]
    msg = deadline.run("parse", parse_bytes, raw, settings, default=None, check=False)
    if msg is None:  # the parser ran out of time: nothing of the message could be read
        msg = replace(parse_bytes(b"", settings), size=len(raw), defects=())
    ctx = Context(msg, *ctx_args[:5], campaigns=ctx_args[5])
    findings = _run_checks(ctx, checked)
    inner, inner_ctx = _forwarded_findings(msg, kb, rules_, settings, checked)
    findings.extend(inner)
    enrichment = None
    if online is not None:
        # Imported here: offline analysis never loads a network library.
        from .enrich.investigate import investigate

        enrichment = deadline.run("online investigation", investigate, raw, msg, kb, online, default=None, check=False)
        if enrichment is not None:
            findings.extend(_run_checks(ctx, checked, enrichment, online=True))
    return msg, ctx, findings, inner_ctx, enrichment


def analyze(
    raw: bytes,
    source: str = "-",
    settings: Settings = DEFAULT_SETTINGS,
    config: Path | None = None,
    online: OnlineOptions | None = None,
    history: SenderHistory | None = None,
    defects: tuple[Defect, ...] = (),
    model: ContentModel | None = None,
    campaigns: CampaignHistory | None = None,
) -> Analysis:
    """Dissect one raw message. Without `online` no network request is made; with it, the
    online investigation (enrich/) adds its facts and findings. `history` (history.py) tells
    whether the sender wrote to this mailbox before. `defects`: damage done before parsing
    (a message cut by the reader). Every stage runs within the message's time budget
    (deadline.py): what overruns is cut off and recorded, and an analysis cut short by time or
    any limit carries ANALYSIS_INCOMPLETE. `model` (learning.py), the deployment's trained content
    model, adds the CONTENT_LEARNED finding; without it nothing changes."""
    kb = knowledge.load(config)
    rules_ = rules.load()
    ctx_args = (kb, rules_, settings, history, model, campaigns)
    errors: list[str] = []
    checked: list[Defect] = []
    limits = settings.limits
    seconds = limits.time_limit_seconds + (online.budget + 4 * online.visit_timeout if online else 0)
    deadline = Deadline(seconds, limits.check_time_limit_seconds)
    with deadline:  # its timer runs from here to the last stage, and no further
        msg, ctx, findings, inner_ctx, enrichment = _stages(deadline, raw, ctx_args, online, checked)
    cut = deadline.finish()
    if defects or checked or cut:
        msg = replace(msg, defects=tuple(defects) + msg.defects + tuple(checked) + tuple(cut))
    incomplete = incomplete_finding(msg.defects, rules_)
    if incomplete is not None:
        findings.append(incomplete)
    result = score(findings, rules_)
    brand, alias, where, sender_ctx = _claimed_brand(ctx, inner_ctx, findings, kb)
    label = alias if brand is None else ""  # an organisation the knowledge base lacks: as written
    is_sender = brand is not None and sender_ctx.brand_is_legit_sender(brand)
    verified = is_sender and sender_ctx.authenticated_brand is not None
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
    return Analysis(
        source,
        msg,
        tuple(findings),
        result,
        brand,
        label,
        tuple(errors),
        enrichment,
        origin,
        brand_known=brand is not None or not label,
        brand_is_sender=is_sender,
        brand_verified=verified,
        brand_where=where,
    )


def model_features(raw: bytes, settings: Settings = DEFAULT_SETTINGS, config: Path | None = None) -> list[str]:
    """The tokens the content model reads from one message — exactly those `analyze(raw,
    model=...)` judges it on (checks/learned.py `model_features`) — for learning, without the
    full analysis: parsing, then only the checks whose finding ids are features (the subject,
    links, attachments and content groups), within the same time budget; no sender, route or
    auth checks, no forwarded messages, no scoring."""
    from .checks.learned import feature_checks
    from .checks.learned import model_features as features_of

    limits = settings.limits
    deadline = Deadline(limits.time_limit_seconds, limits.check_time_limit_seconds)
    with deadline:
        msg = deadline.run("parse", parse_bytes, raw, settings, default=None, check=False)
        if msg is None:  # as in analyze(): nothing of the message could be read in time
            msg = replace(parse_bytes(b"", settings), size=len(raw), defects=())
        ctx = Context(msg, knowledge.load(config), rules.load(), settings)
        found = _run_checks(ctx, [], checks=feature_checks())
    deadline.finish()
    return features_of(ctx, found)


__all__ = ["SCHEMA_VERSION", "Analysis", "Defect", "analyze"]
