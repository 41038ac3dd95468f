"""Checks: pure functions from the extracted message (and context) to findings, one module per
artefact. Each rule is written once, as a function decorated with `@rule("RULE_ID")`
(checks/registry.py); `rule_functions()` finds them all."""

from __future__ import annotations

from .base import Context
from .registry import RuleCheck, rule, rule_functions

__all__ = ["Context", "RuleCheck", "rule", "rule_functions"]
