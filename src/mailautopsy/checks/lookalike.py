"""Look-alike domains: typos, homoglyphs and confusables, brand names inside other
domains, official domains used as a subdomain of another."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import ahocorasick

from ..knowledge import Knowledge
from ..parse.domains import parent_domains, public_suffix, registrable, to_unicode

# Letters that render like Latin ones (Unicode confusables, the common subset).
_CONFUSABLE = str.maketrans(
    {
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "х": "x",
        "у": "y",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        "ԁ": "d",
        "ɡ": "g",
        "ӏ": "l",
        "ԛ": "q",
        "ԝ": "w",
        "һ": "h",
        "ո": "n",
        "ս": "u",
        "α": "a",
        "ο": "o",
        "ρ": "p",
        "ν": "v",
        "τ": "t",
        "ι": "i",
        "κ": "k",
        "ε": "e",
        "0": "o",
        "1": "l",
        "i": "l",
        "|": "l",
        "$": "s",
        "5": "s",
        "@": "a",
        "ı": "l",
        "ℓ": "l",
        "ɑ": "a",
        "ᴀ": "a",
        "ʀ": "r",
    }
)


def skeleton(label: str) -> str:
    """A comparison form in which look-alike spellings coincide."""
    text = unicodedata.normalize("NFKD", label)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().translate(_CONFUSABLE)
    return text.replace("rn", "m").replace("vv", "w").replace("cl", "d")


def _label(domain: str) -> str:
    suffix = public_suffix(domain)
    return domain[: -len(suffix) - 1] if domain.endswith("." + suffix) else domain.split(".")[0]


_SIMILAR = [
    set("il1|"),
    set("o0"),
    set("e3"),
    set("a4@"),
    set("s5$"),
    set("gq9"),
    set("uv"),
    set("nm"),
    set("ce"),
    set("b6"),
    set("t7"),
    set("z2"),
]


def _similar(a: str, b: str) -> bool:
    return any(a in group and b in group for group in _SIMILAR)


def _distance_le1(a: str, b: str) -> bool:
    """One typing slip a reader does not notice: two letters swapped, a letter doubled or
    dropped from a double, a hyphen added, or one letter replaced by a look-alike
    (l/1/i, o/0 ...). Replacing a letter by any other ("lindows", "jpost") makes another
    name, not a disguise."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return _similar(a[i], b[i])
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    longer, shorter = (a, b) if la > lb else (b, a)
    if longer[i + 1 :] != shorter[i:]:
        return False
    extra = longer[i]
    return extra != "-" and ((i > 0 and longer[i - 1] == extra) or (i + 1 < len(longer) and longer[i + 1] == extra))


@dataclass(frozen=True)
class _Index:
    officials: frozenset[str]
    by_skeleton: dict[str, str]
    by_token: dict[str, str]
    by_variant: dict[str, list[tuple[int, int, str, str]]]
    """`_variants` of each label of six letters or more → (its length, its rank among the labels of
    that length, label, official): a label one slip away shares a variant with it."""
    long_labels: Any
    """An automaton of the labels of six letters or more that are not generic words: (rank, label,
    official) for each one found inside a host's label."""
    max_len: int = 0
    """The longest official label: a label longer by two or more is no slip of any, and no
    brand name longer than it opens or closes a word (both bounds keep the work linear)."""


def _variants(label: str) -> set[str]:
    """`label` and each string one letter shorter: two labels one slip apart (`_distance_le1`:
    a letter replaced, two swapped, one added) always share one."""
    return {label, *(label[:i] + label[i + 1 :] for i in range(len(label)))}


def _build(targets: list[tuple[str, str]], generic: frozenset[str] = frozenset()) -> _Index:
    """targets: (official registrable domain, its label)."""
    by_skeleton: dict[str, str] = {}
    by_token: dict[str, str] = {}
    by_variant: dict[str, list[tuple[int, int, str, str]]] = {}
    by_length: dict[int, int] = {}
    long_labels = ahocorasick.Automaton()
    for official, label in targets:
        if len(label) >= 4:
            by_skeleton.setdefault(skeleton(label), official)
        if len(label) >= 3 and label not in generic:
            by_token.setdefault(label, official)
        if len(label) >= 6:
            rank = by_length[len(label)] = by_length.get(len(label), -1) + 1
            for variant in _variants(label):
                by_variant.setdefault(variant, []).append((len(label), rank, label, official))
        if len(label) >= 6 and label not in generic and label not in long_labels:
            long_labels.add_word(label, (len(long_labels), label, official))
    if len(long_labels):
        long_labels.make_automaton()
    max_len = max((len(label) for _, label in targets), default=0)
    return _Index(frozenset(o for o, _ in targets), by_skeleton, by_token, by_variant, long_labels, max_len)


def _typo(label: str, index: _Index) -> str | None:
    """The official whose label is one slip from `label`: of those of one letter fewer first,
    then of as many, then of one more, each in the order the knowledge lists them."""
    if len(label) > index.max_len + 1:  # its variants alone would be quadratic in its length
        return None
    candidates = {entry for variant in _variants(label) for entry in index.by_variant.get(variant, ())}
    for _, _, olabel, official in sorted(candidates, key=lambda e: (e[0] - len(label), e[1])):
        if olabel != label and _distance_le1(label, olabel):
            return official
    return None


def _brand_inside(label: str, index: _Index) -> str | None:
    """The official whose label (six letters or more) lies inside the longer `label`, the first
    the knowledge lists."""
    if not len(index.long_labels):
        return None
    found = [hit for _, hit in index.long_labels.iter(label) if hit[1] != label]
    return min(found)[2] if found else None


@cache
def _brand_index(kb: Knowledge) -> _Index:
    targets = []
    for brand in kb.brands:
        for domain in brand.domains:
            reg = registrable(domain)
            if _label(reg):
                targets.append((reg, _label(reg)))
    return _build(list(dict.fromkeys(targets)), kb.generic_labels)


def _match(host: str, reg: str, label: str, index: _Index) -> tuple[str, str] | None:
    prefix = host[: -len(reg) - 1] if host.endswith("." + reg) else ""
    if prefix:
        for candidate in parent_domains(prefix, 2):
            if candidate in index.officials:
                return candidate, "subdomain"
    skel = skeleton(label)
    official = index.by_skeleton.get(skel)
    if official and official != reg and _label(official) != label:
        how = "homoglyph" if not label.isascii() or any(c.isdigit() for c in label) else "lookalike"
        return official, how
    if official and official != reg and len(label) >= 4:
        # The brand's own name under another TLD or second level (rakuten.net for rakuten.co.jp):
        # not the brand's unless the knowledge lists it; who owns it is unconfirmed.
        return official, "other_tld"
    typo = _typo(label, index)
    if typo is not None:
        return typo, "typo"
    tokens = [t for t in label.replace("_", "-").split("-") if t]
    for token in tokens:
        official = index.by_token.get(token) if len(tokens) > 1 else None
        # "appleid-verify", "paypalsecure": a brand name opening or closing a longer word.
        for k in range(5, min(len(token) - 1, index.max_len + 1)):
            official = official or index.by_token.get(token[:k]) or index.by_token.get(token[-k:])
        if official and official != reg:
            return official, "brand_in_domain"
    inside = _brand_inside(label, index)
    return (inside, "brand_in_domain") if inside is not None else None


@lru_cache(maxsize=8192)
def _lookalike_cached(host: str, kb: Knowledge, own: frozenset[str]) -> tuple[str, str] | None:
    reg = registrable(host)
    if not reg or kb.brand_owning(reg) or kb.is_freemail(reg) or kb.is_trusted(reg) or reg in own:
        return None
    label = _label(reg)
    if not label:
        return None
    found = _match(host, reg, label, _brand_index(kb))
    if found is None and own:
        own_targets = [(registrable(d), _label(registrable(d))) for d in own]
        found = _match(host, reg, label, _build(own_targets, kb.generic_labels))
    if found is None and not label.isascii() and _mixed_script(label):
        return reg, "mixed_script"
    return found


def lookalike_of(
    host: str, kb: Knowledge, own_domains: set[str] | frozenset[str] = frozenset()
) -> tuple[str, str] | None:
    """(the official domain it imitates, how) or None."""
    own = frozenset(registrable(d) for d in own_domains if d)
    return _lookalike_cached(to_unicode(host), kb, own)


def _mixed_script(label: str) -> bool:
    """Latin letters mixed with Cyrillic or Greek ones in one label: never a real name."""
    latin = any("a" <= c <= "z" for c in label)
    other = any("\u0370" <= c <= "\u03ff" or "\u0400" <= c <= "\u04ff" for c in label)
    return latin and other
