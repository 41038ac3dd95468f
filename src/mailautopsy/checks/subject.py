"""Subject: spam stamps and filter verdicts, brands in brackets, urgency words."""

from __future__ import annotations

import re

from ..knowledge import normalise
from ..model import Evidence, Finding
from .base import Context

_PREFIX = re.compile(r"^(?:\s*(?:re|fw|fwd|aw|wg|tr|rv|sv|vs|antw|転送|返信)\s*[:：]\s*)*", re.I)
_BRACKETS = re.compile(r"【([^】]{1,60})】|\[([^\]]{1,60})\]|〔([^〕]{1,60})〕|《([^》]{1,60})》")
_URGENT = re.compile(
    r"重要|緊急|至急|停止|要確認|確認してください|ご確認ください|最終(?:通知|警告|案内)|期限|"
    r"\burgent\b|\bimportant\b|suspend|\bverify\b|verification|action required|final notice|"
    r"\bimmediately\b|\blocked\b|\bexpir|\bunusual\b|\balert\b",
    re.I,
)


def _stamp(ctx: Context) -> Finding | None:
    subject = ctx.subject_norm
    body = _PREFIX.sub("", subject)
    for stamp in ctx.kb.spam_stamps:
        if body.startswith(stamp) or subject.startswith(stamp):
            return ctx.finding("SUBJECT_SPAM_STAMP", [Evidence("header", ctx.msg.subject, "Subject")], stamp=stamp)
    return None


def _filter_headers(ctx: Context) -> list[Evidence]:
    """Verdict headers a filter on the way added: above the last Received line (below it, the
    sender could have written them)."""
    received = [i for i, (name, _) in enumerate(ctx.msg.headers) if name.lower() == "received"]
    limit = received[-1] if received else len(ctx.msg.headers)
    out = []
    for name, value in ctx.msg.headers[:limit]:
        lname = name.lower()
        for header, pattern, _note in ctx.kb.spam_headers:
            if lname == header and pattern.search(value):
                out.append(Evidence("header", value[:300], name))
                break
    return out


def check(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    stamp = _stamp(ctx)
    if stamp:
        findings.append(stamp)
    verdicts = _filter_headers(ctx)
    if verdicts:
        findings.append(ctx.finding("SUBJECT_FILTER_VERDICT", verdicts[:3], 1.0, header=verdicts[0].where))
    subject = ctx.msg.subject
    for match in _BRACKETS.finditer(subject):
        inner = next(g for g in match.groups() if g)
        brands = ctx.kb.brands_in(inner)
        if brands and not ctx.brand_is_legit_sender(brands[0][0]):
            findings.append(
                ctx.finding(
                    "SUBJECT_BRAND_BRACKET",
                    [Evidence("header", subject, "Subject")],
                    0.8,
                    brand=brands[0][0].name_en,
                    text=match.group(0),
                )
            )
            break
    urgent = sorted({normalise(m.group(0)) for m in _URGENT.finditer(subject)})
    if urgent:
        findings.append(
            ctx.finding(
                "SUBJECT_URGENCY",
                [Evidence("header", subject, "Subject")],
                0.6 if len(urgent) == 1 else 0.9,
                words=", ".join(urgent),
            )
        )
    return findings
