"""Scoring: weight × confidence per finding, capped per group, thresholds → verdict.

Transparent by construction: the breakdown is part of the result.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Finding
from .rules import Rules


@dataclass(frozen=True, slots=True)
class Contribution:
    id: str
    group: str
    points: float


@dataclass(frozen=True, slots=True)
class Outweighed:
    """A high-severity finding in a `clean` verdict, and why it did not flag the mail."""

    id: str
    points: float
    confidence: float
    reason: str
    """low_confidence: a deception rule whose check was unsure (below
    thresholds.deception_confidence), so its points decide; not_deception: not a sign of
    deception by itself, and its points stay below the `suspicious` threshold; allow_listed:
    the analyst's allow-list cleared the mail (a `ceiling` rule, see `lowered_by`)."""


@dataclass(frozen=True, slots=True)
class Score:
    total: int
    verdict: str
    contributions: tuple[Contribution, ...]
    groups: tuple[tuple[str, float, float], ...]
    """(group, points before the cap, points counted)"""
    raised_by: tuple[str, ...] = ()
    """Finding ids that set the verdict above what the points say (a `floor` rule, or a
    confident high-severity deception finding)."""
    outweighed: tuple[Outweighed, ...] = ()
    """High-severity findings of a `clean` verdict, each with the reason it was outweighed."""
    thresholds: tuple[float, float] = (0.0, 0.0)
    """(suspicious, phishing) points the verdict was judged against."""
    lowered_by: tuple[str, ...] = ()
    """Finding ids that held the verdict down, below what the points or a deception finding would
    say (a `ceiling` rule: the analyst's allow-list)."""


_ORDER = {"clean": 0, "spam": 1, "suspicious": 2, "phishing": 3}
_HIGH = ("high", "critical")


def floor_of(f: Finding, rules: Rules) -> str:
    """The least verdict this finding allows ('' when it leaves the verdict to the points)."""
    rule = rules.get(f.id)
    if rule.floor:
        return rule.floor
    if rule.deception and f.severity in _HIGH and f.confidence >= rules.thresholds.get("deception_confidence", 0.7):
        return "suspicious"
    return ""


def _bounded(verdict: str, best: dict[str, Finding], rules: Rules) -> tuple[str, list[str], list[str]]:
    """The verdict within its findings' bounds: (verdict, ids that raised it, ids that lowered it).
    Verdicts agree with their findings: a rule's ceiling (the analyst's allow-list) holds the verdict
    down, outweighing points and deception; a rule's floor (an unfinished analysis, the
    block-list) and, without a ceiling, a confident high-severity deception finding make the
    mail at least suspicious, whatever the weights. A floor beats a ceiling: an allow-listed
    sender's mail with a block-listed link is phishing."""
    ceilings = [f.id for f in best.values() if rules.get(f.id).ceiling]
    lowered: list[str] = []
    if ceilings:
        level = min((rules.get(i).ceiling for i in ceilings), key=_ORDER.__getitem__)
        verdict, lowered = min(level, verdict, key=_ORDER.__getitem__), ceilings
    raised: list[str] = []
    for f in best.values():
        level = rules.get(f.id).floor if ceilings else floor_of(f, rules)
        if level and _ORDER[level] > _ORDER[verdict]:
            raised.append(f.id)
    if raised:
        verdict = max((rules.get(rid).floor or floor_of(best[rid], rules) for rid in raised), key=_ORDER.__getitem__)
        lowered = []
    return verdict, raised, lowered


def score(findings: list[Finding], rules: Rules) -> Score:
    by_group: dict[str, list[Contribution]] = {}
    best: dict[str, Finding] = {}
    for f in findings:  # a finding id counts once: its strongest instance
        if f.id not in best or f.weight * f.confidence > best[f.id].weight * best[f.id].confidence:
            best[f.id] = f
    for f in best.values():
        by_group.setdefault(f.group, []).append(Contribution(f.id, f.group, round(f.weight * f.confidence, 1)))
    groups = []
    total = 0.0
    for group, items in by_group.items():
        raw = sum(c.points for c in items)
        counted = min(raw, rules.group_caps.get(group, 100.0))
        groups.append((group, round(raw, 1), round(counted, 1)))
        total += counted
    final = round(min(100.0, total))
    thresholds = rules.thresholds
    spam_points = sum(c.points for items in by_group.values() for c in items if rules.get(c.id).spam)
    if final >= thresholds["phishing"]:
        verdict = "phishing"
    elif final >= thresholds["suspicious"]:
        # Flagged, but on bulk-mail signs alone (casino, crypto offers, random senders): spam.
        verdict = "spam" if spam_points >= 0.6 * total else "suspicious"
    else:
        verdict = "clean"
    verdict, raised, lowered = _bounded(verdict, best, rules)
    outweighed: list[Outweighed] = []
    if verdict == "clean":
        for f in best.values():
            if f.severity in _HIGH:
                reason = (
                    "allow_listed" if lowered else "low_confidence" if rules.get(f.id).deception else "not_deception"
                )
                outweighed.append(Outweighed(f.id, round(f.weight * f.confidence, 1), f.confidence, reason))
    contributions = tuple(sorted((c for items in by_group.values() for c in items), key=lambda c: -c.points))
    return Score(
        final,
        verdict,
        contributions,
        tuple(sorted(groups, key=lambda g: -g[2])),
        tuple(raised),
        tuple(outweighed),
        (thresholds["suspicious"], thresholds["phishing"]),
        tuple(lowered),
    )
