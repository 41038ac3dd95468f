"""The one way to write a check: a function decorated with the rule ids it may emit.

    @rule("SUBJECT_URGENCY")
    def urgency(ctx: Context) -> Iterator[Finding]:
        ...
        yield ctx.finding("SUBJECT_URGENCY", evidence, confidence, words=...)

A function covers one rule, or a small family of rules that share one computation
(`@rule("AUTH_SPF_FAIL", "AUTH_DKIM_FAIL", "AUTH_DMARC_FAIL")`). It takes the `Context` and
returns (or yields) the findings; it reads no files and writes no sentences. Decorating is all
the registration there is: `rule_functions()` imports every check module in `MODULES` and returns
the functions in that order (module order, then source order), which is the order of the
findings in a result. An online rule takes the investigation's `Enrichment` as its second
argument and is registered with `@rule(..., online=True)`.

The ids are tied together by tests/checks/test_rule_registry.py: the registry, rules/rules.toml, both
i18n catalogues and tests/samples/ must name the same ones.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..model import Finding
from .base import Context

# Offline check modules, in the order their findings appear. checks/online.py registers on import
# (analyze.py imports it only for an online investigation, so offline runs load no network code).
MODULES = (
    "subject",
    "sender",
    "route",
    "auth",
    "links",
    "attachments",
    "content",
    "claims",
    "learned",
    "campaign",
    "lists",
)

RuleFunction = Callable[..., Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class RuleCheck:
    """One registered check function and the rule ids it may emit."""

    ids: tuple[str, ...]
    function: RuleFunction
    module: str
    online: bool = False

    @property
    def name(self) -> str:
        return f"{self.module}.{self.function.__name__}"

    def run(self, ctx: Context, *extra: Any) -> list[Finding]:
        """The function's findings; a finding with an id it did not declare is a bug in it."""
        found = list(self.function(ctx, *extra))
        stray = sorted({f.id for f in found} - set(self.ids)) if found else []
        if stray:
            raise ValueError(f"{self.name} emitted undeclared rule ids {stray}")
        return found


_REGISTRY: list[RuleCheck] = []


def rule(*ids: str, online: bool = False) -> Callable[[RuleFunction], RuleFunction]:
    """Register the decorated function as the check for `ids`."""
    if not ids:
        raise ValueError("@rule needs at least one rule id")

    def register(function: RuleFunction) -> RuleFunction:
        module = function.__module__.rpartition(".")[2]
        taken = {i for r in _REGISTRY if r.function is not function for i in r.ids} & set(ids)
        if taken:
            raise ValueError(f"{module}.{function.__name__}: rule ids already registered: {sorted(taken)}")
        if not any(r.function is function for r in _REGISTRY):
            _REGISTRY.append(RuleCheck(tuple(ids), function, module, online))
        return function

    return register


def rule_functions(online: bool = False) -> tuple[RuleCheck, ...]:
    """The registered check functions, offline ones in `MODULES` order (or the online ones)."""
    _import_modules(online)
    return _ordered(online, len(_REGISTRY))


@cache
def _import_modules(online: bool) -> None:
    for name in (*MODULES, "online") if online else MODULES:
        importlib.import_module(f"{__package__}.{name}")


@cache
def _ordered(online: bool, _registered: int) -> tuple[RuleCheck, ...]:
    """Cached per registry size: a function registered later is not missed."""
    if online:
        return tuple(r for r in _REGISTRY if r.online)
    order = {name: i for i, name in enumerate(MODULES)}
    offline = [r for r in _REGISTRY if not r.online]
    return tuple(sorted(offline, key=lambda r: order.get(r.module, len(order))))


PIPELINE_IDS = frozenset({"ANALYSIS_INCOMPLETE"})
"""Rule ids the analysis itself emits rather than a check: ANALYSIS_INCOMPLETE comes from the
message's time budget and limits (deadline.py), which no check can see from inside."""


def registered_ids() -> set[str]:
    """Every rule id some registered function (or the pipeline itself) may emit, online ones included."""
    return {i for r in rule_functions() + rule_functions(online=True) for i in r.ids} | PIPELINE_IDS
