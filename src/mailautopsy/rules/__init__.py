"""Rule data: one entry per finding id (severity, weight, group), loaded strictly.

Scores live here, not in code, and so does what code needs to know of a rule (CONTRIBUTING.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..errors import KnowledgeError

SEVERITIES = ("info", "low", "medium", "high", "critical")
GROUPS = ("subject", "sender", "route", "auth", "links", "attachments", "content", "reputation")


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: str
    weight: float
    group: str
    description: str = ""
    false_positives: str = ""
    spam: bool = False
    """A sign of unsolicited bulk mail rather than of fraud (decides spam vs suspicious)."""
    calibrated: bool = True
    """Whether `bench calibrate` may fit this rule's weight (False: set by hand, documented why)."""
    online: bool = False
    """Fires only from the online investigation (--online/--visit); its tests use local servers."""
    history: bool = False
    """Fires only when a sender history or a campaign index is given (analyze(history=...),
    analyze(campaigns=...)); tests/checks/test_history.py, tests/campaign/test_campaign_checks.py."""
    learned: bool = False
    """Fires only when a trained content model is given (analyze(model=...)); tests/test_learning.py."""
    forwarded: bool = False
    """Also judged on a message forwarded inside the mail (its headers are the forwarder's retyping)."""
    brand_domain: str = ""
    """The parameter naming the domain of the brand the mail imitates (names the claimed brand)."""
    recipient_params: tuple[str, ...] = ()
    """Parameters that carry the recipient's address: masked when a report is published."""
    our_params: tuple[str, ...] = ()
    """Parameters whose values are our own words (knowledge-base names, counts, fixed terms); every
    other parameter is the mail's (attacker-controlled) text, set apart when rendered."""
    deception: bool = False
    """A sign of deception (disguised link, brand impersonation, look-alike sender): at high or
    critical severity and confidence >= thresholds.deception_confidence it makes the verdict at
    least `suspicious`, whatever the weights (score.py)."""
    floor: str = ""
    """The least verdict whenever the finding fires ('' none; 'suspicious' for an analysis
    that did not finish)."""
    ceiling: str = ""
    """The highest verdict whenever the finding fires ('' none; 'clean' for the analyst's
    allow-list): it outweighs the points and deception, never another rule's `floor` (score.py)."""
    listed: bool = False
    """Fires only when the analyst gives allow- or block-lists (checks/lists.py); tests/test_lists.py."""


@dataclass(frozen=True, slots=True)
class Rules:
    rules: dict[str, Rule]
    group_caps: dict[str, float]
    thresholds: dict[str, float]

    def get(self, rule_id: str) -> Rule:
        try:
            return self.rules[rule_id]
        except KeyError:
            raise KnowledgeError(f"rules/rules.toml: no rule {rule_id!r}") from None


def _rule(rule_id: str, entry: dict[str, Any]) -> Rule:
    where = f"rules/rules.toml [{rule_id}]"
    prefix = rule_id.split("_", 1)[0]
    if prefix not in {
        "SUBJECT",
        "SENDER",
        "ROUTE",
        "AUTH",
        "LINK",
        "ATTACH",
        "CONTENT",
        "REPUTATION",
        "ONLINE",
        "ANALYSIS",
    }:
        raise KnowledgeError(f"{where}: id must start with an artefact prefix")
    severity = entry.get("severity")
    if severity not in SEVERITIES:
        raise KnowledgeError(f"{where}: severity must be one of {SEVERITIES}")
    group = entry.get("group")
    if group not in GROUPS:
        raise KnowledgeError(f"{where}: group must be one of {GROUPS}")
    unknown = set(entry) - _KEYS
    if unknown:
        raise KnowledgeError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("spam", "calibrated", "online", "history", "learned", "forwarded", "listed"):
        if not isinstance(entry.get(key, False), bool):
            raise KnowledgeError(f"{where}: {key} must be true or false")
    brand_domain = entry.get("brand_domain", "")
    if not isinstance(brand_domain, str):
        raise KnowledgeError(f"{where}: brand_domain must be a parameter name")
    return Rule(
        rule_id,
        severity,
        float(entry.get("weight", 0)),
        group,
        str(entry.get("description", "")),
        str(entry.get("false_positives", "")),
        bool(entry.get("spam", False)),
        bool(entry.get("calibrated", True)),
        bool(entry.get("online", False)),
        bool(entry.get("history", False)),
        bool(entry.get("learned", False)),
        bool(entry.get("forwarded", False)),
        brand_domain,
        _names(where, entry, "recipient_params"),
        _names(where, entry, "our_params"),
        bool(entry.get("deception", False)),
        _floor(where, entry.get("floor", "")),
        str(entry.get("ceiling", "")),
        bool(entry.get("listed", False)),
    )


_KEYS = {
    "severity",
    "weight",
    "group",
    "description",
    "false_positives",
    "spam",
    "calibrated",
    "online",
    "history",
    "learned",
    "forwarded",
    "brand_domain",
    "recipient_params",
    "our_params",
    "deception",
    "floor",
    "ceiling",
    "listed",
}


def _names(where: str, entry: dict[str, Any], key: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.isidentifier() for v in value):
        raise KnowledgeError(f"{where}: {key} must be a list of parameter names")
    return tuple(value)


def _floor(where: str, value: object) -> str:
    if value not in ("", "suspicious", "phishing"):
        raise KnowledgeError(f"{where}: floor must be 'suspicious' or 'phishing'")
    return str(value)


@cache
def load() -> Rules:
    text = resources.files(__package__).joinpath("rules.toml").read_text(encoding="utf-8")
    from .schema import validate

    data = validate(text)  # every error of the file at once, with its line
    rules = {rid: _rule(rid, entry) for rid, entry in data.get("rule", {}).items()}
    caps = {str(k): float(v) for k, v in data.get("group_caps", {}).items()}
    thresholds = {str(k): float(v) for k, v in data.get("thresholds", {}).items()}
    for key in ("phishing", "suspicious"):
        if key not in thresholds:
            raise KnowledgeError(f"rules/rules.toml: thresholds.{key} is missing")
    return Rules(rules, caps, thresholds)
