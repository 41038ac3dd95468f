"""The look-alike test's indexes (checks/lookalike.py) give what a scan of every brand label
gives: the same official, found in the same order, for slips of real brand labels and for
brand names inside longer labels."""

from __future__ import annotations

import random

from mailautopsy import knowledge
from mailautopsy.checks.lookalike import _brand_index, _brand_inside, _distance_le1, _label, _typo
from mailautopsy.parse.domains import registrable, within, within_any


def _labels() -> list[tuple[str, str]]:
    """(label, official) of six letters or more, in the knowledge's order (duplicates kept)."""
    index = _brand_index(knowledge.load())
    return sorted(
        {(e[0], e[1], e[2], e[3]) for entries in index.by_variant.values() for e in entries},
        key=lambda e: (e[0], e[1]),
    )  # type: ignore[return-value]


def _scan_typo(label: str, labels: list[tuple[int, int, str, str]]) -> str | None:
    for length in (len(label) - 1, len(label), len(label) + 1):
        for n, _, olabel, official in labels:
            if n == length and olabel != label and _distance_le1(label, olabel):
                return official
    return None


def _slips(label: str, rng: random.Random) -> list[str]:
    i = rng.randrange(len(label))
    return [
        label[:i] + label[i + 1 :],  # dropped
        label[:i] + label[i] + label[i:],  # doubled
        label[:i] + label[i + 1 : i + 2] + label[i : i + 1] + label[i + 2 :],  # swapped
        label[:i] + "1" + label[i + 1 :],  # replaced
        label[:i] + "-" + label[i:],  # hyphen
        label + "x",
    ]


def test_typo_index_finds_what_a_scan_finds() -> None:
    labels = _labels()
    index = _brand_index(knowledge.load())
    rng = random.Random(7)
    tried = found = 0
    for _, _, label, _ in labels:
        for slip in _slips(label, rng):
            tried += 1
            expected = _scan_typo(slip, labels)
            assert _typo(slip, index) == expected, slip
            found += expected is not None
    assert tried > 1000 and found > tried // 3


def test_brand_inside_finds_the_first_listed() -> None:
    kb = knowledge.load()
    listed = []  # (label, official) in the knowledge's order, as the index is built
    for brand in kb.brands:
        for domain in brand.domains:
            reg = registrable(domain)
            if len(_label(reg)) >= 6 and _label(reg) not in kb.generic_labels:
                listed.append((_label(reg), reg))
    listed = list(dict.fromkeys(listed))
    index = _brand_index(kb)
    rng = random.Random(11)
    for label, _ in listed:
        other = rng.choice(listed)[0]
        for host_label in (f"secure-{label}-login", other + label, label + other, label, label[1:]):
            expected = next((o for lab, o in listed if lab in host_label and lab != host_label), None)
            assert _brand_inside(host_label, index) == expected, host_label


def test_within_any_is_within_of_any() -> None:
    domains = frozenset({"bit.ly", "t.co", "", "co.jp", "x"})
    for host in ("bit.ly", "a.bit.ly", "abit.ly", "t.co", "xt.co", "a.", "", "example.co.jp", "x", "a.x", "ax"):
        assert within_any(host, domains) == any(within(host, d) for d in domains), host
