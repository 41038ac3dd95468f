"""The i18n catalogue: every human sentence, in Japanese and English."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from ..model import Finding

LANGS = ("ja", "en")


@cache
def catalogue(lang: str) -> dict[str, Any]:
    name = f"{lang if lang in LANGS else 'en'}.toml"
    return tomllib.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


class _Default(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


def ui(lang: str, key: str, **params: object) -> str:
    text = catalogue(lang)["ui"].get(key) or catalogue("en")["ui"].get(key, key)
    return str(text).format_map(_Default({k: str(v) for k, v in params.items()}))


def severity(lang: str, name: str) -> str:
    return str(catalogue(lang)["severity"].get(name, name))


_PART_JA = {"path": "パス", "host": "ホスト名"}
_HOW_JA = {
    "typo": "綴り違い",
    "homoglyph": "似た文字",
    "lookalike": "似た綴り",
    "subdomain": "サブドメイン",
    "brand_in_domain": "ブランド名を含むドメイン",
    "mixed_script": "文字種の混在",
}
_IP_CLASS_JA = {
    "private": "プライベート",
    "loopback": "ループバック",
    "link_local": "リンクローカル",
    "shared": "共有(CGN)",
    "reserved": "予約済み",
}


def finding_message(f: Finding, lang: str, transform: Callable[[str], str] | None = None) -> str:
    """The finding's sentence; `transform` is applied to every parameter (e.g. defanging)."""
    entry = catalogue(lang)["finding"].get(f.id) or catalogue("en")["finding"].get(f.id, {})
    params = {k: transform(v) for k, v in f.params.items()} if transform else dict(f.params)
    if lang == "ja":
        for key, table in (("ip_class", _IP_CLASS_JA), ("part", _PART_JA), ("how", _HOW_JA)):
            if key in params:
                params[key] = table.get(params[key], params[key])
    text = str(entry.get("message", f.id)).format_map(_Default(params))
    return text


def messages(f: Finding) -> dict[str, str]:
    return {lang: finding_message(f, lang) for lang in LANGS}
