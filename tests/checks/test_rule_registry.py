"""One rule, one id everywhere: the check registry (checks/registry.py), rules/rules.toml, both
i18n catalogues and tests/samples/ name exactly the same rule ids; the per-rule data code reads
(rules.toml `forwarded`, `brand_domain`, `recipient_params`, `our_params`) is valid; and a check
that breaks is recorded as a CHECK_FAILED defect with its rule ids, not lost."""

from __future__ import annotations

import io
import string
import sys
import tomllib

import pytest
from helpers import ROOT

from mailautopsy import analyze, rules
from mailautopsy.checks import RuleCheck, rule_functions
from mailautopsy.checks.registry import MODULES, registered_ids
from mailautopsy.errors import KnowledgeError
from mailautopsy.render.json import to_dict
from mailautopsy.render.text import render_text

SRC = ROOT / "src" / "mailautopsy"
RULES = rules.load().rules


def _catalogue(lang: str) -> dict[str, dict[str, str]]:
    return tomllib.loads((SRC / "i18n" / f"{lang}.toml").read_text("utf-8"))["finding"]


def _placeholders(rule_id: str) -> set[str]:
    names: set[str] = set()
    for lang in ("en", "ja"):
        message = _catalogue(lang).get(rule_id, {}).get("message", "")
        names |= {name for _, name, _, _ in string.Formatter().parse(message) if name}
    return names


def test_registry_rules_and_i18n_name_the_same_ids() -> None:
    registry = registered_ids()
    assert sorted(registry - set(RULES)) == [], "registered but not in rules/rules.toml"
    assert sorted(set(RULES) - registry) == [], "in rules/rules.toml but no @rule function emits it"
    for lang in ("en", "ja"):
        assert sorted(set(_catalogue(lang)) ^ registry) == [], f"i18n/{lang}.toml [finding.*] differs"


def test_samples_name_the_registered_ids() -> None:
    # Online rules need DNS, RDAP and web servers (their hits and misses are in tests/test_online.py,
    # against servers on loopback); history rules need a sender history (tests/checks/test_history.py).
    # The content model's rule needs a trained model (tests/test_learning.py trains one from the
    # samples). The analyst's lists' rules need lists (tests/test_lists.py). They are the only ones
    # without a sample folder.
    exempt = {rid for rid, rule in RULES.items() if rule.online or rule.history or rule.learned or rule.listed}
    folders = {p.name for p in (ROOT / "tests" / "samples").iterdir() if p.is_dir()}
    assert sorted(folders ^ (registered_ids() - exempt)) == []


def test_every_check_function_is_registered_once_in_module_order() -> None:
    offline = rule_functions()
    ids = [i for check in offline for i in check.ids]
    assert len(ids) == len(set(ids)), "a rule id is claimed by two functions"
    assert all(not check.online for check in offline)
    assert all(check.online for check in rule_functions(online=True))
    modules = [check.module for check in offline]
    assert modules == sorted(modules, key=MODULES.index)


def test_rule_metadata_names_parameters_the_texts_use() -> None:
    """`our_params` marks parameters of the rule's own sentence; one that no sentence uses is stale."""
    for rid, rule in RULES.items():
        assert set(rule.our_params) <= _placeholders(rid), rid
    forwarded = {rid for rid, rule in RULES.items() if rule.forwarded}
    assert {"LINK_TEXT_MISMATCH", "ATTACH_EXECUTABLE", "CONTENT_CREDENTIAL_REQUEST"} <= forwarded
    assert "SENDER_BRAND_MISMATCH" in forwarded and "AUTH_DMARC_FAIL" not in forwarded
    assert RULES["LINK_RECIPIENT_IN_URL"].recipient_params == ("address",)


@pytest.mark.parametrize("rule_id", sorted(rid for rid, rule in RULES.items() if rule.brand_domain))
def test_brand_domain_parameter_is_emitted(rule_id: str) -> None:
    """The parameter `brand_domain` names is one the rule's hit samples carry."""
    param = RULES[rule_id].brand_domain
    for path in sorted((ROOT / "tests" / "samples" / rule_id).glob("hit-*.eml")):
        found = [f for f in analyze(path.read_bytes()).findings if f.id == rule_id]
        assert found and all(param in f.params for f in found), path.name


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"severity": "low", "group": "links", "forwarded": "yes"}, "forwarded must be true or false"),
        ({"severity": "low", "group": "links", "brand_domain": ["target"]}, "brand_domain must be"),
        ({"severity": "low", "group": "links", "our_params": "brand"}, "our_params must be a list"),
        ({"severity": "low", "group": "links", "recipient_params": ["an address"]}, "recipient_params must be"),
        ({"severity": "low", "group": "links", "forwarder": True}, "unknown keys ['forwarder']"),
    ],
)
def test_rule_metadata_is_validated(entry: dict[str, object], message: str) -> None:
    with pytest.raises(KnowledgeError, match=message.replace("[", r"\[").replace("]", r"\]")):
        rules._rule("LINK_EXAMPLE", entry)


SEED = (ROOT / "examples" / "kagoya-phish.eml").read_bytes()


def _broken(monkeypatch: pytest.MonkeyPatch, emits: str | None = None) -> None:
    """Replace the registry with one working check and one that breaks (raises, or emits an id
    it did not declare)."""
    real = rule_functions()
    urgency = next(c for c in real if c.ids == ("SUBJECT_URGENCY",))

    def broken(ctx: object) -> list[object]:
        if emits is None:
            raise ValueError("boom")
        return list(urgency.function(ctx))

    checks = (RuleCheck(("SUBJECT_SPAM_STAMP",), broken, "subject"), urgency)
    monkeypatch.setattr(sys.modules["mailautopsy.analyze"], "rule_functions", lambda online=False: checks)


def test_failing_check_is_a_check_failed_defect(monkeypatch: pytest.MonkeyPatch) -> None:
    _broken(monkeypatch)
    result = analyze(SEED)
    assert [f.id for f in result.findings] == ["SUBJECT_URGENCY"], "the other check's findings are kept"
    failed = [d for d in to_dict(result)["defects"] if d["code"] == "CHECK_FAILED"]
    assert len(failed) == 1 and failed[0]["where"] == "SUBJECT_SPAM_STAMP", failed
    assert "ValueError: boom" in failed[0]["detail"]
    out = io.StringIO()
    render_text(result, "en", file=out, width=200, color=False)
    assert "CHECK_FAILED" in out.getvalue()


def test_check_emitting_an_undeclared_id_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    _broken(monkeypatch, emits="SUBJECT_URGENCY")
    result = analyze(SEED)
    failed = [d for d in result.message.defects if d.code == "CHECK_FAILED"]
    assert failed and "undeclared rule ids ['SUBJECT_URGENCY']" in failed[0].detail
