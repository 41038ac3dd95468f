"""Look-alike domains: typos, homoglyphs and confusables, brand names inside other
domains, official domains used as a subdomain of another."""

from __future__ import annotations

import unicodedata
from functools import cache

from ..knowledge import Knowledge
from ..parse.domains import public_suffix, registrable, to_unicode

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
    return text.replace("rn", "m").replace("vv", "w").replace("cl", "d").replace("-", "")


def _label(domain: str) -> str:
    suffix = public_suffix(domain)
    return domain[: -len(suffix) - 1] if domain.endswith("." + suffix) else domain.split(".")[0]


def _distance_le1(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance of at most one (a transposition counts one)."""
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
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    if la > lb:
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]


@cache
def _targets(kb: Knowledge) -> tuple[tuple[str, str, str], ...]:
    """(official domain, its label, skeleton of the label) for every brand domain."""
    out = []
    for brand in kb.brands:
        for domain in brand.domains:
            reg = registrable(domain)
            label = _label(reg)
            if label:
                out.append((reg, label, skeleton(label)))
    return tuple(dict.fromkeys(out))


def lookalike_of(
    host: str, kb: Knowledge, own_domains: set[str] | frozenset[str] = frozenset()
) -> tuple[str, str] | None:
    """(the official domain it imitates, how) or None."""
    host = to_unicode(host)
    reg = registrable(host)
    if not reg or kb.brand_owning(reg) or kb.is_freemail(reg) or kb.is_trusted(reg):
        return None
    label = _label(reg)
    if not label:
        return None
    skel = skeleton(label)
    tokens = [t for t in label.replace("_", "-").split("-") if t]
    targets = list(_targets(kb)) + [
        (registrable(d), _label(registrable(d)), skeleton(_label(registrable(d)))) for d in own_domains if d
    ]
    for official, olabel, oskel in targets:
        if reg == official or not olabel:
            continue
        if host.endswith("." + reg) and (official + ".") in host + ".":
            prefix = host[: -len(reg) - 1]
            if prefix == official or prefix.endswith("." + official):
                return official, "subdomain"
        if len(olabel) >= 4 and skel == oskel and label != olabel:
            return official, "homoglyph" if not label.isascii() or any(c.isdigit() for c in label) else "lookalike"
        if len(olabel) >= 5 and _distance_le1(label, olabel):
            return official, "typo"
        if len(tokens) > 1 and olabel in tokens and len(olabel) >= 3:
            return official, "brand_in_domain"
        if len(olabel) >= 6 and olabel in label and label != olabel:
            return official, "brand_in_domain"
    if not label.isascii() and _mixed_script(label):
        return reg, "mixed_script"
    return None


def _mixed_script(label: str) -> bool:
    """Latin letters mixed with Cyrillic or Greek ones in one label: never a real name."""
    latin = any("a" <= c <= "z" for c in label)
    other = any("\u0370" <= c <= "\u03ff" or "\u0400" <= c <= "\u04ff" for c in label)
    return latin and other
