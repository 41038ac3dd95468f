"""Modern legitimate mail (fixtures/legit, made by make_legit.py; the `review2_*` files were written
by hand for a false-alarm review, with Microsoft 365 delivery headers, passing SPF/DKIM/DMARC, ESP
bounce domains, click trackers and preheader padding) must be analysed as `clean`.

Order confirmations, shipping notices, ESP newsletters with click trackers, genuine security
notices, receipts, a DMARC report, a ticket update and a calendar invitation: the mail a
phishing detector meets every day and must leave alone.
"""

from __future__ import annotations

import pytest
from helpers import FIXTURES

from mailautopsy.analyze import analyze

FOLDER = FIXTURES / "legit"

# name -> why it is (wrongly) flagged today; an entry here makes the test a strict xfail.
KNOWN_FALSE_POSITIVES: dict[str, str] = {}


def _params() -> list:
    params = []
    for path in sorted(FOLDER.glob("*.eml")):
        reason = KNOWN_FALSE_POSITIVES.get(path.stem)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(path.name, marks=marks, id=path.stem))
    return params


def test_fixture_set_is_complete():
    assert len(list(FOLDER.glob("*.eml"))) >= 20
    assert set(KNOWN_FALSE_POSITIVES) <= {p.stem for p in FOLDER.glob("*.eml")}


@pytest.mark.parametrize("name", _params())
def test_legit_mail_is_clean(name):
    result = analyze((FOLDER / name).read_bytes(), source=name)
    findings = "\n".join(
        f"  {f.id} ({f.severity}, conf {f.confidence:.2f}): "
        + "; ".join(f"{e.kind}={e.value!r} @ {e.where}" for e in f.evidence)[:300]
        for f in result.findings
    )
    assert result.verdict == "clean", f"{name}: {result.verdict} (score {result.score.total})\n{findings}"
    assert not result.errors, result.errors
