"""Terminal rendering with rich: the verdict first, then one section per area,
each finding with its evidence (links defanged) and why it matters.

Attacker-controlled strings are passed as `Text` objects, never as markup.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING
from urllib.parse import urlsplit

from rich.console import Console, Group
from rich.panel import Panel
from rich.rule import Rule
from rich.text import Text

from ..analyze import Analysis
from ..i18n import IP_CLASS_JA, defect_text, finding_message, finding_title, place_text, severity, ui
from ..knowledge import load as load_knowledge
from ..parse.received import originating_hop
from .basis import basis_sentences
from .defang import defang_all, defang_email, defang_text
from .facts import online_facts
from .headers import headers_table

if TYPE_CHECKING:
    from ..enrich.investigate import Enrichment

SECTIONS = ("subject", "sender", "route", "auth", "links", "attachments", "content", "reputation")
_VERDICT_STYLE = {
    "phishing": "bold white on red",
    "suspicious": "bold black on yellow",
    "spam": "bold black on cyan",
    "clean": "bold white on green",
}
_SEV_STYLE = {
    "critical": "bold red",
    "high": "red",
    "medium": "yellow",
    "low": "cyan",
    "info": "dim",
}


def _summary(result: Analysis, lang: str, section: str) -> list[Text]:
    msg = result.message
    lines: list[Text] = []
    if section == "subject":
        lines.append(Text(f"{ui(lang, 'subject')}: ") + Text(msg.subject or ui(lang, "none")))
    elif section == "sender":
        for label, addrs in (
            ("from", msg.from_),
            ("reply_to", msg.reply_to),
            ("return_path", msg.return_path),
        ):
            for a in addrs[:2]:
                shown = f"{a.display_name} <{defang_email(a.address)}>" if a.display_name else defang_email(a.address)
                lines.append(Text(f"{ui(lang, label)}: ") + Text(defang_text(shown)))
    elif section == "route":
        hop = originating_hop(msg.hops)
        lines.append(Text(f"{ui(lang, 'hops')}: {len(msg.hops)}"))
        if hop is not None:
            ip_class = IP_CLASS_JA.get(hop.ip_class, hop.ip_class) if lang == "ja" else hop.ip_class
            lines.append(
                Text(f"{ui(lang, 'origin_ip')}: {hop.from_ip} ({ip_class})  ") + Text(hop.from_name or "", style="dim")
            )
        place = result.origin
        if place is not None:
            where = place_text(lang, place.country, place.country_name) or ui(lang, "unknown_place")
            lines.append(Text(ui(lang, "origin_place", ip=place.ip, where=where)))
    elif section == "auth":
        for r in msg.auth:
            if r.trusted:
                lines.append(
                    Text(f"{r.method}={r.result} ", style="bold")
                    + Text(" ".join(f"{k}={v}" for k, v in r.properties)[:120], style="dim")
                )
    elif section == "links":
        lines.append(Text(ui(lang, "links_count", count=len(msg.links))))
        kb = load_knowledge(None)
        seen: dict[tuple[str, str], int] = {}
        for lk in msg.links:
            shown = lk.text if lk.text and lk.text != lk.url else ""
            seen[(shown, lk.url)] = seen.get((shown, lk.url), 0) + 1
        for (shown, url), count in list(seen.items())[:8]:
            line = Text("  • ")
            if shown:
                line += Text(f"{ui(lang, 'link_shown')} ") + Text(defang_all(shown[:60]))
                line += Text(f" → {ui(lang, 'link_real')} ")
            line += Text(defang_text(url[:140]), style="magenta")
            if count > 1:
                line += Text(" " + ui(lang, "evidence_times", count=count), style="bold")
            host = _host(url)
            if host and kb.is_public_sector(host):
                key = "link_public_sector" if result.verdict == "clean" else "link_decoy"
                line += Text(" " + ui(lang, key), style="dim")
            lines.append(line)
    elif section == "content":
        charsets = ", ".join(sorted({b.charset_used for b in msg.bodies if b.charset_used})) or "-"
        lines.append(
            Text(ui(lang, "text_summary", chars=len(msg.text), charsets=charsets, forwarded=len(msg.forwarded)))
        )
    elif section == "attachments":
        atts = msg.all_attachments()
        lines.append(Text(ui(lang, "attachments_count", count=len(atts))))
        for att in atts[:8]:
            lines.append(Text(f"  • {att.filename or att.where} ({att.sniffed_type}, {att.size} B)"))
    return lines


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def online_lines(e: Enrichment, lang: str) -> list[Text]:
    """The online investigation's facts (render/facts.py) as sentences."""
    out = [
        Text(ui(lang, key, **params), style="dim" if key == "online_skipped" else "")
        for key, params in online_facts(e, lang=lang)
    ]
    out.append(Text(ui(lang, "online_stats", queries=e.dns_queries, hits=e.cache_hits, seconds=e.seconds), style="dim"))
    return out


def _counted(values: list[tuple[str, str]]) -> list[tuple[str, str, int]]:
    """Evidence (value, where) in first-seen order, each value once with how often it came."""
    counts: dict[str, int] = {}
    first: dict[str, str] = {}
    for value, where in values:
        counts[value] = counts.get(value, 0) + 1
        first.setdefault(value, where)
    return [(value, first[value], counts[value]) for value in counts]


def render_text(
    result: Analysis,
    lang: str = "en",
    file: IO[str] | None = None,
    width: int | None = None,
    color: bool | None = None,
    verbose: bool = False,
    headers: bool = False,
) -> None:
    """The terminal report. Finding ids appear once, in the score breakdown; `verbose` adds
    them to every finding and shows the parser's own words for each defect; `headers` adds the
    table of every header (render/headers.py)."""
    console = Console(
        file=file,
        width=width,
        force_terminal=color,
        no_color=color is False,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )
    console.print(Panel(Group(*_head(result, lang)), title=ui(lang, "title"), expand=True))
    for section in SECTIONS:
        _print_section(console, result, lang, section, verbose)
    if headers:
        table, note = headers_table(result.message, lang)
        console.print(table)
        console.print(Text(note, style="dim"))
    _print_tail(console, result, lang, verbose)


def _head(result: Analysis, lang: str) -> list[Text]:
    """The verdict panel's lines: verdict and score, the brand, why, the source."""
    verdict = result.verdict
    head = Text(f" {ui(lang, f'verdict_{verdict}')} ", style=_VERDICT_STYLE.get(verdict, "bold"))
    head += Text("  " + ui(lang, "verdict_line", score=result.score.total))
    body: list[Text] = [head]
    if result.brand_label and (result.brand is None or result.brand_is_sender or verdict == "clean"):
        status = "verified" if result.brand_verified else ("unverified" if result.brand_is_sender else "other")
        body.append(
            Text(
                ui(
                    lang,
                    "brand_claim_line",
                    brand=result.brand.name(lang) if result.brand else result.brand_label,
                    status=ui(lang, f"brand_claim_{status if result.brand_known else 'unknown'}"),
                )
            )
        )
    elif result.brand is not None:
        body.append(
            Text(
                ui(
                    lang,
                    "brand_line",
                    brand=result.brand.name(lang),
                    official=", ".join(result.brand.domains[:4]),
                )
            )
        )
    body.extend(Text(line, style="dim") for line in basis_sentences(result.score, lang))  # why, when points do not say
    body.append(Text(result.source, style="dim"))
    return body


def _print_section(console: Console, result: Analysis, lang: str, section: str, verbose: bool) -> None:
    """One area: its summary lines, then each finding with up to three pieces of evidence."""
    found = [f for f in result.findings if f.group == section]
    summary = _summary(result, lang, section)
    if not found and not summary:
        return
    console.print(Rule(Text(ui(lang, f"section_{section}"), style="bold"), align="left"))
    for line in summary:
        console.print(line)
    if not found:
        console.print(Text(ui(lang, "no_findings"), style="green"))
    for f in found:
        line = Text(f"[{severity(lang, f.severity)}] ", style=_SEV_STYLE.get(f.severity, ""))
        if verbose:
            line += Text(f.id, style="bold") + Text(" ")
        line += Text(finding_message(f, lang, defang_all))
        if f.params.get("forwarded"):
            line += Text(" " + ui(lang, "forwarded_note"), style="dim")
        console.print(line)
        shown = [
            ((defang_all if e.kind in ("url", "domain", "address") else defang_text)(e.value[:200]), e.where)
            for e in f.evidence
        ]
        for value, where, count in _counted(shown)[:3]:
            line = Text(f"    {ui(lang, 'evidence')}: ", style="dim") + Text(value)
            if count > 1:
                line += Text(" " + ui(lang, "evidence_times", count=count), style="bold")
            console.print(line + Text(f"  ({where})", style="dim"))


def _print_tail(console: Console, result: Analysis, lang: str, verbose: bool) -> None:
    """The online facts, the damage found while reading, checks that failed, the score breakdown."""
    if result.enrichment is not None:
        console.print(Rule(Text(ui(lang, "section_online"), style="bold"), align="left"))
        for line in online_lines(result.enrichment, lang):
            console.print(line)
    if result.message.defects:
        console.print(Rule(Text(ui(lang, "section_defects"), style="bold"), align="left"))
        for d in result.message.defects[:10]:
            line = Text("  • ") + Text(defect_text(lang, d.code, d.detail[:150]))
            if d.where:
                line += Text(f"  ({d.where})", style="dim")
            if verbose and lang == "ja":
                line += Text(f"  [{d.code}: {d.detail[:150]}]", style="dim")
            console.print(line)
    if result.errors:
        console.print(Rule(Text(ui(lang, "errors"), style="bold"), align="left"))
        for err in result.errors:
            console.print(Text("  • " + err))
    console.print(Rule(Text(ui(lang, "section_breakdown"), style="bold"), align="left"))
    for c in result.score.contributions[:12]:
        label = Text(f"  {c.points:5.1f} {ui(lang, 'points')}  {finding_title(c.id, lang)}  ")
        console.print(label + Text(c.id, style="dim"))
    console.print(Text(ui(lang, "footer"), style="dim"))
