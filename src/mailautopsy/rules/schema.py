"""The typed model of rules/rules.toml, checked before the rules are read.

Every error of the file is reported at once with its line (knowledge/loader.py). To add a per-rule
field, add it to `RuleEntry` (with a default, so that the rules that do not set it stay valid); the
loader in rules/__init__.py then reads it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

import msgspec

from ..knowledge import loader

PREFIXES = ("SUBJECT", "SENDER", "ROUTE", "AUTH", "LINK", "ATTACH", "CONTENT", "REPUTATION", "ONLINE", "ANALYSIS")
"""A finding id starts with the artefact it is about."""

_RULE_ID = rf"^(?:{'|'.join(PREFIXES)})_[A-Z0-9_]+$"
RuleId = Annotated[str, msgspec.Meta(pattern=_RULE_ID)]
loader.PATTERNS[_RULE_ID] = f"a rule id (capitals, digits and '_', starting with one of {', '.join(PREFIXES)})"


class Severity(StrEnum):
    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class Group(StrEnum):
    SUBJECT = "subject"
    SENDER = "sender"
    ROUTE = "route"
    AUTH = "auth"
    LINKS = "links"
    ATTACHMENTS = "attachments"
    CONTENT = "content"
    REPUTATION = "reputation"


class RuleEntry(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """One `[rule.ID]` table (fields documented in rules/__init__.py `Rule`)."""

    severity: Severity
    group: Group
    weight: Annotated[float, msgspec.Meta(ge=0)] = 0.0
    description: str = ""
    false_positives: str = ""
    spam: bool = False
    calibrated: bool = True
    online: bool = False
    history: bool = False
    learned: bool = False
    forwarded: bool = False
    brand_domain: str = ""
    recipient_params: list[str] = []
    our_params: list[str] = []
    deception: bool = False
    floor: Literal["", "suspicious", "phishing"] = ""
    ceiling: Literal["", "clean"] = ""
    listed: bool = False


class Thresholds(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    phishing: float
    suspicious: float
    deception_confidence: Annotated[float, msgspec.Meta(ge=0, le=1)] = 0.7


class RulesFile(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    thresholds: Thresholds
    group_caps: dict[Group, Annotated[float, msgspec.Meta(ge=0)]] = {}
    rule: dict[RuleId, RuleEntry] = {}


def validate(text: str, name: str = "rules/rules.toml") -> dict[str, Any]:
    """The data of the rules file; or one `KnowledgeError` listing every problem, each with its line."""
    data, report = loader.parse_toml(name, text)
    loader.convert(data, RulesFile, report, ())
    report.raise_if_any()
    return data
