"""What the web app stores of an analysis, and how the full `Analysis` comes back from it.

A row keeps the raw mail, the analysis as docs/schema.json describes it (pages, API, search)
and, for online analyses, the investigation's facts as JSON. Nothing stored is a pickle, so a
refactor of a dataclass never makes old rows unreadable: what needs the full `Analysis`
(reports, the result page) re-analyses the raw mail offline and adds the stored online
findings and facts, which cannot be looked up again without the network."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from .. import knowledge, rules
from ..analyze import Analysis, analyze
from ..campaign import Member, Skeleton
from ..model import Evidence, Finding
from ..parse.received import first_external_hop, originating_hop
from ..parse.sources import message_bytes
from ..render.json import to_dict
from ..score import score
from ..settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from pydantic import BaseModel

    from ..enrich.investigate import Enrichment


@dataclass
class StoredResult:
    """The columns of a finished analysis, computed in the worker process (plain data only)."""

    result_json: str
    verdict: str
    score: float
    brand: str
    subject: str
    from_address: str
    enrichment: str = ""
    indicators: list[tuple[str, str]] = field(default_factory=list)
    status: str = "done"
    """done (a full analysis), incomplete (cut short before any finding came out: the
    ANALYSIS_INCOMPLETE result of `scan.incomplete_result`), not_mail or unreadable."""
    campaign: tuple[Member, Skeleton] | None = None
    """The mail as its campaign records it (member and compact skeleton): the app adds it to the
    store's campaigns once the result is stored."""


def stored_result(result: Analysis, obj: dict[str, Any] | None = None) -> StoredResult:
    """The columns of a full analysis; `obj`, its JSON when already rendered."""
    msg = result.message
    return StoredResult(
        result_json=json.dumps(obj if obj is not None else to_dict(result), ensure_ascii=False),
        verdict=result.verdict,
        score=float(result.score.total),
        brand=result.brand_label or "",
        subject=msg.subject[:2000],
        from_address=(msg.from_[0].address if msg.from_ else "")[:400],
        enrichment=enrichment_json(result.enrichment) if result.enrichment is not None else "",
        indicators=indicators_of(result),
    )


def stored_skipped(obj: dict[str, Any]) -> StoredResult:
    """The columns of a result with no analysis behind it (`scan.skipped_result` of a file that is
    not mail or is unreadable, `scan.incomplete_result` of an analysis cut short): its JSON as it
    is, and a verdict only for the incomplete one (never clean: suspicious)."""
    status = str(obj.get("status", "analysed"))
    return StoredResult(
        result_json=json.dumps(obj, ensure_ascii=False),
        verdict=str(obj["verdict"]) if status == "analysed" else "",
        score=float(obj.get("score", 0)),
        brand="",
        subject="",
        from_address="",
        status="incomplete" if status == "analysed" else status,
    )


def indicators_of(result: Analysis) -> list[tuple[str, str]]:
    """What the history and the indicator pages search: sender, IPs, link hosts, URLs, hashes."""
    msg = result.message
    out: set[tuple[str, str]] = set()
    for a in msg.from_ + msg.reply_to + msg.return_path + msg.sender:
        if a.address:
            out.add(("email", a.address.lower()))
        if a.domain:
            out.add(("hostname", a.domain.lower()))
        if a.registrable:
            out.add(("domain", a.registrable.lower()))
    for hop in (originating_hop(msg.hops), first_external_hop(msg.hops)):
        if hop is not None and hop.from_ip:
            out.add(("ip", hop.from_ip))
    for link in msg.links[:500]:
        out.add(("url", link.url[:2000]))
        if link.is_ip and link.host:
            out.add(("ip", link.host))
        elif link.host:
            out.add(("hostname", link.host.lower()))
            if link.registrable:
                out.add(("domain", link.registrable.lower()))
    for att in msg.all_attachments():
        out.add(("sha256", att.sha256))
    return sorted(out)


@cache
def _facts_model() -> type[BaseModel]:
    """pydantic reads and writes the `Enrichment` dataclasses as they are (bytes as base64)."""
    from pydantic import ConfigDict, create_model

    from ..enrich import investigate, visit

    config = ConfigDict(ser_json_bytes="base64", val_json_bytes="base64")
    model: type[BaseModel] = create_model("StoredFacts", __config__=config, facts=(investigate.Enrichment, ...))
    # The dataclasses name some types only under TYPE_CHECKING: give pydantic their modules.
    model.model_rebuild(force=True, _types_namespace={**vars(investigate), **vars(visit)})
    return model


def enrichment_json(enrichment: Enrichment) -> str:
    try:
        return _facts_model()(facts=enrichment).model_dump_json()
    except Exception:  # facts that do not serialise cost the re-rendered facts, never the analysis
        return ""


def enrichment_from_json(text: str) -> Enrichment | None:
    """None when absent, or written by a version whose facts no longer fit today's dataclasses."""
    if not text:
        return None
    try:
        facts: Enrichment = _facts_model().model_validate_json(text).facts  # type: ignore[attr-defined]
        return facts
    except Exception:
        return None


def _finding(data: dict[str, Any], rules_: rules.Rules) -> Finding:
    rule = rules_.get(str(data["id"]))
    return Finding(
        id=rule.id,
        severity=rule.severity,
        confidence=float(data.get("confidence", 1.0)),
        evidence=tuple(Evidence(str(e["kind"]), str(e["value"]), str(e.get("where", ""))) for e in data["evidence"]),
        params={str(k): str(v) for k, v in (data.get("params") or {}).items()},
        group=rule.group,
        weight=rule.weight,
    )


def _kept(rule: rules.Rule) -> bool:
    """Findings taken from the stored row, not found again: online ones (they need the network),
    the content model's (the model has learnt since; the page shows what was judged then), the
    analyst's lists' (the lists may have changed since) and the store's history (campaigns: the
    mail itself has joined its campaign since)."""
    return rule.online or rule.learned or rule.listed or rule.history


def reanalyse(
    raw: bytes, source: str, result_json: str, enrichment: str, settings: Settings = DEFAULT_SETTINGS
) -> Analysis:
    """The full `Analysis` of a stored row: the raw mail analysed again (offline), with the
    online findings and facts the row recorded (they need the network to find again)."""
    fresh = analyze(message_bytes(raw), source, settings)
    stored: dict[str, Any] = json.loads(result_json) if result_json else {}
    rules_ = rules.load()
    kept = [
        _finding(f, rules_)
        for f in stored.get("findings", [])
        if isinstance(f, dict) and f.get("id") in rules_.rules and _kept(rules_.rules[str(f["id"])])
    ]
    facts = enrichment_from_json(enrichment)
    if not kept and facts is None:
        return fresh
    findings = fresh.findings + tuple(kept)
    result = replace(fresh, findings=findings, score=score(list(findings), rules_), enrichment=facts)
    if result.verdict != "clean" and not result.brand_label and stored.get("brand"):
        brand_id = (stored.get("brand_info") or {}).get("id")
        brand = next((b for b in knowledge.load(None).brands if b.id == brand_id), None)
        result = replace(result, brand=brand, brand_label=str(stored["brand"]))
    return result
