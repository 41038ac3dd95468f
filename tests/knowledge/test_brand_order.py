"""Which brand a host, alias or display name is read as never depends on the order of brands.toml:
the most specific listed domain wins, then a brand's `domains` over another's `sending_domains`,
then brands.toml [tie_breaks] (issue 16)."""

from __future__ import annotations

import random

import pytest

from mailautopsy import knowledge
from mailautopsy.knowledge import Knowledge

BASE = knowledge.load()


def _reordered(seed: int | None) -> Knowledge:
    brands = list(BASE.brands)
    if seed is None:
        brands.reverse()
    else:
        random.Random(seed).shuffle(brands)
    return Knowledge(
        brands=brands,
        shorteners=BASE.shorteners,
        redirectors=BASE.redirectors,
        freemail=BASE.freemail,
        free_hosting=BASE.free_hosting,
        suspicious_tlds=BASE.suspicious_tlds,
        generic_labels=BASE.generic_labels,
        role_words=BASE.role_words,
        spam_stamps=BASE.spam_stamps,
        spam_headers=BASE.spam_headers,
        lures=BASE.lures,
        tie_breaks=BASE.tie_breaks,
    )


def _lookups(kb: Knowledge) -> dict[str, object]:
    """Every lookup by domain, alias and plain name the brands offer, as brand ids."""
    out: dict[str, object] = {}
    for brand in BASE.brands:
        for domain in brand.domains + brand.sending_domains:
            for host in (domain, f"mail.{domain}"):
                owner = kb.brand_owning(host)
                out[f"host {host}"] = owner.id if owner else None
        for alias in (*brand.aliases, brand.name_en, brand.name_ja):
            if alias:
                out[f"text {alias}"] = [(b.id, a) for b, a in kb.brands_in(f"Your {alias} account")]
        for word in (brand.id, brand.domains[0].split(".")[0] if brand.domains else ""):
            named = kb.brand_named(f"{word} Support") if word else None
            out[f"name {word}"] = named[0].id if named else None
    return out


@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_shuffling_brands_changes_no_lookup(seed: int | None) -> None:
    assert _lookups(_reordered(seed)) == _lookups(BASE)


def test_the_most_specific_domain_wins() -> None:
    for kb in (BASE, _reordered(None)):
        assert kb.brand_owning("direct.jp-bank.japanpost.jp").id == "yucho"  # type: ignore[union-attr]
        assert kb.brand_owning("www.japanpost.jp").id == "japan_post"  # type: ignore[union-attr]
        assert kb.brand_owning("cr.mufg.jp").id == "mufg_nicos"  # type: ignore[union-attr]
        assert kb.brand_owning("www.mufg.jp").id == "mufg_bank"  # type: ignore[union-attr]


def test_domains_win_over_another_brands_sending_domains() -> None:
    smbc = BASE.brand("smbc")
    assert smbc is not None and "smbc-card.com" in smbc.sending_domains
    for kb in (BASE, _reordered(None)):
        assert kb.brand_owning("smbc-card.com").id == "smbc_card"  # type: ignore[union-attr]


def test_settled_ties_follow_tie_breaks() -> None:
    assert BASE.ties["domains"]["www.gov.br"] == ["detran", "gov_br", "receita_federal"]
    for kb in (BASE, _reordered(None)):
        assert kb.brand_owning("www.gov.br").id == BASE.tie_breaks["domains"]["www.gov.br"]  # type: ignore[union-attr]
        named = kb.brand_named("Yahoo")
        assert named is not None and named[0].id == BASE.tie_breaks["names"]["yahoo"]
