"""The one entry point: `analyze(raw bytes) -> Analysis`.

parse → (enrich, opt-in, later) → checks → score. Renderers consume only the
`Analysis` (and its canonical JSON form).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import knowledge, rules
from .checks import CHECKS, Context
from .knowledge import Brand
from .model import Defect, Evidence, Finding, Message
from .parse import parse_bytes
from .score import Score, score
from .settings import DEFAULT_SETTINGS, Settings

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

    @property
    def verdict(self) -> str:
        return self.score.verdict


def _run_checks(ctx: Context, errors: list[str]) -> list[Finding]:
    findings: list[Finding] = []
    for name, check in CHECKS:
        try:
            findings.extend(check(ctx))
        except Exception as exc:  # one broken check must not lose the others' findings
            errors.append(f"check {name} failed: {type(exc).__name__}: {exc}"[:300])
    return findings


def _forwarded_findings(
    msg: Message,
    kb: knowledge.Knowledge,
    rules_: rules.Rules,
    settings: Settings,
    errors: list[str],
) -> tuple[list[Finding], Context | None]:
    out: list[Finding] = []
    first_ctx = None
    for i, inner in enumerate(msg.forwarded):
        ctx = Context(inner, kb, rules_, settings)
        first_ctx = first_ctx or ctx
        for f in _run_checks(ctx, errors):
            if f.id.startswith(("ROUTE_", "AUTH_")):
                continue  # a forward's route and auth headers are as the forwarder typed them
            evidence = tuple(Evidence(e.kind, e.value, f"forwarded[{i}]:{e.where}") for e in f.evidence)
            out.append(replace(f, evidence=evidence, params={**f.params, "forwarded": "yes"}))
    return out, first_ctx


def analyze(
    raw: bytes,
    source: str = "-",
    settings: Settings = DEFAULT_SETTINGS,
    config: Path | None = None,
) -> Analysis:
    """Dissect one raw message. Offline: no network request is made."""
    kb = knowledge.load(config)
    rules_ = rules.load()
    errors: list[str] = []
    msg = parse_bytes(raw, settings)
    ctx = Context(msg, kb, rules_, settings)
    findings = _run_checks(ctx, errors)
    inner, inner_ctx = _forwarded_findings(msg, kb, rules_, settings, errors)
    findings.extend(inner)
    result = score(findings, rules_)
    claim = ctx.impersonated or (inner_ctx.impersonated if inner_ctx else None)
    brand = claim.brand if claim and result.verdict != "clean" else None
    label = ""
    if brand is not None and claim is not None:
        label = brand.name_en if claim.alias.isascii() or not brand.name_ja else brand.name_ja
    return Analysis(source, msg, tuple(findings), result, brand, label, tuple(errors))


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
