"""Terminal rendering with rich: the verdict first, then one section per area,
each finding with its evidence (links defanged) and why it matters.

Attacker-controlled strings are passed as `Text` objects, never as markup.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from rich.console import Console, Group
from rich.panel import Panel
from rich.rule import Rule
from rich.text import Text

from ..analyze import Analysis
from ..i18n import finding_message, severity, ui
from ..parse.received import originating_hop
from .defang import defang_all, defang_email, defang_text
from .facts import online_facts

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
            lines.append(
                Text(f"{ui(lang, 'origin_ip')}: {hop.from_ip} ({hop.ip_class})  ")
                + Text(hop.from_name or "", style="dim")
            )
        place = result.origin
        if place is not None:
            where = f"{place.country} {place.country_name}".strip() or ui(lang, "unknown_place")
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
        for lk in msg.links[:8]:
            line = Text("  • ")
            if lk.text and lk.text != lk.url:
                line += (
                    Text(f"{ui(lang, 'link_shown')} ")
                    + Text(defang_all(lk.text[:60]))
                    + Text(f" → {ui(lang, 'link_real')} ")
                )
            line += Text(defang_text(lk.url[:140]), style="magenta")
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


def online_lines(e: Enrichment, lang: str) -> list[Text]:
    """The online investigation's facts (render/facts.py) as sentences."""
    out = [
        Text(ui(lang, key, **params), style="dim" if key == "online_skipped" else "") for key, params in online_facts(e)
    ]
    out.append(Text(ui(lang, "online_stats", queries=e.dns_queries, hits=e.cache_hits, seconds=e.seconds), style="dim"))
    return out


def render_text(
    result: Analysis,
    lang: str = "en",
    file: IO[str] | None = None,
    width: int | None = None,
    color: bool | None = None,
) -> None:
    console = Console(
        file=file,
        width=width,
        force_terminal=color,
        no_color=color is False,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )
    verdict = result.verdict
    head = Text(ui(lang, f"verdict_{verdict}"), style=_VERDICT_STYLE.get(verdict, "bold"))
    head += Text("  " + ui(lang, "verdict_line", verdict=ui(lang, f"verdict_{verdict}"), score=result.score.total))
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
    body.append(Text(result.source, style="dim"))
    console.print(Panel(Group(*body), title=ui(lang, "title"), expand=True))
    for section in SECTIONS:
        found = [f for f in result.findings if f.group == section]
        summary = _summary(result, lang, section)
        if not found and not summary:
            continue
        console.print(Rule(Text(ui(lang, f"section_{section}"), style="bold"), align="left"))
        for line in summary:
            console.print(line)
        if not found:
            console.print(Text(ui(lang, "no_findings"), style="green"))
        for f in found:
            tag = Text(f"[{severity(lang, f.severity)}] ", style=_SEV_STYLE.get(f.severity, ""))
            line = tag + Text(f.id, style="bold") + Text(" ") + Text(finding_message(f, lang, defang_all))
            if f.params.get("forwarded"):
                line += Text(" " + ui(lang, "forwarded_note"), style="dim")
            console.print(line)
            for e in f.evidence[:3]:
                defang = defang_all if e.kind in ("url", "domain", "address") else defang_text
                value = defang(e.value[:200])
                console.print(
                    Text(f"    {ui(lang, 'evidence')}: ", style="dim")
                    + Text(value)
                    + Text(f"  ({e.where})", style="dim")
                )
    if result.enrichment is not None:
        console.print(Rule(Text(ui(lang, "section_online"), style="bold"), align="left"))
        for line in online_lines(result.enrichment, lang):
            console.print(line)
    if result.message.defects:
        console.print(Rule(Text(ui(lang, "section_defects"), style="bold"), align="left"))
        for d in result.message.defects[:10]:
            console.print(Text(f"  • {d.code}: ") + Text(d.detail[:150]))
    if result.errors:
        console.print(Rule(Text(ui(lang, "errors"), style="bold"), align="left"))
        for err in result.errors:
            console.print(Text("  • " + err))
    console.print(Rule(Text(ui(lang, "section_breakdown"), style="bold"), align="left"))
    for c in result.score.contributions[:12]:
        console.print(Text(f"  {c.points:5.1f} {ui(lang, 'points')}  {c.id}"))
    console.print(Text(ui(lang, "footer"), style="dim"))
