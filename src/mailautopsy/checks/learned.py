"""CONTENT_LEARNED: what the deployment's trained content model (learning.py) makes of the mail.

Fires only when a model is given (`analyze(raw, model=...)`); without one, nothing changes. Its
confidence is the model's tempered confidence that the mail is phishing (learning.Judgement), its
evidence the few tokens that raised it most, each with its weight (log-odds). The model reads only what the
sender wrote and the reader sees, and the ids of the content findings before it (this module runs
last)."""

from __future__ import annotations

from collections.abc import Iterator

from ..learning import FEATURE_GROUPS, features, shown
from ..model import Evidence, Finding
from .base import Context
from .registry import rule

FIRES_AT = 0.5
"""Below this confidence (the tempered score below `learning.TEMPERED_LINE`) it says nothing."""


@rule("CONTENT_LEARNED")
def learned(ctx: Context) -> Iterator[Finding]:
    if ctx.model is None:
        return
    ids = [f.id for f in ctx.found if f.group in FEATURE_GROUPS and not ctx.rules.get(f.id).recipient_params]
    judgement = ctx.model.judge(features(ctx.msg, ids, ctx.settings.limits))
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
