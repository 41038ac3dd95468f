"""Indicators of compromise: what a defender blocks or searches for, as CSV, a STIX 2.1
bundle (stix2) or a MISP event (pymisp).

Only what the attacker controls is exported: sender addresses and domains, the
originating IP, link URLs (redirect wrappers unwrapped offline), their hosts and
domains, attachment hashes and the subject. Never exported: the recipient (masked
unless asked), the impersonated brand's and other known brands' official domains,
trusted and public-sector domains shown as decoys, and shared services (free-mail,
free hosting, shorteners) as whole domains — blocking gmail.com helps nobody.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from ..analyze import Analysis
from ..knowledge import Knowledge
from ..parse.domains import registrable
from ..parse.received import first_external_hop, originating_hop
from ..urls import unwrap
from .article import ReportOptions
from .defang import defang_all, defang_email, defang_url
from .privacy import Masker

# Stable ids: the same indicator gets the same STIX id in every export.
_NAMESPACE = uuid.UUID("8f7e0c3a-6a55-4c1e-9d3e-6d61696c6175")
KINDS = ("email", "domain", "hostname", "ip", "url", "sha256", "filename", "subject")


@dataclass(frozen=True)
class Indicator:
    kind: str
    value: str
    context: str
    in_findings: bool

    def defanged(self, style: str = "hxxp") -> str:
        if self.kind == "url":
            return defang_url(self.value, style)
        if self.kind == "email":
            return defang_email(self.value)
        if self.kind in ("domain", "hostname", "ip"):
            return defang_all(self.value, style) if self.kind != "ip" else self.value.replace(".", "[.]")
        return self.value


class _Collector:
    def __init__(self, result: Analysis, kb: Knowledge, masker: Masker) -> None:
        self.kb = kb
        self.masker = masker
        self.items: dict[tuple[str, str], Indicator] = {}
        self.evidence = "\n".join(e.value for f in result.findings for e in f.evidence).lower()
        self.recipient_domains = set(masker.domains)

    def benign(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return bool(
            not host
            or self.kb.brand_owning(host) is not None
            or self.kb.is_trusted(host)
            or self.kb.is_public_sector(host)
            or any(host == d or host.endswith("." + d) for d in self.recipient_domains)
        )

    def shared(self, host: str, path: str = "/") -> bool:
        """A service anyone can use: the host may be an indicator, its domain is not."""
        return bool(self.kb.is_freemail(host) or self.kb.is_shortener(host) or self.kb.free_host(host, path))

    def add(self, kind: str, value: str, context: str, raw: str = "") -> None:
        """`raw` is the value before masking, as the findings' evidence holds it."""
        if not value:
            return
        key = (kind, value.lower() if kind not in ("url", "subject", "filename") else value)
        if key not in self.items:
            self.items[key] = Indicator(kind, value, context, (raw or value).lower() in self.evidence)

    def host(self, host: str, context: str, path: str = "/") -> None:
        if self.benign(host):
            return
        reg = registrable(host)
        if host != reg or self.shared(host, path):
            self.add("hostname", host, context)
        if reg and not self.shared(reg, path) and not self.shared(host, path):
            self.add("domain", reg, context)


def collect(result: Analysis, kb: Knowledge, options: ReportOptions | None = None) -> list[Indicator]:
    opts = options or ReportOptions()
    masker = Masker.for_result(result, opts.keep_recipient)
    c = _Collector(result, kb, masker)
    msg = result.message
    if msg.subject:
        c.add("subject", masker.mask(msg.subject), "Subject")
    for header, addrs in (
        ("From", msg.from_),
        ("Sender", msg.sender),
        ("Reply-To", msg.reply_to),
        ("Return-Path", msg.return_path),
    ):
        for a in addrs:
            address = a.address.lower()
            if "@" not in address or masker.mask_identifiers(address) != address:
                continue
            if c.kb.is_freemail(a.domain):
                c.add("email", address, header)  # anyone's mailbox: the address, never the domain
            elif not c.benign(a.domain):
                c.add("email", address, header)
                c.host(a.domain, f"{header} domain")
    origin = originating_hop(msg.hops)
    external = first_external_hop(msg.hops)
    for hop, context in ((origin, "originating IP"), (external, "first public hop")):
        if hop is not None and hop.ip_class == "public":
            c.add("ip", hop.from_ip, context)
    for link in msg.links:
        final, _chain = unwrap(link, kb)
        host = final.host_ascii or final.host
        if final.scheme not in ("http", "https", "ftp") or c.benign(host):
            continue
        c.add("url", masker.mask_identifiers(final.url), f"link ({link.source})", final.url)
        if final.is_ip:
            c.add("ip", host, "link host")
        else:
            c.host(host, "link host", final.url.partition(host)[2] or "/")
    for att in msg.all_attachments():
        c.add("sha256", att.sha256, masker.mask(att.filename or att.where))
        if att.filename:
            c.add("filename", masker.mask(att.filename), att.sniffed_type)
    order = {k: i for i, k in enumerate(KINDS)}
    return sorted(c.items.values(), key=lambda i: order[i.kind])


def _cell(text: str) -> str:
    """A spreadsheet must not read the attacker's subject as a formula (=HYPERLINK(...))."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(indicators: list[Indicator], style: str = "hxxp") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["type", "value", "defanged", "context", "in_findings"])
    for ind in indicators:
        row = [ind.kind, ind.value, ind.defanged(style), ind.context, "yes" if ind.in_findings else "no"]
        writer.writerow([_cell(c) for c in row])
    return out.getvalue()


def _timestamp(result: Analysis) -> datetime:
    date = result.message.date
    if date is None:
        return datetime.now(UTC)
    return date if date.tzinfo else date.replace(tzinfo=UTC)


def _stix_pattern(ind: Indicator) -> str | None:
    value = ind.value.replace("\\", "\\\\").replace("'", "\\'")
    if ind.kind == "ip":
        return f"[{'ipv6-addr' if ':' in ind.value else 'ipv4-addr'}:value = '{value}']"
    return {
        "email": f"[email-addr:value = '{value}']",
        "domain": f"[domain-name:value = '{value}']",
        "hostname": f"[domain-name:value = '{value}']",
        "url": f"[url:value = '{value}']",
        "sha256": f"[file:hashes.'SHA-256' = '{value}']",
        "filename": f"[file:name = '{value}']",
        "subject": f"[email-message:subject = '{value}']",
    }.get(ind.kind)


def _description(result: Analysis) -> str:
    brand = f" impersonating {result.brand.name_en}" if result.brand and not result.brand_is_sender else ""
    ids = ", ".join(f.id for f in result.findings)
    return f"mailautopsy verdict: {result.verdict}{brand} (score {result.score.total}/100). Findings: {ids or 'none'}."


def to_stix(result: Analysis, indicators: list[Indicator], options: ReportOptions | None = None) -> str:
    import stix2

    opts = options or ReportOptions()
    when = _timestamp(result)
    tool = stix2.Identity(
        id=f"identity--{uuid.uuid5(_NAMESPACE, 'mailautopsy')}",
        name="mailautopsy",
        identity_class="system",
        created=datetime(2026, 1, 1, tzinfo=UTC),
        modified=datetime(2026, 1, 1, tzinfo=UTC),
    )
    malicious = result.verdict in ("phishing", "suspicious")
    objects: list[object] = [tool]
    for ind in indicators:
        pattern = _stix_pattern(ind)
        if pattern is None:
            continue
        objects.append(
            stix2.Indicator(
                id=f"indicator--{uuid.uuid5(_NAMESPACE, f'{ind.kind}:{ind.value}')}",
                name=f"{ind.context}: {ind.defanged(opts.defang_style)}",
                pattern=pattern,
                pattern_type="stix",
                valid_from=when,
                created_by_ref=tool.id,
                indicator_types=["malicious-activity" if malicious else "anomalous-activity"],
                labels=["in-findings"] if ind.in_findings else None,
            )
        )
    subject = Masker.for_result(result, opts.keep_recipient).mask(result.message.subject)
    report = stix2.Report(
        name=f"{result.verdict}: {subject or '(no subject)'}",
        description=_description(result),
        published=datetime.now(UTC),
        report_types=["threat-report"],
        created_by_ref=tool.id,
        object_refs=[o.id for o in objects[1:]] or [tool.id],  # type: ignore[attr-defined]
    )
    objects.append(report)
    # stix2's pretty printer sorts properties in quadratic time (13 s for 1,000 indicators);
    # indenting its compact output keeps its property order at a fraction of the cost.
    compact = stix2.Bundle(objects=objects).serialize()
    return json.dumps(json.loads(compact), ensure_ascii=False, indent=2)


_MISP_TYPES = {
    "domain": "domain",
    "hostname": "hostname",
    "ip": "ip-src",
    "url": "url",
    "sha256": "sha256",
    "filename": "filename",
    "subject": "email-subject",
}
_MISP_THREAT = {"phishing": 1, "suspicious": 2, "spam": 3, "clean": 4}


def to_misp(result: Analysis, indicators: list[Indicator], options: ReportOptions | None = None) -> str:
    from pymisp import MISPEvent

    event = MISPEvent()
    subject = Masker.for_result(result, (options or ReportOptions()).keep_recipient).mask(result.message.subject)
    event.info = f"mailautopsy {result.verdict}: {subject or '(no subject)'}"
    event.date = _timestamp(result).date()
    event.threat_level_id = _MISP_THREAT.get(result.verdict, 4)
    event.analysis = 2
    event.distribution = 0
    event.add_tag("tlp:green")
    event.add_tag(f'mailautopsy:verdict="{result.verdict}"')
    malicious = result.verdict in ("phishing", "suspicious")
    for ind in indicators:
        if ind.kind == "email":
            misp_type = "email-reply-to" if ind.context == "Reply-To" else "email-src"
        else:
            misp_type = _MISP_TYPES[ind.kind]
        event.add_attribute(
            misp_type,
            ind.value,
            comment=ind.context,
            to_ids=malicious and ind.kind not in ("subject", "filename"),
        )
    event.add_attribute("comment", _description(result), category="Other", to_ids=False)
    return json.dumps({"Event": json.loads(event.to_json())}, ensure_ascii=False, indent=2)
