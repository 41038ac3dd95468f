"""The alert article as data: what the Markdown article and the HTML report both show.

It follows the seed's order: the mail quoted, then the subject, the sender, the
Received headers, the links (and authentication, attachments and text when they
have something to say), then a summary with advice and where to report. Every
value that comes from the mail is masked (recipient) and defanged before it gets
here, and kept apart from our own words as a `Segment` so each renderer can show
it as code.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import datetime

from ..analyze import Analysis
from ..i18n import (
    IP_CLASS_JA,
    Segment,
    catalogue,
    country_name,
    fill,
    finding_segments,
    finding_title,
    report_catalogue,
    report_text,
    severity,
    ui,
)
from ..knowledge import Knowledge
from ..model import Finding, Hop, Link
from ..parse.received import originating_hop
from ..urls import unwrap
from .defang import defang_all, defang_url
from .facts import online_facts
from .privacy import Masker

Paragraph = list[Segment]
QUOTED_BODY_CHARS = 3000
MAX_LINK_ROWS = 30
# Sections in the seed's order; every finding group lands in one of them.
SECTION_ORDER = ("subject", "sender", "route", "auth", "links", "attachments", "content", "online")
_ALWAYS = {"subject", "sender", "route", "links"}
_GROUP_SECTION = {"reputation": "content"}
# Tables whose sentences serve as labels of tables and pictures.
_LABEL_TABLES = ("links", "html")


@dataclass(frozen=True)
class ReportOptions:
    lang: str = "ja"
    defang_style: str = "hxxp"
    """'hxxp' writes hxxps://evil[.]example; 'h**p' writes h**ps://evil[.]example as the seed does."""
    keep_recipient: bool = False


@dataclass(frozen=True)
class FindingView:
    id: str
    severity: str
    severity_label: str
    text: Paragraph
    evidence: tuple[str, ...]
    points: float


@dataclass(frozen=True)
class LinkView:
    shown: str
    target: str
    domain: str
    status: str
    status_label: str
    finding_ids: tuple[str, ...]
    final: str = ""
    """Where a redirect wrapper (google.com/url?q=, SafeLinks, ...) leads, unwrapped offline."""
    via: tuple[str, ...] = ()
    screenshot: str = ""
    """data: URI of the page's screenshot when the link was visited (--visit)."""


@dataclass(frozen=True)
class HopView:
    host: str
    ip: str
    ip_class: str
    by_host: str
    when: str
    delay: str


@dataclass
class Section:
    key: str
    heading: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    items: list[Paragraph] = field(default_factory=list)
    findings: list[FindingView] = field(default_factory=list)
    closing: list[Paragraph] = field(default_factory=list)


@dataclass
class Article:
    lang: str
    verdict: str
    verdict_label: str
    score: int
    brand_name: str
    brand_domains: tuple[str, ...]
    title: Paragraph
    lead: list[Paragraph]
    quoted_heading: str
    quoted_intro: str
    quoted_headers: list[tuple[str, str]]
    quoted_body: str
    quoted_truncated: str
    sections: list[Section]
    links: list[LinkView]
    hops: list[HopView]
    breakdown: list[tuple[str, float, str]]
    """(finding's short name, points, finding id), largest first."""
    summary_heading: str
    summary: list[Paragraph]
    reasons_intro: str
    advice_heading: str
    advice: list[Paragraph]
    report_heading: str
    report: list[Paragraph]
    footer: Paragraph
    labels: dict[str, str] = field(default_factory=dict)
    """Headings of tables and pictures, by catalogue key."""


class _Writer:
    def __init__(self, result: Analysis, kb: Knowledge, options: ReportOptions) -> None:
        self.result = result
        self.msg = result.message
        self.kb = kb
        self.lang = options.lang
        self.style = options.defang_style
        self.masker = Masker.for_result(result, options.keep_recipient)
        # The article warns about a brand impersonated; a clean mail's brand is its sender's own.
        self.brand = result.brand if result.verdict != "clean" else None
        self.brand_name = self.brand.name(self.lang) if self.brand else ""
        self.points = {c.id: c.points for c in result.score.contributions}
        self.screenshots = {
            v.requested: "data:image/png;base64," + base64.b64encode(v.screenshot_png).decode()
            for v in (result.enrichment.visits if result.enrichment else [])
            if v.screenshot_png.startswith(b"\x89PNG")
        }

    # values from the mail
    def clean(self, value: str) -> str:
        return defang_all(self.masker.mask(value), self.style)

    def text(self, key: str) -> str:
        return report_text(self.lang, key)

    def para(self, key: str, **values: str) -> Paragraph:
        """Our sentence with the mail's values (already cleaned) set in; brand names and
        counts are our own words."""
        ours = {k for k in values if k in ("brand", "count", "score", "ip_class", "delay")}
        return fill(self.text(key), values, ours)

    def finding(self, f: Finding) -> FindingView:
        return FindingView(
            f.id,
            f.severity,
            severity(self.lang, f.severity),
            finding_segments(f, self.lang, self.clean),
            self.evidence(f),
            round(self.points.get(f.id, 0.0), 1),
        )

    def evidence(self, f: Finding) -> tuple[str, ...]:
        """Up to three pieces of evidence, each once; one that repeats says how often."""
        counts: dict[str, int] = {}
        for e in f.evidence:
            value = self.clean(e.value)[:300]
            counts[value] = counts.get(value, 0) + 1
        return tuple(
            value if n == 1 else f"{value} {ui(self.lang, 'evidence_times', count=n)}"
            for value, n in list(counts.items())[:3]
        )

    # sections
    def subject(self, section: Section) -> None:
        section.paragraphs.append(self.para("subject.fact", subject=self.clean(self.msg.subject or "-")))

    def sender(self, section: Section) -> None:
        msg = self.msg
        if not msg.from_:
            section.paragraphs.append(self.para("sender.no_from"))
        else:
            a = msg.from_[0]
            address, domain = self.clean(a.address), self.clean(a.domain)
            if a.display_name:
                name = self.clean(a.display_name)
                section.paragraphs.append(self.para("sender.fact", name=name, address=address, domain=domain))
            else:
                section.paragraphs.append(self.para("sender.fact_noname", address=address, domain=domain))
            section.paragraphs.append(self.para("sender.caution"))
        if self.brand is not None:
            domains = "、".join(self.brand.domains[:4]) if self.lang == "ja" else ", ".join(self.brand.domains[:4])
            section.paragraphs.append(
                fill(
                    self.text("sender.brand_domains"),
                    {"brand": self.brand_name, "domains": domains},
                    {"brand", "domains"},
                )
            )
            if not any(self.brand.owns(a.domain) for a in msg.from_):
                section.paragraphs.append(self.para("sender.brand_foreign", brand=self.brand_name))
        from_addrs = {a.address.lower() for a in msg.from_}
        for key, addrs in (("sender.reply_to", msg.reply_to), ("sender.return_path", msg.return_path)):
            extra = [a for a in addrs if a.address and a.address.lower() not in from_addrs]
            if extra:
                section.paragraphs.append(self.para(key, address=self.clean(extra[0].address)))

    def route(self, section: Section) -> None:
        hops = self.msg.hops
        if not hops:
            section.paragraphs.append(self.para("route.none_hops"))
            return
        section.paragraphs.append(self.para("route.count", count=str(len(hops))))
        section.paragraphs.append(self.para("route.explain"))
        origin = originating_hop(hops)
        if origin is None:
            return
        host = origin.from_rdns or origin.from_name
        if host:
            section.paragraphs.append(self.para("route.origin", host=self.clean(host), ip=origin.from_ip))
        else:
            section.paragraphs.append(self.para("route.origin_noname", ip=origin.from_ip))
        if origin.ip_class == "public":
            section.paragraphs.append(self.para("route.public"))
        else:
            section.paragraphs.append(self.para("route.unlocatable", ip_class=_ip_class(origin.ip_class, self.lang)))
        place = self.result.origin
        if place is not None and place.country:
            section.paragraphs.append(
                self.para(
                    "route.located",
                    ip=place.ip,
                    country=place.country,
                    country_name=country_name(self.lang, place.country, place.country_name),
                )
            )

    def auth(self, section: Section) -> None:
        trusted = [r for r in self.msg.auth if r.trusted]
        if not trusted:
            section.paragraphs.append(self.para("auth.missing"))
            return
        seen: list[str] = []
        for r in trusted:
            item = f"{r.method}={r.result}"
            if item not in seen:
                seen.append(item)
        section.paragraphs.append(self.para("auth.fact", results=", ".join(seen)))
        section.paragraphs.append(self.para("auth.explain"))

    def links_section(self, section: Section, links: list[LinkView]) -> None:
        if not links:
            section.paragraphs.append(self.para("links.none_links"))
            return
        section.paragraphs.append(self.para("links.count", count=str(len(links))))
        foreign = sorted({lv.domain for lv in links if lv.status not in ("official", "trusted") and lv.domain})
        if self.brand is not None and foreign:
            sep = "、" if self.lang == "ja" else ", "
            section.closing.append(self.para("links.foreign", brand=self.brand_name, domains=sep.join(foreign[:6])))

    def attachments(self, section: Section) -> None:
        atts = self.msg.all_attachments()
        if not atts:
            return
        section.paragraphs.append(self.para("attachments.count", count=str(len(atts))))
        for att in atts[:20]:
            section.items.append(
                fill(
                    self.text("attachments.item"),
                    {
                        "name": self.clean(att.filename or att.where),
                        "type": att.sniffed_type,
                        "size": str(att.size),
                        "sha256": att.sha256,
                    },
                    {"size"},
                )
            )
        if self.result.verdict != "clean":
            section.closing.append(self.para("attachments.advice"))

    def online(self, section: Section) -> None:
        e = self.result.enrichment
        if e is None:
            return
        section.paragraphs.append(self.para("online.intro"))
        for key, params in online_facts(e, self.masker.mask, self.lang):
            template = catalogue(self.lang)["ui"].get(key) or catalogue("en")["ui"][key]
            section.items.append(fill(str(template), params))

    # tables and pictures
    def link_views(self) -> list[LinkView]:
        named: dict[str, set[str]] = {}
        for f in self.result.findings:
            if f.group == "links":
                for e in f.evidence:
                    named.setdefault(e.value, set()).add(f.id)
        out: list[LinkView] = []
        seen: set[tuple[str, str]] = set()
        for link in self.msg.links:
            shown = link.text if link.text and link.text.strip() != link.url else ""
            key = (shown.strip(), link.url)
            if key in seen:
                continue
            seen.add(key)
            final, chain = unwrap(link, self.kb)
            status, label = self._status(final)
            shot = self.screenshots.get(final.url) or self.screenshots.get(link.url, "")
            out.append(
                LinkView(
                    self.clean(shown)[:120],
                    self.clean(link.url)[:300],
                    self.clean(final.registrable or final.host),
                    status,
                    label,
                    tuple(sorted(named.get(link.url, set()) | named.get(final.url, set()))),
                    self.clean(final.url)[:300] if final.url != link.url else "",
                    tuple(self.clean(h) for h in chain),
                    shot,
                )
            )
            if len(out) >= MAX_LINK_ROWS:
                break
        return out

    def _status(self, link: Link) -> tuple[str, str]:
        host = link.host_ascii or link.host
        owner = self.kb.brand_owning(host) if host else None
        if owner is not None:
            label = self.text("links.status_official").replace("{brand}", owner.name(self.lang))
            return "official", label
        if host and self.kb.is_trusted(host):
            return "trusted", self.text("links.status_trusted")
        if host and self.kb.is_shortener(host):
            return "shortener", self.text("links.status_shortener")
        if host and self.kb.is_public_sector(host):  # only public bodies register there: a decoy, not the trap
            key = "links.status_public_sector" if self.result.verdict == "clean" else "links.status_decoy"
            return "public", self.text(key)
        return "other", self.text("links.status_other")

    def hop_views(self) -> list[HopView]:
        out: list[HopView] = []
        previous: datetime | None = None
        for hop in reversed(self.msg.hops):
            out.append(
                HopView(
                    self.clean(hop.from_rdns or hop.from_name or ""),
                    hop.from_ip,
                    _ip_class(hop.ip_class, self.lang) if hop.ip_class else "",
                    self.clean(hop.by_host),
                    hop.timestamp.isoformat() if hop.timestamp else "",
                    _delay(previous, hop, self.lang),
                )
            )
            previous = hop.timestamp or previous
        return out

    # summary
    def closing(self, article: Article) -> None:
        verdict = self.result.verdict
        brand = self.brand_name
        key = f"summary.{verdict}_brand" if verdict == "phishing" and brand else f"summary.{verdict}"
        article.summary.append(self.para(key, brand=brand))
        if verdict in ("phishing", "suspicious"):
            if self.brand is not None:
                domains = ", ".join(self.brand.domains[:3])
                article.advice.append(
                    fill(
                        self.text("summary.advice_official"), {"brand": brand, "domains": domains}, {"brand", "domains"}
                    )
                )
            for key in ("summary.advice_password", "summary.advice_card", "summary.advice_history"):
                article.advice.append(self.para(key))
            article.report.append(self.para("summary.report_antiphishing"))
            if self.brand is not None:
                article.report.append(
                    fill(
                        self.text("summary.report_brand"),
                        {"brand": brand, "domain": self.brand.domains[0]},
                        {"brand", "domain"},
                    )
                )
        elif verdict == "spam":
            article.report.append(self.para("summary.report_spam"))
        example = defang_url("https://example.com/", self.style)
        article.footer = fill(self.text("summary.footer"), {"example": example})


def _ip_class(name: str, lang: str) -> str:
    return IP_CLASS_JA.get(name, name) if lang == "ja" else name.replace("_", "-")


def _delay(previous: datetime | None, hop: Hop, lang: str) -> str:
    if previous is None or hop.timestamp is None:
        return ""
    try:
        seconds = int((hop.timestamp - previous).total_seconds())
    except TypeError:  # naive and aware timestamps
        return ""
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    units = (("日", "d", 86400), ("時間", "h", 3600), ("分", "min", 60), ("秒", "s", 1))
    for ja, en, size in units:
        if seconds >= size or size == 1:
            amount = seconds // size
            return f"{sign}{amount}{ja}" if lang == "ja" else f"{sign}{amount} {en}"
    return ""


def build_article(result: Analysis, kb: Knowledge, options: ReportOptions | None = None) -> Article:
    opts = options or ReportOptions()
    w = _Writer(result, kb, opts)
    msg = result.message
    verdict = result.verdict
    subject = w.clean(msg.subject) if msg.subject else w.text("title.no_subject")
    lead_key = f"lead.{verdict}_brand" if verdict in ("phishing", "suspicious") and w.brand_name else f"lead.{verdict}"
    lead = [w.para(lead_key, brand=w.brand_name, score=str(result.score.total)), w.para("lead.plan")]
    sender_line = ""
    if msg.from_:
        a = msg.from_[0]
        sender_line = w.clean(f'"{a.display_name}" <{a.address}>' if a.display_name else a.address)
    headers = [(w.text("lead.subject_label"), w.clean(msg.subject)), (w.text("lead.from_label"), sender_line)]
    if msg.date is not None:
        headers.append((w.text("lead.date_label"), msg.date.isoformat()))
    body = w.clean(msg.text[: QUOTED_BODY_CHARS * 2])
    truncated = len(body) > QUOTED_BODY_CHARS or len(msg.text) > QUOTED_BODY_CHARS * 2
    links = w.link_views()
    article = Article(
        lang=opts.lang,
        verdict=verdict,
        verdict_label=_verdict_label(verdict, opts.lang),
        score=result.score.total,
        brand_name=w.brand_name,
        brand_domains=result.brand.domains if result.brand and result.verdict != "clean" else (),
        title=fill(w.text(f"title.{verdict}"), {"subject": subject}),
        lead=lead,
        quoted_heading=w.text("lead.quoted_heading"),
        quoted_intro=w.text("lead.quoted_intro" if w.masker.active else "lead.quoted_intro_kept"),
        quoted_headers=headers,
        quoted_body=body[:QUOTED_BODY_CHARS].rstrip(),
        quoted_truncated=w.text("lead.quoted_truncated") if truncated else "",
        sections=[],
        links=links,
        hops=w.hop_views(),
        breakdown=[(finding_title(c.id, opts.lang), round(c.points, 1), c.id) for c in result.score.contributions],
        summary_heading=w.text("summary.heading"),
        summary=[],
        reasons_intro=w.text("summary.reasons"),
        advice_heading=w.text("summary.advice_heading"),
        advice=[],
        report_heading=w.text("summary.report_heading"),
        report=[],
        footer=[],
        labels={
            f"{table}.{key}": report_text(opts.lang, f"{table}.{key}")
            for table in _LABEL_TABLES
            for key in report_catalogue("en")[table]
        },
    )
    by_section: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_section.setdefault(_GROUP_SECTION.get(f.group, f.group), []).append(f)
    for key in SECTION_ORDER:
        found = by_section.get(key, [])
        has_material = {
            "auth": any(r.trusted for r in msg.auth),
            "attachments": bool(msg.attachments),
            "online": result.enrichment is not None,
        }.get(key, False)
        if key not in _ALWAYS and not found and not has_material:
            continue
        section = Section(key, w.text(f"{key}.heading"))
        if key == "links":
            w.links_section(section, links)
        elif key in ("subject", "sender", "route", "auth", "attachments", "online"):
            getattr(w, key)(section)
        section.findings = [w.finding(f) for f in sorted(found, key=lambda f: -w.points.get(f.id, 0.0))]
        if not found and key != "online":
            section.closing.insert(0, w.para(f"{key}.none"))
        article.sections.append(section)
    w.closing(article)
    return article


def _verdict_label(verdict: str, lang: str) -> str:
    return ui(lang, f"verdict_{verdict}")
