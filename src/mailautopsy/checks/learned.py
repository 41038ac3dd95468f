"""CONTENT_LEARNED: what the deployment's trained content model (learning.py) makes of the mail.

Fires only when a model is given (`analyze(raw, model=...)`); without one, nothing changes. Its
confidence is the model's tempered confidence that the mail is phishing (learning.Judgement), its
evidence the few tokens that raised it most, each with its weight (log-odds). The model reads only what the
sender wrote and the reader sees, and the ids of the content findings before it (this module runs
last)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from ..learning import FEATURE_GROUPS, features, shown
from ..model import Evidence, Finding
from ..rules import load as load_rules
from .base import Context
from .registry import RuleCheck, rule, rule_functions

FIRES_AT = 0.5
"""Below this confidence (the tempered score below `learning.TEMPERED_LINE`) it says nothing."""


def model_features(ctx: Context, found: Iterable[Finding]) -> list[str]:
    """The tokens the model judges this message on: its features (learning.features) with the
    ids of the findings so far of the subject, links, attachments and content groups — the
    findings this check sees at analysis time, and what `analyze.model_features()` computes for
    learning without the other checks."""
    ids = [f.id for f in found if f.group in FEATURE_GROUPS and not ctx.rules.get(f.id).recipient_params]
    return features(ctx.msg, ids, ctx.settings.limits)


@cache
def feature_checks() -> tuple[RuleCheck, ...]:
    """The checks whose findings `model_features` reads: those that run before this one and may
    emit an id of the feature groups. Learning runs only these (analyze.model_features)."""
    rules = load_rules()
    before = rule_functions()
    before = before[: next(i for i, c in enumerate(before) if c.function is learned)]
    return tuple(c for c in before if any(rules.get(i).group in FEATURE_GROUPS for i in c.ids))


@rule("CONTENT_LEARNED")
def learned(ctx: Context) -> Iterator[Finding]:
    if ctx.model is None:
        return
    judgement = ctx.model.judge(model_features(ctx, ctx.found))
    if judgement is None or judgement.probability < FIRES_AT or not judgement.tokens:
        return
    evidence = [Evidence("text", shown(token), f"model weight {weight:+.2f}") for token, weight in judgement.tokens]
    yield ctx.finding(
        "CONTENT_LEARNED",
        evidence,
        judgement.probability,
        probability=f"{judgement.probability:.2f}",
        tokens=", ".join(shown(token) for token, _ in judgement.tokens),
    )
