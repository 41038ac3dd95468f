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
class Score:
    total: int
    verdict: str
    contributions: tuple[Contribution, ...]
    groups: tuple[tuple[str, float, float], ...]
    """(group, points before the cap, points counted)"""


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
    contributions = tuple(sorted((c for items in by_group.values() for c in items), key=lambda c: -c.points))
    return Score(final, verdict, contributions, tuple(sorted(groups, key=lambda g: -g[2])))
