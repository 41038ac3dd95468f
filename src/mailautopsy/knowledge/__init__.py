"""Knowledge as data: brands, shorteners, redirectors, free-mail and free-hosting
hosts, suspicious TLDs, spam stamps and lure phrases.

Files are loaded once, strictly: an invalid entry raises `KnowledgeError` naming
the file and the entry. A user config file may add brands and trusted domains.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import ahocorasick

from ..errors import KnowledgeError
from ..parse.domains import within
from ..settings import DEFAULT_SETTINGS
from ..text.ja import has_japanese, is_japanese_char, on_word_boundaries

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
_MIXED_WORD = re.compile("[\\w\u0400-\u04ff\u0370-\u03ff]*[\u0400-\u04ff\u0370-\u03ff][\\w\u0400-\u04ff\u0370-\u03ff]*")


def _unconfuse(text: str) -> str:
    """ "Amаzon" with a Cyrillic а reads as Amazon: look-alike letters inside a word that also has
    Latin letters are mapped to Latin. Words wholly in Cyrillic or Greek stay as they are."""
    return _MIXED_WORD.sub(
        lambda m: m.group(0).translate(_LOOKALIKE_LETTERS) if re.search("[A-Za-z]", m.group(0)) else m.group(0),
        text,
    )


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
    pattern: re.Pattern[str] | None
    """The entry's regexes, if any (its phrases are matched by the automaton)."""


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
    _by_id: dict[str, Brand] = field(default_factory=dict)
    _by_domain: dict[str, Brand] = field(default_factory=dict)
    _alias_ac: Any = None
    _plain_names: dict[str, Brand] = field(default_factory=dict)
    _lure_ac: Any = None
    _short_re: re.Pattern[str] | None = None
    _alias_owner: dict[str, str] = field(default_factory=dict)
    _glued_re: re.Pattern[str] | None = None
    """Two- and three-letter Latin names ("au", "JCB") glued to Japanese ("auサポート")."""

    def __post_init__(self) -> None:
        self._by_id = {b.id: b for b in self.brands}
        for brand in self.brands:
            for domain in brand.domains + brand.sending_domains:
                self._by_domain.setdefault(domain, brand)
            if brand.person_name:
                continue
            label = brand.domains[0].split(".")[0] if brand.domains else ""
            for name in {brand.id.replace("_", " "), label}:
                if len(name) >= 4 and " " not in name and name not in self.generic_labels:
                    self._plain_names.setdefault(name, brand)
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
                        self._alias_owner.setdefault(alias, brand.id)
                        glued_alts.append(re.escape(alias))
                    # "UPS", "ING", "JCB": only as written in capitals, never "ups" or "ing".
                    if len(alias) == 3 and written.isupper():
                        self._alias_owner.setdefault(written, brand.id)
                        short_alts.append(re.escape(written))
                    continue
                self._alias_owner.setdefault(alias, brand.id)
                (ascii_alts if alias.isascii() else other_alts).append(alias)
        self._alias_ac = ahocorasick.Automaton()
        for alias in ascii_alts + other_alts:
            self._alias_ac.add_word(alias, alias)
        if ascii_alts or other_alts:
            self._alias_ac.make_automaton()
        if short_alts:
            alternation = "|".join(short_alts)
            self._short_re = re.compile(rf"(?<![A-Za-z0-9@._\-])(?:{alternation})(?![A-Za-z0-9]|\.[a-z])")
        if glued_alts:
            glued = "|".join(sorted(set(glued_alts), key=len, reverse=True))
            self._glued_re = re.compile(rf"(?<![a-z0-9@._\-])(?:{glued})(?![a-z0-9\-])")

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
        labels = domain.split(".")
        for i in range(len(labels) - 1):
            brand = self._by_domain.get(".".join(labels[i:]))
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
        for lure in self.lures:
            if lure.pattern is None:
                continue
            found = hits.get(lure.category, [])
            if len(found) >= 4:
                continue
            match = lure.pattern.search(text)
            if match and _NEGATED.search(text[max(0, match.start() - 60) : match.start()]):
                match = None
            if match and match.group(0) not in found:
                hits.setdefault(lure.category, []).append(match.group(0))
        return hits

    def is_shortener(self, host: str) -> bool:
        return any(within(host, s) for s in self.shorteners)

    def is_protection_rewriter(self, host: str) -> bool:
        """Safe Links, URL Defense and the like: the recipient's own link protection."""
        return any(r.kind in ("safelinks", "url_defense") and r.matches(host, r.path_prefix) for r in self.redirectors)

    def redirector(self, host: str, path: str) -> Redirector | None:
        for r in self.redirectors:
            if r.matches(host, path):
                return r
        return None

    def is_freemail(self, domain: str) -> bool:
        labels = domain.split(".")
        return any(".".join(labels[i:]) in self.freemail for i in range(len(labels) - 1))

    def tenant_default(self, domain: str) -> str:
        """The cloud tenant default domain `domain` lies under ("onmicrosoft.com"), or ''."""
        labels = domain.lower().split(".")
        return next((d for i in range(1, len(labels) - 1) if (d := ".".join(labels[i:])) in self.tenant_domains), "")

    def free_host(self, host: str, path: str) -> str:
        """The free-hosting entry a URL falls under, or ''."""
        for entry in self.free_hosting:
            name, _, prefix = entry.partition("/")
            ok = within(host, name[2:]) and host != name[2:] if name.startswith("*.") else host == name
            if ok and (not prefix or path.lstrip("/").startswith(prefix)):
                return entry
        return ""

    def is_trusted(self, domain: str) -> bool:
        return any(within(domain, d) for d in self.trusted_domains)

    def is_public_sector(self, domain: str) -> bool:
        """Under a suffix only governments and public bodies can register (public_sector.txt)."""
        return any(within(domain, d) for d in self.public_sector)


def _read_text(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _read_toml(name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(_read_text(name))
    except tomllib.TOMLDecodeError as exc:
        raise KnowledgeError(f"knowledge/{name}: {exc}") from exc


def _names(name: str) -> list[str]:
    """One name per line (words kept together), normalised; # starts a comment."""
    out = []
    for line in _read_text(name).splitlines():
        line = normalise(line.split("#", 1)[0].strip())
        if line:
            out.append(line)
    return out


def _lines(name: str) -> list[str]:
    out = []
    for line in _read_text(name).splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            out.append(line.split()[0])
    return out


def _brand(entry: dict[str, Any], where: str) -> Brand:
    try:
        return Brand(
            id=str(entry["id"]),
            name_en=str(entry.get("name_en", "")),
            name_ja=str(entry.get("name_ja", "")),
            category=str(entry.get("category", "other")),
            country=str(entry.get("country", "")),
            aliases=tuple(str(a) for a in entry.get("aliases", [])),
            domains=tuple(str(d).lower() for d in entry["domains"]),
            sending_domains=tuple(str(d).lower() for d in entry.get("sending_domains", [])),
            unconfirmed=tuple(str(d).lower() for d in entry.get("unconfirmed", [])),
            shorteners=tuple(str(d).lower() for d in entry.get("shorteners", [])),
            person_name=bool(entry.get("person_name", False)),
        )
    except (KeyError, TypeError) as exc:
        raise KnowledgeError(f"{where}: brand entry {entry.get('id', '?')!r} lacks {exc}") from exc


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


def _lures(data: dict[str, Any]) -> list[Lure]:
    out = []
    for i, entry in enumerate(data.get("lure", [])):
        phrases = tuple(normalise(p) for p in entry.get("phrases", []) if p.strip())
        regexes = list(entry.get("regex", []))
        try:
            pattern = re.compile("|".join(regexes), re.I) if regexes else None
        except re.error as exc:
            raise KnowledgeError(
                f"knowledge/lures.toml: lure #{i} ({entry.get('category')}/{entry.get('lang')}): {exc}"
            ) from exc
        out.append(Lure(str(entry["category"]), str(entry.get("lang", "")), phrases, pattern))
    return out


def _has(name: str) -> bool:
    return resources.files(__package__).joinpath(name).is_file()


@cache
def _builtin() -> Knowledge:
    brands = [_brand(e, "knowledge/brands.toml") for e in _read_toml("brands.toml").get("brand", [])]
    ids = [b.id for b in brands]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise KnowledgeError(f"knowledge/brands.toml: duplicate brand ids {sorted(dup)}")
    redirectors = []
    for entry in _read_toml("redirectors.toml").get("redirector", []):
        params = entry.get("param", [])
        redirectors.append(
            Redirector(
                host=str(entry["host"]).lower(),
                path_prefix=str(entry.get("path_prefix", "")),
                params=tuple([params] if isinstance(params, str) else params),
                kind=str(entry.get("kind", "tracker")),
            )
        )
    stamps = _read_toml("spam_stamps.toml")
    headers = []
    for entry in stamps.get("header", []):
        try:
            headers.append(
                (
                    str(entry["name"]).lower(),
                    re.compile(entry["value_regex"]),
                    str(entry.get("note", "")),
                )
            )
        except (KeyError, re.error) as exc:
            raise KnowledgeError(f"knowledge/spam_stamps.toml: header {entry}: {exc}") from exc
    return Knowledge(
        brands=brands,
        shorteners=frozenset(_lines("shorteners.txt")),
        redirectors=redirectors,
        freemail=frozenset(_lines("freemail.txt")),
        free_hosting=tuple(_lines("free_hosting.txt")),
        suspicious_tlds=frozenset(t.lstrip(".") for t in _lines("suspicious_tlds.txt")),
        generic_labels=frozenset(_lines("generic_labels.txt")),
        role_words=tuple(_lines("sender_role_words.txt")),
        spam_stamps=tuple(normalise(s["pattern"]) for s in stamps.get("stamp", [])),
        spam_headers=tuple(headers),
        lures=_lures(_read_toml("lures.toml")),
        public_sector=tuple(_lines("public_sector.txt")),
        celebrities=tuple(_names("celebrities.txt")),
        tenant_domains=frozenset(_lines("tenant_domains.txt")),
    )


@cache
def load(config: Path | None = None) -> Knowledge:
    """The built-in knowledge, plus the brands and trusted domains of a user config
    file (TOML: `[[brand]]` tables as in brands.toml, `trusted_domains = [...]`)."""
    base = _builtin()
    if config is None:
        return base
    try:
        data = tomllib.loads(Path(config).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise KnowledgeError(f"{config}: {exc}") from exc
    extra = [_brand(e, str(config)) for e in data.get("brand", [])]
    return Knowledge(
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
        trusted_domains=frozenset(str(d).lower() for d in data.get("trusted_domains", [])),
        public_sector=base.public_sector,
        celebrities=base.celebrities,
        tenant_domains=base.tenant_domains,
    )
