"""The i18n catalogue: every human sentence, in Japanese and English."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import cache
from importlib import resources
from string import Formatter
from typing import Any

from ..model import Finding

LANGS = ("ja", "en")
_FORMATTER = Formatter()


@cache
def catalogue(lang: str) -> dict[str, Any]:
    name = f"{lang if lang in LANGS else 'en'}.toml"
    return tomllib.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


class _Default(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


@cache
def report_catalogue(lang: str) -> dict[str, dict[str, str]]:
    """Sentences of the alert article (report.ja.toml / report.en.toml)."""
    name = f"report.{lang if lang in LANGS else 'en'}.toml"
    return tomllib.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


def report_text(lang: str, key: str) -> str:
    """An article sentence by 'table.key', falling back to English."""
    table, _, name = key.partition(".")
    found = report_catalogue(lang).get(table, {}).get(name)
    return str(found if found is not None else report_catalogue("en")[table][name])


def ui(lang: str, key: str, **params: object) -> str:
    text = catalogue(lang)["ui"].get(key) or catalogue("en")["ui"].get(key, key)
    return str(text).format_map(_Default({k: str(v) for k, v in params.items()}))


def severity(lang: str, name: str) -> str:
    return str(catalogue(lang)["severity"].get(name, name))


_PART_JA = {"path": "パス", "host": "ホスト名", "subject": "件名", "sender name": "送信者名"}
_ROLE_JA = {"sender": "送信者", "link": "リンク先"}
_HOW_JA = {
    "typo": "綴り違い",
    "homoglyph": "似た文字",
    "lookalike": "似た綴り",
    "subdomain": "サブドメイン",
    "brand_in_domain": "ブランド名を含むドメイン",
    "mixed_script": "文字種の混在",
    "other_tld": "同じ名前で別のトップレベルドメイン、所有は未確認",
}
IP_CLASS_JA = {
    "private": "プライベート",
    "loopback": "ループバック",
    "link_local": "リンクローカル",
    "shared": "共有(CGN)",
    "reserved": "予約済み",
}


# Parameters that hold our own words (knowledge-base names, counts), not the mail's text.
_OUR_PARAMS = frozenset(
    {
        "brand",
        "brand_ja",
        "official",
        "count",
        "points",
        "score",
        "part",
        "ip_class",
        "how",
        "chars",
        "images",
        "role",
        "days",
        "fields",
    }
)
Segment = tuple[str, bool]
"""A piece of a sentence: (text, True) when the text comes from the mail (attacker-controlled)."""


def finding_segments(f: Finding, lang: str, transform: Callable[[str], str] | None = None) -> list[Segment]:
    """The finding's sentence cut into our words and the mail's values, so that a renderer
    can set the values apart (code spans in Markdown, <code> in HTML)."""
    entry = catalogue(lang)["finding"].get(f.id) or catalogue("en")["finding"].get(f.id, {})
    params = {k: transform(v) for k, v in f.params.items()} if transform else dict(f.params)
    ours = {k for k in params if k in _OUR_PARAMS}
    if lang == "ja":
        for key, table in (("ip_class", IP_CLASS_JA), ("part", _PART_JA), ("how", _HOW_JA), ("role", _ROLE_JA)):
            if key in params and params[key] in table:
                params[key] = table[params[key]]
                ours.add(key)
    return fill(str(entry.get("message", f.id)), params, ours)


def fill(template: str, params: dict[str, str], ours: set[str] | frozenset[str] = frozenset()) -> list[Segment]:
    """`template.format(**params)` as segments; parameters named in `ours` count as our own words."""
    out: list[Segment] = []
    for literal, name, _spec, _conv in _FORMATTER.parse(template):
        if literal:
            out.append((literal, False))
        if name is not None:
            value = params.get(name, "?")
            out.append((value, name not in ours))
    return out


def finding_message(f: Finding, lang: str, transform: Callable[[str], str] | None = None) -> str:
    """The finding's sentence; `transform` is applied to every parameter (e.g. defanging)."""
    return "".join(text for text, _ in finding_segments(f, lang, transform))


def messages(f: Finding) -> dict[str, str]:
    return {lang: finding_message(f, lang) for lang in LANGS}
