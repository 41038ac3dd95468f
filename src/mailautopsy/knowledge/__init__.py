"""Knowledge as data: brands, shorteners, redirectors, free-mail and free-hosting
hosts, suspicious TLDs, spam stamps and lure phrases.

Files are loaded once, strictly: an invalid entry raises `KnowledgeError` naming
the file and the entry. A user config file may add brands and trusted domains.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import ahocorasick

from ..errors import KnowledgeError
from ..parse.domains import parent_domains, within, within_any
from ..settings import DEFAULT_SETTINGS, LIST_KEYS, NO_LISTS, Lists
from ..text.ja import has_japanese, is_japanese_char, on_word_boundaries
from . import loader, models
from .linear import Pattern, PatternSet, compile_ci

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_CJK_SPACE = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")
_ZW = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\U000e0000-\U000e01ef]")
# Marks that decorate letters without changing the word a reader sees ("Fa̷lha", "Apܿplܿe") and
# trade-mark signs that NFKC spells out ("McAfee™" → "mcafeetm").
_DECORATION = re.compile("[\u0300-\u036f\u0730-\u074a\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f™®℠]")


_SPACED = re.compile(r"(?<![^\s])(?:[^\W\d_] ){3,}[^\W\d_](?![^\s])")


def _unspace(text: str) -> str:
    """ "E n t r e g a", "g o v . b r": letters spaced apart to dodge word filters, joined again."""
    return _SPACED.sub(lambda m: m.group(0).replace(" ", ""), text) if " " in text else text


_LOOKALIKE_LETTERS = str.maketrans(
    "аеорсхуіјѕԁһԛԝАВЕКМНОРСТХУІЈЅаοαρντιεκΑΒΕΖΗΙΚΜΝΟΡΤΥΧгп",
    "aeopcxyijsdhqwABEKMHOPCTXYIJSaoapvtiekABEZHIKMNOPTYXrn",
)
_GREEK_CYRILLIC = re.compile("[\u0400-\u04ff\u0370-\u03ff]")
_WORD = re.compile(r"\w+")
_LATIN = re.compile("[A-Za-z]")


def _unconfuse(text: str) -> str:
    """ "Amаzon" with a Cyrillic а reads as Amazon: look-alike letters inside a word that also has
    Latin letters are mapped to Latin. Words wholly in Cyrillic or Greek stay as they are. Linear:
    one pass finds the words, and only words of bounded length that mix scripts are mapped (a
    brand name is short; a 30,000-letter "word" is padding, not a disguise)."""
    if not _GREEK_CYRILLIC.search(text):
        return text
    cap = DEFAULT_SETTINGS.limits.max_confusable_word_chars

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        if len(word) > cap or not _GREEK_CYRILLIC.search(word) or not _LATIN.search(word):
            return word
        return word.translate(_LOOKALIKE_LETTERS)

    return _WORD.sub(fix, text)


FROM_ORG = re.compile(r"\b(?:from|at|von|de|da)\s+(.+)$")
"""'Katie from Ledger', 'Team at Ledger': a display name naming the organisation after a person."""


def normalise(text: str) -> str:
    """The form every matcher works on: NFKC, lower case, invisible characters
    removed, whitespace collapsed, letter-spaced words joined."""
    if text.isascii():
        return _unspace(" ".join(text.lower().split()))
    text = _unconfuse(_DECORATION.sub("", _ZW.sub("", text)))
    text = " ".join(unicodedata.normalize("NFKC", text).lower().split())
    # "支 払 い 情 報": spaces between CJK characters are an obfuscation, not words.
    return _unspace(_CJK_SPACE.sub("", text))


@dataclass(frozen=True, slots=True)
class Brand:
    id: str
    name_en: str
    name_ja: str
    category: str
    country: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    sending_domains: tuple[str, ...] = ()
    unconfirmed: tuple[str, ...] = ()
    shorteners: tuple[str, ...] = ()
    """The brand's own link shorteners (t.co for X): in the brand's authenticated mail they are
    its click trackers; anyone else can point them anywhere."""
    person_name: bool = False
    """The brand's plain name is also a person's ("Chanel", "Tiffany"): a display name holding
    that word alone is no claim of the brand (only its aliases are)."""

    def name(self, lang: str) -> str:
        return self.name_ja if lang == "ja" and self.name_ja else self.name_en

    def owns(self, domain: str) -> bool:
        """True when `domain` (any host) is one of the brand's official or sending domains."""
        return any(within(domain, d) for d in self.domains + self.sending_domains)


@dataclass(frozen=True, slots=True)
class Redirector:
    host: str
    path_prefix: str
    params: tuple[str, ...]
    kind: str

    def matches(self, host: str, path: str) -> bool:
        host_ok = within(host, self.host[2:]) if self.host.startswith("*.") else host == self.host
        return host_ok and path.startswith(self.path_prefix)


@dataclass(frozen=True, slots=True)
class Lure:
    category: str
    lang: str
    phrases: tuple[str, ...]
    pattern: Pattern | None
    """The entry's regexes, if any, compiled by RE2 (linear.py); its phrases are matched by the automaton."""


def _ideograph(char: str) -> bool:
    """A CJK ideograph (kanji) or a katakana letter: a Japanese name continues through them."""
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or "\u30a1" <= char <= "\u30fa"


@dataclass(slots=True, eq=False)
class Knowledge:
    brands: list[Brand]
    shorteners: frozenset[str]
    redirectors: list[Redirector]
    freemail: frozenset[str]
    free_hosting: tuple[str, ...]
    suspicious_tlds: frozenset[str]
    generic_labels: frozenset[str]
    role_words: tuple[str, ...]
    spam_stamps: tuple[str, ...]
    spam_headers: tuple[tuple[str, re.Pattern[str], str], ...]
    lures: list[Lure]
    trusted_domains: frozenset[str] = frozenset()
    public_sector: tuple[str, ...] = ()
    celebrities: tuple[str, ...] = ()
    """Famous people whose names scams borrow as the sender's (normalised)."""
    tenant_domains: frozenset[str] = frozenset()
    """Cloud mail tenants' default domains (x.onmicrosoft.com)."""
    relays: tuple[str, ...] = ()
    """relays.txt: marketplaces and platforms that send a seller's notices in its name (a domain covers
    its sub-domains)."""
    _by_id: dict[str, Brand] = field(default_factory=dict)
    _by_domain: dict[str, Brand] = field(default_factory=dict)
    _alias_ac: Any = None
    _plain_names: dict[str, Brand] = field(default_factory=dict)
    _lure_ac: Any = None
    _lure_set: PatternSet | None = None
    """The lure entries' regexes as one RE2 set (built on first use)."""
    _short_re: re.Pattern[str] | None = None
    _alias_owner: dict[str, str] = field(default_factory=dict)
    tie_breaks: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """brands.toml [tie_breaks]: kind ("domains", "aliases", "names") → key → the brand it is read as."""
    user_brands: frozenset[str] = frozenset()
    lists: Lists = NO_LISTS
    """The config file's `[lists]`: the analyst's allow- and block-lists (checks/lists.py)."""
    """Ids of the brands of the user's config: they win every tie with a built-in brand."""
    ties: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """Keys that several brands list with equal standing (kind → key → brand ids), settled or not."""
    _glued_re: re.Pattern[str] | None = None
    """Two- and three-letter Latin names ("au", "JCB") glued to Japanese ("auサポート")."""
    _redirector_index: dict[str, list[int]] | None = None
    _free_host_index: dict[str, list[int]] | None = None
    """Positions in `redirectors` / `free_hosting` by the domain an entry names (a wildcard's
    base): a host looks up only its own suffixes, not every entry (built on first use)."""

    def __post_init__(self) -> None:
        self._by_id = {b.id: b for b in self.brands}
        self.ties = {}
        # Which brand a host, alias or plain name that several brands list is read as: never the
        # order of the entries. The most specific listed domain decides (brand_owning walks from the
        # host up); at the same domain or alias the user's config wins over the built-in data, and a
        # brand's `domains` entry over another's `sending_domains` entry; a remaining tie is settled
        # by brands.toml [tie_breaks] (the loader refuses a tie it does not settle).
        self._by_domain = self._owners(
            "domains",
            ((d, b, 0) for b in self.brands for d in b.domains),
            ((d, b, 1) for b in self.brands for d in b.sending_domains),
        )
        plain: list[tuple[str, Brand, int]] = []
        for brand in self.brands:
            if brand.person_name:
                continue
            label = brand.domains[0].split(".")[0] if brand.domains else ""
            for name in {brand.id.replace("_", " "), label}:
                if len(name) >= 4 and " " not in name and name not in self.generic_labels:
                    plain.append((name, brand, 0))
        self._plain_names = self._owners("names", plain)
        self._lure_ac = ahocorasick.Automaton()
        lure_values: dict[str, list[str]] = {}
        for lure in self.lures:
            for phrase in lure.phrases:
                lure_values.setdefault(phrase, []).append(lure.category)
        for phrase, categories in lure_values.items():
            self._lure_ac.add_word(phrase, (phrase, tuple(dict.fromkeys(categories))))
        if lure_values:
            self._lure_ac.make_automaton()
        ascii_alts: list[str] = []
        other_alts: list[str] = []
        short_alts: list[str] = []
        aliases: list[tuple[str, Brand, int]] = []
        glued_alts: list[str] = []
        for brand in self.brands:
            names = (
                (*brand.aliases, brand.name_ja) if brand.person_name else (*brand.aliases, brand.name_en, brand.name_ja)
            )
            for written in {a for a in names if a}:
                alias = normalise(written)
                if alias.isascii() and len(alias) <= 3:
                    # Next to Japanese ("auサポート", "JCBカード") a short Latin name is a word of its own.
                    if len(alias) >= 2 and alias.isalnum():
                        aliases.append((alias, brand, 0))
                        glued_alts.append(re.escape(alias))
                    # "UPS", "ING", "JCB": only as written in capitals, never "ups" or "ing".
                    if len(alias) == 3 and written.isupper():
                        aliases.append((written, brand, 0))
                        short_alts.append(re.escape(written))
                    continue
                aliases.append((alias, brand, 0))
                (ascii_alts if alias.isascii() else other_alts).append(alias)
        self._alias_owner = {alias: brand.id for alias, brand in self._owners("aliases", aliases).items()}
        self._alias_ac = ahocorasick.Automaton()
        for alias in ascii_alts + other_alts:
            self._alias_ac.add_word(alias, alias)
        if ascii_alts or other_alts:
            self._alias_ac.make_automaton()
        if short_alts:
            alternation = "|".join(sorted(set(short_alts)))
            self._short_re = re.compile(rf"(?<![A-Za-z0-9@._\-])(?:{alternation})(?![A-Za-z0-9]|\.[a-z])")
        if glued_alts:
            glued = "|".join(sorted(set(glued_alts), key=len, reverse=True))
            self._glued_re = re.compile(rf"(?<![a-z0-9@._\-])(?:{glued})(?![a-z0-9\-])")

    def _owners(self, kind: str, *listed: Iterable[tuple[str, Brand, int]]) -> dict[str, Brand]:
        """key → the brand it is read as, from (key, brand, rank) triples, the lowest rank standing
        highest; a user brand stands above every built-in one. Ties are noted in `ties[kind]`."""
        user = self.user_brands
        first: dict[str, tuple[int, Brand]] = {}
        contested: dict[str, dict[str, tuple[int, Brand]]] = {}
        for triples in listed:
            for key, brand, rank in triples:
                if user and brand.id not in user:
                    rank += 10
                old = first.get(key)
                if old is None:
                    first[key] = (rank, brand)
                elif old[1] is not brand or rank < old[0]:
                    seen = contested.setdefault(key, {old[1].id: old})
                    if brand.id not in seen or rank < seen[brand.id][0]:
                        seen[brand.id] = (rank, brand)
        out = {key: brand for key, (_, brand) in first.items()}
        settled = self.tie_breaks.get(kind, {})
        for key, by_id in contested.items():
            best = min(rank for rank, _ in by_id.values())
            top = sorted(i for i, (rank, _) in by_id.items() if rank == best)
            if len(top) > 1:
                self.ties.setdefault(kind, {})[key] = top
            chosen = settled.get(key, "") if len(top) > 1 else top[0]
            out[key] = by_id[chosen if chosen in top else top[0]][1]
        return out

    def name_words(self, display_name: str, min_len: int = 3) -> list[str]:
        """The words of a display name that are not role words ("support", "カスタマー" ...):
        the part that names a person or an organisation."""
        roles = self.role_words
        words = re.findall(rf"[a-z][a-z0-9]{{{min_len - 1},}}", normalise(display_name))
        return [w for w in words if not any(w in r or r in w for r in roles)]

    def celebrity_in(self, display_name: str) -> str:
        """The famous person a display name names ("Advanced Energy by Elon Musk"), or ""."""
        name = normalise(display_name)
        for celebrity in self.celebrities:
            pos = name.find(celebrity)
            if pos < 0:
                continue
            end = pos + len(celebrity)
            if celebrity.isascii():
                if (pos == 0 or not name[pos - 1].isalnum()) and (end == len(name) or not name[end].isalnum()):
                    return celebrity
            elif not (pos > 0 and _ideograph(name[pos - 1])) and not (
                end < len(name) and _ideograph(name[end]) and name[end] not in "氏様"
            ):
                # 藤田晋 is not in 藤田晋也: a kanji name ends where kanji do (an honorific may follow).
                return celebrity
        return ""

    def brand_named(self, display_name: str) -> tuple[Brand, str] | None:
        """A brand whose plain name is a word of a display name ("Ledger", "Costco Customer
        Support"): names too ordinary to be aliases in running text, but a display name made
        of them claims the brand."""
        name = normalise(display_name)
        # "Katie from Ledger", "Team at Ledger": the organisation is what follows.
        tail = FROM_ORG.search(name)
        if tail:
            name = tail.group(1)
        for word in re.findall(r"[a-z0-9][a-z0-9&'.\-]{3,}", name):
            brand = self._plain_names.get(word.strip(".'"))
            if brand is not None:
                return brand, word
        return None

    def brands_in(self, text: str) -> list[tuple[Brand, str]]:
        """Brands named in `text` (normalised by the caller or not), with the alias seen,
        in order of first appearance, each brand once."""
        if not text or not self._alias_owner:
            return []
        found: list[tuple[int, str]] = []
        norm = normalise(text)
        limits = DEFAULT_SETTINGS.limits
        japanese = has_japanese(norm)
        checks = 0  # Japanese candidates read as words: bounded per text
        accepted: set[str] = set()
        if self._alias_ac is not None and len(self._alias_ac):
            for end, alias in self._alias_ac.iter(norm):
                start = end - len(alias) + 1
                if alias.isascii():
                    if not _bounded(norm, start, end + 1):
                        continue
                elif japanese and has_japanese(alias):
                    # 楽天 but not 楽天的, イオン but not ライオン: a name is a word of the text.
                    if alias in accepted:
                        continue  # its first occurrence already names the brand
                    checks += 1
                    if checks > limits.ja_word_checks:
                        continue
                    if not on_word_boundaries(norm, start, end + 1, limits.ja_word_window):
                        continue
                    accepted.add(alias)
                found.append((start, alias))
        if japanese and self._glued_re is not None:
            for m in self._glued_re.finditer(norm):
                before = norm[m.start() - 1] if m.start() else ""
                after = norm[m.end()] if m.end() < len(norm) else ""
                if not (is_japanese_char(before) or is_japanese_char(after) or before + after == "【】"):
                    continue  # "au" alone is French, gold, a word part: only glued to Japanese
                checks += 1
                if checks > limits.ja_word_checks:
                    break
                if on_word_boundaries(norm, m.start(), m.end(), limits.ja_word_window):
                    found.append((m.start(), m.group(0)))
        if self._short_re is not None:
            plain = _ZW.sub("", unicodedata.normalize("NFKC", text)) if not text.isascii() else text
            found.extend((m.start(), m.group(0)) for m in self._short_re.finditer(plain))
        # At one spot the longest alias wins ("SMBCカード" is the card, not the bank); overlaps are dropped.
        found.sort(key=lambda item: (item[0], -len(item[1])))
        seen: dict[str, str] = {}
        taken_until = -1
        for start, alias in found:
            if start < taken_until:
                continue
            taken_until = start + len(alias)
            brand_id = self._alias_owner.get(alias)
            if brand_id and brand_id not in seen:
                seen[brand_id] = alias
        return [(self._by_id[b], a) for b, a in seen.items()]

    def brand(self, brand_id: str) -> Brand | None:
        return self._by_id.get(brand_id)

    def brand_owning(self, domain: str) -> Brand | None:
        """The brand whose official or sending domain `domain` is, or is under."""
        for parent in parent_domains(domain, 2):
            brand = self._by_domain.get(parent)
            if brand is not None:
                return brand
        return None

    def lure_hits(self, text: str) -> dict[str, list[str]]:
        """Lure category → phrases found in normalised `text` (at most four each)."""
        hits: dict[str, list[str]] = {}
        limits = DEFAULT_SETTINGS.limits
        checks = 0
        if self._lure_ac is not None and len(self._lure_ac):
            for end, (phrase, categories) in self._lure_ac.iter(text):
                start = end - len(phrase) + 1
                if phrase.isascii() and not _word_bounded(text, start, end + 1):
                    continue  # "free bet" in "free beta", "copy of your id" in "copy of your ideas"
                if all(phrase in hits.get(c, ()) or len(hits.get(c, ())) >= 4 for c in categories):
                    continue  # already counted: nothing to learn from another occurrence
                if _NEGATED.search(text[max(0, start - 60) : start]):
                    continue  # "we will never ask for your social security number"
                if not phrase.isascii() and has_japanese(phrase):
                    checks += 1
                    if checks > limits.ja_word_checks or not on_word_boundaries(
                        text, start, end + 1, limits.ja_word_window, whole=False
                    ):
                        continue  # a Japanese phrase starting inside a longer word
                for category in categories:
                    found = hits.setdefault(category, [])
                    if phrase not in found and len(found) < 4:
                        found.append(phrase)
        regexes = [(lure.category, lure.pattern) for lure in self.lures if lure.pattern is not None]
        if self._lure_set is None:
            self._lure_set = PatternSet([pattern for _, pattern in regexes])
        present = self._lure_set.found(text)
        for i, (category, pattern) in enumerate(regexes):
            if present is not None and i not in present:
                continue  # the one pass over the text found no match of this entry's regexes
            found = hits.get(category, [])
            if len(found) >= 4:
                continue
            match = pattern.search(text)
            if match and _NEGATED.search(text[max(0, match.start() - 60) : match.start()]):
                match = None
            if match and match.group(0) not in found:
                hits.setdefault(category, []).append(match.group(0))
        return hits

    def is_shortener(self, host: str) -> bool:
        return within_any(host, self.shorteners)

    def is_protection_rewriter(self, host: str) -> bool:
        """Safe Links, URL Defense and the like: the recipient's own link protection."""
        return any(r.kind in ("safelinks", "url_defense") and r.matches(host, r.path_prefix) for r in self.redirectors)

    def redirector(self, host: str, path: str) -> Redirector | None:
        """The first entry of redirectors.toml (in file order) that `host` and `path` fall under."""
        if self._redirector_index is None:
            self._redirector_index = _index(r.host for r in self.redirectors)
        for i in _candidates(self._redirector_index, host):
            if self.redirectors[i].matches(host, path):
                return self.redirectors[i]
        return None

    def is_freemail(self, domain: str) -> bool:
        return any(parent in self.freemail for parent in parent_domains(domain, 2))

    def tenant_default(self, domain: str) -> str:
        """The cloud tenant default domain `domain` lies under ("onmicrosoft.com"), or ''."""
        return next((d for d in parent_domains(domain.lower(), 2)[1:] if d in self.tenant_domains), "")

    def free_host(self, host: str, path: str) -> str:
        """The free-hosting entry a URL falls under (the first in file order), or ''."""
        if self._free_host_index is None:
            self._free_host_index = _index(entry.partition("/")[0] for entry in self.free_hosting)
        for i in _candidates(self._free_host_index, host):
            entry = self.free_hosting[i]
            name, _, prefix = entry.partition("/")
            ok = within(host, name[2:]) and host != name[2:] if name.startswith("*.") else host == name
            if ok and (not prefix or path.lstrip("/").startswith(prefix)):
                return entry
        return ""

    def is_trusted(self, domain: str) -> bool:
        return within_any(domain, self.trusted_domains)

    def is_public_sector(self, domain: str) -> bool:
        """Under a suffix only governments and public bodies can register (public_sector.txt)."""
        return any(within(domain, d) for d in self.public_sector)


def _index(hosts: Iterable[str]) -> dict[str, list[int]]:
    """Entry positions by the domain each names (`*.x.example` and `x.example` both by `x.example`)."""
    index: dict[str, list[int]] = {}
    for i, host in enumerate(hosts):
        index.setdefault(host[2:] if host.startswith("*.") else host, []).append(i)
    return index


def _candidates(index: dict[str, list[int]], host: str) -> list[int]:
    """Positions of the entries that may match `host` (those naming it or one of its parent
    domains), in file order: the entries a scan of the whole list would test first."""
    return sorted(i for parent in parent_domains(host) for i in index.get(parent, ()))


# Words that turn a lure phrase into its opposite, or into something the reader asked for.
_NEGATED = re.compile(
    r"\b(?:never|will not|won't|do not|don't|not ask|as you requested|at your request|you requested|"
    r"nunca|jamais|niemals|nie)\b[^.!?。]*$|決して[^。]*$|ご依頼[^。]*$",
    re.I,
)


def _word_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


def _bounded(text: str, start: int, end: int) -> bool:
    """An ASCII alias stands as a word: not inside a longer name, address or domain."""
    if start > 0 and ((text[start - 1].isalnum() and text[start - 1].isascii()) or text[start - 1] in "@._-"):
        return False
    if end < len(text):
        nxt = text[end]
        if (nxt.isascii() and nxt.isalnum()) or nxt == "-":
            return False
        if nxt == "." and end + 1 < len(text) and "a" <= text[end + 1] <= "z":
            return False
    return True


def _read_text(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _brand(entry: models.BrandEntry) -> Brand:
    return Brand(
        id=entry.id,
        name_en=entry.name_en,
        name_ja=entry.name_ja,
        category=str(entry.category),
        country=str(entry.country or ""),
        aliases=tuple(entry.aliases),
        domains=tuple(d.lower() for d in entry.domains),
        sending_domains=tuple(d.lower() for d in entry.sending_domains),
        unconfirmed=tuple(d.lower() for d in entry.unconfirmed),
        shorteners=tuple(d.lower() for d in entry.shorteners),
        person_name=entry.person_name,
    )


def _brands(report: loader.Report, data: dict[str, Any]) -> list[tuple[int, Brand]]:
    """The valid brands of the [[brand]] tables, with their index; each problem reported."""
    _, found = models.entries(report, data, "brand", models.BrandEntry)
    tables = models.tables(data, "brand")
    ids = ((i, t["id"], t["id"]) for i, t in enumerate(tables) if isinstance(t.get("id"), str))
    models.duplicates(report, ids, "brand", "id", lambda v: f"brand id {v!r}")
    return [(i, _brand(e)) for i, e in found]


def _report_ties(
    report: loader.Report, kb: Knowledge, index: dict[str, int], settled: models.TieBreaks, complete: bool
) -> None:
    """Every tie between brands of `index` (id → table index) that [tie_breaks] does not settle,
    and, when every brand is valid, every [tie_breaks] entry that settles nothing."""
    for kind in ("domains", "aliases", "names"):
        table: dict[str, str] = getattr(settled, kind)
        ties = kb.ties.get(kind, {})
        for key, ids in sorted(ties.items()):
            ours = [i for i in ids if i in index]
            if len(ours) < 2 or (key in table and table[key] in ids):
                continue
            where = ("brand", max(index[i] for i in ours))
            brands = " and ".join(f"{i!r} (line {report.line_of(('brand', index[i]))})" for i in ours)
            what = {"domains": "domain", "aliases": "alias", "names": "plain name"}[kind]
            report.add(
                where,
                f"{what} {key!r} is listed by {brands} with equal standing: name the brand it is read as"
                f" in [tie_breaks.{kind}]" + (f" ({table[key]!r} is not one of them)" if key in table else ""),
            )
        for key in table:
            if complete and key not in ties:
                report.add(("tie_breaks", kind, key), f"tie_breaks.{kind}: {key!r} is listed by one brand only")


def _lures(report: loader.Report, data: dict[str, Any]) -> list[Lure]:
    loader.convert(data, models.LuresFile, report, ())
    converted, found = models.entries(report, data, "lure", models.LureEntry)
    phrases = {i: [(p, normalise(p)) for p in e.phrases if p.strip()] for i, e in converted}
    models.duplicates(
        report,
        ((i, f"{e.category}/{e.lang}: {n!r}", p) for i, e in converted for p, n in phrases[i]),
        "lure",
        "phrases",
        lambda v: f"phrase {v}",
    )
    return [
        Lure(
            str(e.category),
            str(e.lang),
            tuple(n for _, n in phrases[i]),
            compile_ci("|".join(e.regex)) if e.regex else None,
        )
        for i, e in found
    ]


def _redirectors(report: loader.Report, data: dict[str, Any]) -> list[Redirector]:
    loader.convert(data, models.RedirectorsFile, report, ())
    converted, found = models.entries(report, data, "redirector", models.RedirectorEntry)
    models.duplicates(
        report,
        ((i, f"{e.host.lower()}{e.path_prefix}", e.host) for i, e in converted),
        "redirector",
        "host",
        lambda v: f"{v!r}",
    )
    return [
        Redirector(
            host=e.host.lower(),
            path_prefix=e.path_prefix,
            params=tuple([e.param] if isinstance(e.param, str) else e.param),
            kind=str(e.kind),
        )
        for _, e in found
    ]


def _stamps(report: loader.Report, data: dict[str, Any]) -> tuple[tuple[str, ...], tuple[Any, ...]]:
    loader.convert(data, models.SpamStampsFile, report, ())
    _, stamps = models.entries(report, data, "stamp", models.StampEntry)
    models.duplicates(report, ((i, normalise(e.pattern), e.pattern) for i, e in stamps), "stamp", "pattern", repr)
    _, headers = models.entries(report, data, "header", models.HeaderEntry)
    return (
        tuple(normalise(e.pattern) for _, e in stamps),
        tuple((e.name.lower(), re.compile(e.value_regex), e.note) for _, e in headers),
    )


def _toml(read: Callable[[str], str], name: str) -> tuple[dict[str, Any], loader.Report]:
    return loader.parse_toml(f"knowledge/{name}", read(name))


_LISTS: dict[str, tuple[Callable[[str], str | None], Callable[[str], str]]] = {
    "shorteners.txt": (models.host_line, str.lower),
    "freemail.txt": (models.host_line, str.lower),
    "free_hosting.txt": (models.free_host_line, str.lower),
    "suspicious_tlds.txt": (models.tld_line, lambda t: t.lower().lstrip(".")),
    "generic_labels.txt": (models.label_line, str.lower),
    "sender_role_words.txt": (models.word_line, str.lower),
    "public_sector.txt": (models.suffix_line, str.lower),
    "celebrities.txt": (models.name_line, normalise),
    "tenant_domains.txt": (models.host_line, str.lower),
    "relays.txt": (models.host_line, str.lower),
}
"""Each one-entry-per-line list: what a line must be, and the form two lines must not share."""


def _list(read: Callable[[str], str], name: str, reports: list[loader.Report]) -> list[str]:
    """The entries of a list, in the form the checks use (lower case; names normalised)."""
    entry, form = _LISTS[name]
    lines, report = loader.check_lines(f"knowledge/{name}", read(name), entry, unique=form)
    reports.append(report)
    return [form(line) for line in lines]


def _raise(reports: list[loader.Report]) -> None:
    problems = [p for r in reports for p in r.formatted()]
    if problems:
        raise loader.DataError(problems)


def load_files(directory: Path) -> Knowledge:
    """Knowledge from a directory holding files named as the built-in ones (an edited copy, to
    check it): every error of every file is reported at once, as for the built-in files."""
    return _build(lambda name: (directory / name).read_text(encoding="utf-8"))


@cache
def _builtin() -> Knowledge:
    return _build(_read_text)


FILES = ("brands.toml", "redirectors.toml", "spam_stamps.toml", "lures.toml", *_LISTS)
"""The files knowledge is read from."""


def _build(read: Callable[[str], str]) -> Knowledge:
    reports: list[loader.Report] = []
    data, brands_report = _toml(read, "brands.toml")
    reports.append(brands_report)
    brands_file = loader.convert(data, models.BrandsFile, brands_report, ())
    tie_breaks = brands_file.tie_breaks if brands_file is not None else models.TieBreaks()
    indexed = _brands(brands_report, data)
    complete = len(indexed) == len(models.tables(data, "brand"))
    data, report = _toml(read, "redirectors.toml")
    reports.append(report)
    redirectors = _redirectors(report, data)
    data, report = _toml(read, "spam_stamps.toml")
    reports.append(report)
    stamps, headers = _stamps(report, data)
    data, report = _toml(read, "lures.toml")
    reports.append(report)
    lures = _lures(report, data)
    lists = {name: _list(read, name, reports) for name in _LISTS}
    kb = Knowledge(
        brands=[b for _, b in indexed],
        shorteners=frozenset(lists["shorteners.txt"]),
        redirectors=redirectors,
        freemail=frozenset(lists["freemail.txt"]),
        free_hosting=tuple(lists["free_hosting.txt"]),
        suspicious_tlds=frozenset(t.lstrip(".") for t in lists["suspicious_tlds.txt"]),
        generic_labels=frozenset(lists["generic_labels.txt"]),
        role_words=tuple(lists["sender_role_words.txt"]),
        spam_stamps=stamps,
        spam_headers=headers,
        lures=lures,
        public_sector=tuple(lists["public_sector.txt"]),
        celebrities=tuple(lists["celebrities.txt"]),
        tenant_domains=frozenset(lists["tenant_domains.txt"]),
        relays=tuple(lists["relays.txt"]),
        tie_breaks={k: dict(getattr(tie_breaks, k)) for k in ("domains", "aliases", "names")},
    )
    _report_ties(brands_report, kb, {b.id: i for i, b in indexed}, tie_breaks, complete)
    _raise(reports)
    return kb


def _user_lists(report: loader.Report, conf: models.ListsConfig) -> Lists:
    """The `[lists]` table as the checks read it; its problems reported with their lines."""
    for key, message in conf.problems():
        needle = message.split("'")[1] if message.count("'") >= 2 else ""
        report.add(("lists", key), f"lists.{key}: {message}", needle=needle)
    values = {key: tuple(dict.fromkeys(models.list_value(v) for v in getattr(conf, key))) for key in LIST_KEYS}
    reasons = tuple((models.list_value(v), why) for v, why in conf.reasons.items())
    return Lists(**values, reasons=reasons)


def parse_lists(name: str, text: str) -> Lists:
    """The `[lists]` of a config file's text, checked as `load` checks a config file (the web
    app's import): anything else in it is an error too, each as `name:line: what`."""
    data, report = loader.parse_toml(name, text)
    unknown = sorted(set(data) - {"lists"})
    for key in unknown:
        report.add((key,), f"only a [lists] table can be imported, not {key!r}")
    conf = loader.convert({"lists": data.get("lists", {})}, models.ConfigFile, report, ())
    lists = _user_lists(report, conf.lists) if conf is not None else Lists()
    report.raise_if_any()
    return lists


def _toml_str(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's; DEL must be escaped too)."""
    import json

    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def lists_toml(lists: Lists, header: str = "") -> str:
    """`lists` as a config file's `[lists]` table (what `load` reads back): the web app's export."""
    out = [f"# {line}".rstrip() for line in header.splitlines()]
    out.append("[lists]")
    for key in LIST_KEYS:
        items = "".join(f"\n  {_toml_str(v)}," for v in getattr(lists, key))
        out.append(f"{key} = [{items}\n]" if items else f"{key} = []")
    out.append("\n[lists.reasons]")
    out.extend(f"{_toml_str(v)} = {_toml_str(why)}" for v, why in lists.reasons if why)
    return "\n".join(out) + "\n"


@cache
def load(config: Path | None = None) -> Knowledge:
    """The built-in knowledge, plus the brands and trusted domains of a user config
    file (TOML: `[[brand]]` tables as in brands.toml, `trusted_domains = [...]`, and the
    `[online]` table the command line reads). Every error of the file is reported at once."""
    base = _builtin()
    if config is None:
        return base
    try:
        text = Path(config).read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeError(f"{config}: {exc}") from exc
    data, report = loader.parse_toml(str(config), text)
    conf = loader.convert(data, models.ConfigFile, report, ())
    indexed = _brands(report, data)
    extra = [b for _, b in indexed]
    trusted: list[str] = conf.trusted_domains if conf is not None else []
    lists = _user_lists(report, conf.lists) if conf is not None else Lists()
    kb = Knowledge(
        brands=extra + [b for b in base.brands if b.id not in {e.id for e in extra}],
        shorteners=base.shorteners,
        redirectors=base.redirectors,
        freemail=base.freemail,
        free_hosting=base.free_hosting,
        suspicious_tlds=base.suspicious_tlds,
        generic_labels=base.generic_labels,
        role_words=base.role_words,
        spam_stamps=base.spam_stamps,
        spam_headers=base.spam_headers,
        lures=base.lures,
        trusted_domains=frozenset(d.lower() for d in trusted),
        public_sector=base.public_sector,
        celebrities=base.celebrities,
        tenant_domains=base.tenant_domains,
        tie_breaks=base.tie_breaks,
        user_brands=frozenset(b.id for b in extra),
        lists=lists,
    )
    _report_ties(report, kb, {b.id: i for i, b in indexed}, models.TieBreaks(), complete=False)
    report.raise_if_any()
    return kb
