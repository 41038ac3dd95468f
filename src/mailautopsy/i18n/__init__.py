"""The i18n catalogue: every human sentence, in Japanese and English."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from functools import cache
from importlib import resources
from string import Formatter
from typing import Any

from .. import rules
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
    "public": "グローバル",
    "private": "プライベート",
    "loopback": "ループバック",
    "link_local": "リンクローカル",
    "shared": "共有(CGN)",
    "reserved": "予約済み",
}


Segment = tuple[str, bool]
"""A piece of a sentence: (text, True) when the text comes from the mail (attacker-controlled)."""


def finding_segments(f: Finding, lang: str, transform: Callable[[str], str] | None = None) -> list[Segment]:
    """The finding's sentence cut into our words and the mail's values, so that a renderer
    can set the values apart (code spans in Markdown, <code> in HTML)."""
    entry = catalogue(lang)["finding"].get(f.id) or catalogue("en")["finding"].get(f.id, {})
    params = {k: transform(v) for k, v in f.params.items()} if transform else dict(f.params)
    # Which parameters hold our own words (knowledge-base names, counts), not the mail's text: rules.toml.
    rule = rules.load().rules.get(f.id)
    ours = {k for k in params if rule is not None and k in rule.our_params}
    if lang == "ja":
        for key, table in (("ip_class", IP_CLASS_JA), ("part", _PART_JA), ("how", _HOW_JA), ("role", _ROLE_JA)):
            if key in params and params[key] in table:
                params[key] = table[params[key]]
                ours.add(key)
        if "brand" in params and f.params["brand"] in _brand_names():
            # one name per brand: the name the banner uses, not name_en here and name_ja there
            params["brand"] = brand_name(f.params["brand"], lang)
        if "country_name" in params and f.params.get("country"):
            params["country_name"] = country_name(lang, f.params["country"], params["country_name"])
            ours.add("country_name")
        if "brand_country" in params:
            params["brand_country"] = country_name(lang, params["brand_country"], params["brand_country"])
            ours.add("brand_country")
        if f.id == "ONLINE_PAGE_UNREACHABLE" and "reason" in params:
            params["reason"] = visit_error(lang, params["reason"])
            ours.add("reason")
        if f.id.startswith("ONLINE_") and "country" in params:  # 'GB, US' from GeoIP
            codes = [c.strip() for c in params["country"].split(",")]
            params["country"] = "、".join(country_name(lang, c, c) for c in codes)
            ours.add("country")
    return fill(str(entry.get("message", f.id)), params, ours)


@cache
def _brand_names() -> dict[str, tuple[str, str]]:
    from ..knowledge import load  # late: the knowledge package is loaded after this one

    out: dict[str, tuple[str, str]] = {}
    for brand in load(None).brands:
        for name in (brand.name_en, brand.name_ja):
            if name:
                out.setdefault(name, (brand.name("en"), brand.name("ja")))
    return out


def brand_name(name: str, lang: str) -> str:
    """A brand's display name in `lang` given any of its names (checks record the English one)."""
    found = _brand_names().get(name)
    return name if found is None else found[1 if lang == "ja" else 0]


@cache
def _countries_ja() -> dict[str, str]:
    text = resources.files(__package__).joinpath("countries.ja.toml").read_text(encoding="utf-8")
    return {str(k): str(v) for k, v in tomllib.loads(text)["country"].items()}


def country_name(lang: str, code: str, fallback: str = "") -> str:
    """The country of an ISO 3166 code in `lang` (Japanese from CLDR, countries.ja.toml); in
    English the name GeoIP gave (`fallback`), else the code."""
    if lang == "ja":
        found = _countries_ja().get(code.upper())
        if found:
            return found
    return fallback or code


def place_text(lang: str, code: str, name: str) -> str:
    """'US United States' in English, 'アメリカ合衆国' in Japanese (the code is English to a reader)."""
    if lang == "ja" and code:
        return country_name(lang, code, name)
    return f"{code} {name}".strip()


def defect_text(lang: str, code: str, detail: str) -> str:
    """A parsing defect as a sentence: in Japanese the catalogue's sentence for the code (the
    detail is the parser's English, kept for JSON and --verbose); in English the detail."""
    if lang != "ja":
        return f"{code}: {detail}"
    table = catalogue("ja").get("defect", {})
    found = table.get(code) or (table.get("MIME_") if code.startswith("MIME_") else None)
    return str(found) if found else str(table["_other"]).format(code=code)


_AUTH_RESULT_JA = {
    "pass": "合格(pass)",
    "fail": "不合格(fail)",
    "softfail": "ほぼ不合格(softfail)",
    "neutral": "判断なし(neutral)",
    "none": "記録なし(none)",
    "permerror": "判定できず: 記録や署名の誤り・鍵がない(permerror)",
    "temperror": "判定できず: 問い合わせに失敗(temperror)",
    "policy": "方針により不採用(policy)",
}
_POLICY_JA = {"none": "なし(監視のみ)", "quarantine": "隔離(quarantine)", "reject": "拒否(reject)"}


def auth_result(lang: str, token: str) -> str:
    """An SPF/DKIM/ARC/DMARC result (RFC 8601 token) for a reader of `lang`; the token stays in
    parentheses, it is what the mail's own headers say."""
    return _AUTH_RESULT_JA.get(token, token) if lang == "ja" else token


def dmarc_policy(lang: str, policy: str) -> str:
    return _POLICY_JA.get(policy, policy) if lang == "ja" else policy


# Lookup failures are recorded in English ('what: reason', kept as such in JSON); these turn the
# reasons enrich/ writes into Japanese. The `what` part ('DNS A example.jp', 'RDAP example.jp') is
# protocol names and domains, the same in both languages.
_SKIP_JA: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), text)
    for pattern, text in (
        (r"timeout after (?P<n>[\d.]+) ?s$", "{n} 秒待っても応答がありませんでした"),
        (r"time budget for this message spent$", "このメールの調査時間の上限に達したため省略しました"),
        (r"resolver (?P<server>\S+) not answering, skipped$", "DNS サーバー {server} が応答しないため省略しました"),
        (r"server failure \(SERVFAIL\)$", "DNS サーバーがエラー(SERVFAIL)を返しました"),
        (r"HTTP 429 \(rate limited\)$", "問い合わせが多すぎるとして断られました(HTTP 429)"),
        (
            r"the API key was refused \(HTTP (?P<code>\d+)\); no (?P<who>.+) lookups for the rest of this run$",
            "API キーが受け付けられませんでした(HTTP {code})。この実行では {who} への問い合わせをやめます",
        ),
        (r"skipped, the API key was refused earlier in this run$", "API キーが先に拒否されたため省略しました"),
        (
            r"the API key holds a control character; not sent, no (?P<who>.+) lookups$",
            "API キーに制御文字が含まれているため送信しませんでした({who} には問い合わせません)",
        ),
        (r"skipped, rate limited for another (?P<n>\d+) s$", "問い合わせ回数の制限中のため省略しました(あと {n} 秒)"),
        (r"HTTP (?P<code>\d+)$", "エラー(HTTP {code})が返りました"),
        (r"malformed (JSON|answer)$", "応答の形式が壊れていました"),
        (r"answer larger than (?P<n>\d+) bytes$", "応答が大きすぎます({n} バイト超)"),
        (r"no RDAP service for (?P<tld>\.\S+)$", "{tld} には RDAP サービスがありません"),
        (r"IANA names no WHOIS server for (?P<tld>\.\S+)$", "{tld} の WHOIS サーバーが IANA に登録されていません"),
        (r"not an http\(s\) URL$", "http(s) の URL ではありません"),
        (r"unusable file$", "ファイルが使えませんでした"),
        (
            r"no public IP is recorded handing the mail over$",
            "メールを受け渡した公開 IP アドレスの記録がないため確認できません",
        ),
    )
)


def skipped_reason(lang: str, text: str) -> str:
    """'DNS A example.jp: timeout after 5 s' in `lang`."""
    if lang != "ja":
        return text
    what, sep, reason = text.partition(": ")
    if not sep:
        return "調査できませんでした"
    for pattern, template in _SKIP_JA:
        found = pattern.search(reason)
        if found:
            return f"{what}: {template.format(**found.groupdict())}"
    return f"{what}: 調査できませんでした"


_VISIT_JA: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), text)
    for pattern, text in (
        (r"^timeout after (?P<n>[\d.]+) ?s$", "{n} 秒以内に開けませんでした"),
        (r"^unreachable: (?P<code>.+)$", "接続できませんでした({code})"),
        (r"^refused: scheme (?P<scheme>.+)$", "{scheme} のリンクは開きません"),
        (r"^refused: (?P<ip>\S+) is an? (?P<cls>[a-z_]+) address$", "{ip} は内部向けのアドレスのため開きませんでした"),
        (r"^refused: ", "安全のため開きませんでした"),
        (r"^unresolvable: (?P<host>.+)$", "{host} の IP アドレスが見つかりませんでした"),
        (r"^download: (?P<name>.+) \(not saved\)$", "ファイル {name} のダウンロードが始まりました(保存していません)"),
        (r"^no browser: ", "ブラウザー(Chromium)が使えないため開けませんでした"),
    )
)


_INTEL_WORDS = {
    "en": {"url": "link", "domain": "domain", "sha256": "file", "ip": "IP address"},
    "ja": {
        "url": "リンク",
        "domain": "ドメイン",
        "sha256": "ファイル",
        "ip": "IP アドレス",
        "malicious": "悪性",
        "suspicious": "不審",
        "clean": "問題なし",
        "unknown": "判定なし",
        "high": "高",
        "medium": "中",
        "low": "低",
        "undefined": "未設定",
    },
}


def intel_word(lang: str, word: str) -> str:
    """An indicator kind, a verdict or a MISP threat level of the paid lookups, in `lang`."""
    return _INTEL_WORDS.get(lang, _INTEL_WORDS["en"]).get(word, word)


def visit_error(lang: str, text: str) -> str:
    """Why a visit failed, in `lang`."""
    if lang != "ja":
        return text
    for pattern, template in _VISIT_JA:
        found = pattern.search(text)
        if found:
            return template.format(**found.groupdict())
    return "開けませんでした"


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


def finding_title(finding_id: str, lang: str) -> str:
    """A finding's short name (chart labels, the score breakdown), else its id."""
    entry = catalogue(lang)["finding"].get(finding_id) or catalogue("en")["finding"].get(finding_id, {})
    return str(entry.get("title") or finding_id)


def finding_message(f: Finding, lang: str, transform: Callable[[str], str] | None = None) -> str:
    """The finding's sentence; `transform` is applied to every parameter (e.g. defanging)."""
    return "".join(text for text, _ in finding_segments(f, lang, transform))


def messages(f: Finding) -> dict[str, str]:
    return {lang: finding_message(f, lang) for lang in LANGS}
