"""Leave-a-family-out cross-validation (familycv.py): a campaign never sits on both sides of a fold,
so a sign only one campaign shows does not carry its own fold."""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

from mailautopsy.familycv import by_folder, concentrated_rules, families, fitted_rules
from mailautopsy.rules import Rules
from mailautopsy.rules import load as load_rules


def _word(seed: int) -> str:
    """A made-up word without digits (digits are masked in a skeleton)."""
    digest = hashlib.sha256(str(seed).encode()).digest()
    return "".join(chr(ord("a") + b % 26) for b in digest[:7])


def _result(text: str, ids: list[str], verdict: str = "clean") -> dict[str, Any]:
    return {
        "verdict": verdict,
        "findings": [{"id": i, "confidence": 1.0} for i in ids],
        "extracted": {"subject": text[:40], "text": text, "links": []},
    }


def _family_text(family: int, copy: int) -> str:
    """One campaign's wording, with the numbers that vary between its copies."""
    return f"Dear customer {copy} order {copy * 17} " + " ".join(_word(family * 1000 + k) for k in range(40))


def _rules(ids: list[str]) -> Rules:
    shipped = load_rules()
    base = (
        shipped.rules["CONTENT_HIDDEN_TEXT"]
        if "CONTENT_HIDDEN_TEXT" in shipped.rules
        else next(iter(shipped.rules.values()))
    )
    table = {rid: dataclasses.replace(base, weight=0.0, calibrated=True, group="content", spam=False) for rid in ids}
    return dataclasses.replace(shipped, rules=table, group_caps={"content": 100.0})


def test_copies_of_one_campaign_are_one_family() -> None:
    results = [_result(_family_text(f, c), []) for f in range(3) for c in range(4)]
    ids = families(results)
    assert len(set(ids)) == 3
    assert all(ids[f * 4] == ids[f * 4 + c] for f in range(3) for c in range(4))


def test_a_sign_of_one_campaign_only_does_not_survive_its_fold() -> None:
    ids = [f"CONTENT_FAMILY_{f}" for f in range(10)]
    phish = [_result(_family_text(f, c), [ids[f]], "phishing") for f in range(10) for c in range(25)]
    ham = [_result(" ".join(_word(100_000 + i * 100 + k) for k in range(30)), []) for i in range(250)]
    # Fitted on everything, each campaign's own sign flags it ...
    everything = fitted_rules(
        [(dict.fromkeys([ids[f]], 1.0), 1) for f in range(10) for _ in range(25)] + [({}, 0)] * 250, _rules(ids)
    )
    assert all(everything.rules[i].weight > 30 for i in ids)
    # ... but with the campaign's fold left out the sign was never seen, and nothing is flagged.
    figures, groups = by_folder([("phish", "phish", phish), ("ham", "ham", ham)], _rules(ids))
    assert len(set(groups)) == 10 + 250
    concentrated = concentrated_rules(phish, groups[: len(phish)])
    assert {row[0] for row in concentrated} == set(ids) and all(row[3] == 1.0 for row in concentrated)
    assert figures[0].flagged == 1.0 and figures[0].cv_flagged == 0.0
    assert figures[1].cv_flagged == 0.0


def test_a_sign_every_campaign_shows_carries_over() -> None:
    ids = [f"CONTENT_FAMILY_{f}" for f in range(10)] + ["CONTENT_COMMON"]
    phish = [_result(_family_text(f, c), [ids[f], "CONTENT_COMMON"], "phishing") for f in range(10) for c in range(25)]
    ham = [_result(" ".join(_word(100_000 + i * 100 + k) for k in range(30)), []) for i in range(250)]
    figures, _ = by_folder([("phish", "phish", phish), ("ham", "ham", ham)], _rules(ids))
    assert figures[0].cv_flagged == 1.0 and figures[1].cv_flagged == 0.0
