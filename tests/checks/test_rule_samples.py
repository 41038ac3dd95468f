"""Every finding id has hit and miss samples (CONTRIBUTING.md, convention 3).

tests/samples/<RULE_ID>/hit-*.eml must produce the finding, miss-*.eml (the legitimate
near-miss it must not fire on) must not. The samples are written by
tests/samples/make_samples.py; regenerate them after changing it.

KNOWN_ISSUES lists samples the checks or knowledge currently get wrong: they run as strict
xfail, so the suite stays green while the issue is visible, and fails once it is fixed (then
delete the entry).
"""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

import pytest
from helpers import ROOT

from mailautopsy import analyze

SAMPLES = ROOT / "tests" / "samples"
_RULES = tomllib.loads((ROOT / "src" / "mailautopsy" / "rules" / "rules.toml").read_text("utf-8"))["rule"]
# Online rules need DNS, RDAP and web servers: tests/test_online.py has their hits and misses;
# history rules need a sender history: tests/checks/test_history.py.
# Online, history, content-model and list rules need servers, a sender history, a trained model or
# the analyst's lists: their hits and misses are in tests/test_online.py, tests/checks/test_history.py,
# tests/test_learning.py and tests/test_lists.py.
_SPECIAL = ("online", "history", "learned", "listed")
RULE_IDS = sorted(rid for rid, r in _RULES.items() if not any(r.get(key) for key in _SPECIAL))

KNOWN_ISSUES: dict[str, str] = {}


def _samples() -> list[Path]:
    return sorted(SAMPLES.glob("*/*.eml"))


def _key(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _params() -> list[object]:
    out: list[object] = []
    for path in _samples():
        reason = KNOWN_ISSUES.get(_key(path))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(path, id=_key(path), marks=marks))
    return out


@pytest.mark.parametrize("path", _params())
def test_sample(path: Path) -> None:
    rule = path.parent.name
    result = analyze(path.read_bytes(), source=str(path))
    assert not result.errors, result.errors
    failed = [d for d in result.message.defects if d.code == "CHECK_FAILED"]
    assert not failed, failed
    found = sorted({f.id for f in result.findings})
    if path.name.startswith("hit-"):
        assert rule in found, f"{rule} not produced by hit sample; found {found}"
    else:
        assert rule not in found, f"{rule} produced by miss sample; found {found}"


def test_every_rule_has_hit_and_miss_samples() -> None:
    """At least one hit and one miss per rule id, not counting samples in KNOWN_ISSUES."""
    missing = []
    for rule in RULE_IDS:
        names = [p.name for p in (SAMPLES / rule).glob("*.eml") if f"{rule}/{p.name}" not in KNOWN_ISSUES]
        for kind in ("hit-", "miss-"):
            if not any(n.startswith(kind) for n in names):
                missing.append(f"{rule}: no {kind}*.eml")
    assert not missing, "add samples in tests/samples/make_samples.py:\n" + "\n".join(missing)


def test_sample_folders_and_names_are_valid() -> None:
    stale = [p.parent.name for p in _samples() if p.parent.name not in RULE_IDS]
    assert not stale, f"sample folders for unknown rule ids: {sorted(set(stale))}"
    bad = [_key(p) for p in _samples() if not p.name.startswith(("hit-", "miss-"))]
    assert not bad, f"sample names must start with hit- or miss-: {bad}"
    unknown = sorted(set(KNOWN_ISSUES) - {_key(p) for p in _samples()})
    assert not unknown, f"KNOWN_ISSUES entries without a sample: {unknown}"


def test_samples_match_generator() -> None:
    """The files on disk are exactly what make_samples.py writes: the same samples, byte for byte."""
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = {f"{rule}/{name}.eml": data for (rule, name), data in module.build_all().items()}
    on_disk = {_key(p): p.read_bytes() for p in _samples()}
    assert set(built) == set(on_disk), (
        f"run python tests/samples/make_samples.py; only generated: {sorted(set(built) - set(on_disk))}, "
        f"only on disk: {sorted(set(on_disk) - set(built))}"
    )
    stale = sorted(key for key, data in built.items() if on_disk[key] != data)
    assert not stale, f"run python tests/samples/make_samples.py; stale: {stale[:10]}"
