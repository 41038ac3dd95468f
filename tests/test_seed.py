"""The seed: the KAGOYA phishing mail the project grew from, and its legitimate twin."""

from __future__ import annotations

import io
import os

import pytest
from helpers import EXAMPLES, ROOT

from mailautopsy import analyze
from mailautopsy.render.text import render_text

GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="module")
def seed():
    return analyze((EXAMPLES / "kagoya-phish.eml").read_bytes(), "examples/kagoya-phish.eml")


def test_seed_is_phishing_impersonating_kagoya(seed):
    assert seed.verdict == "phishing"
    assert seed.brand is not None and seed.brand.id == "kagoya"
    assert seed.brand_label == "KAGOYA"


@pytest.mark.parametrize(
    "finding_id",
    [
        "SUBJECT_SPAM_STAMP",
        "SENDER_BRAND_MISMATCH",
        "SENDER_ADDRESS_IN_NAME",
        "ROUTE_PRIVATE_ORIGIN",
        "LINK_TEXT_MISMATCH",
        "LINK_BRAND_IN_URL",
        "LINK_RECIPIENT_IN_URL",
    ],
)
def test_seed_findings(seed, finding_id):
    ids = {f.id for f in seed.findings}
    assert finding_id in ids, sorted(ids)


def test_seed_evidence_is_exact(seed):
    by_id = {f.id: f for f in seed.findings}
    assert by_id["ROUTE_PRIVATE_ORIGIN"].evidence[0].value == "172.23.12.58"
    assert "cameo.plala.or.jp" in by_id["SENDER_BRAND_MISMATCH"].evidence[0].value
    assert by_id["SENDER_BRAND_MISMATCH"].params["official"].startswith("kagoya.jp")
    mismatch = by_id["LINK_TEXT_MISMATCH"]
    assert mismatch.evidence[0].value.startswith("https://active-japan-top.beak.host/Kagoya-active")
    assert "beak.host" in mismatch.params["real"]
    assert by_id["SUBJECT_SPAM_STAMP"].params["stamp"] == "[spam]"


def test_every_finding_explained_in_both_languages(seed):
    import string

    from mailautopsy.i18n import catalogue, messages

    for f in seed.findings:
        text = messages(f)
        assert text["ja"] and text["en"] and text["ja"] != text["en"]
        assert f.evidence, f.id
        for lang in ("ja", "en"):
            template = catalogue(lang)["finding"][f.id]["message"]
            fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
            assert fields <= set(f.params), (f.id, lang, fields - set(f.params))


def test_legitimate_kagoya_notice_is_clean():
    result = analyze((EXAMPLES / "kagoya-legit.eml").read_bytes(), "examples/kagoya-legit.eml")
    assert result.verdict == "clean", [(f.id, f.params) for f in result.findings]
    # The brand is named whatever the verdict (issue 14): here the sender is that brand, verified.
    assert result.brand is not None and result.brand.id == "kagoya"
    assert result.brand_is_sender and result.brand_verified


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_golden_terminal_output(seed, lang):
    buf = io.StringIO()
    render_text(seed, lang, file=buf, width=100, color=False)
    out = buf.getvalue()
    path = GOLDEN / f"seed.{lang}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")
    # Links are defanged: no live URL of the phishing host appears.
    assert "https://active-japan-top" not in out
    assert "beak.host" not in out
