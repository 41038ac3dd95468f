"""The canonical, versioned JSON form of an analysis (docs/schema.json)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, replace
from typing import TYPE_CHECKING, Any

from ..analyze import SCHEMA_VERSION, Analysis
from ..i18n import messages
from ..model import Address, Attachment, AuthResult, Finding, Hop, Link
from ..parse.received import first_external_hop, originating_hop
from ..settings import DEFAULT_SETTINGS
from .basis import basis_dict
from .headers import headers_json

if TYPE_CHECKING:
    from ..enrich.investigate import Enrichment


def _addr(a: Address) -> dict[str, str]:
    return {
        "display_name": a.display_name,
        "address": a.address,
        "domain": a.domain,
        "registrable_domain": a.registrable,
    }


def _att(a: Attachment) -> dict[str, Any]:
    return {
        "where": a.where,
        "filename": a.filename,
        "declared_type": a.declared_type,
        "sniffed_type": a.sniffed_type,
        "size": a.size,
        "sha256": a.sha256,
        "encrypted": a.encrypted,
        "flags": list(a.flags),
        "children": [_att(c) for c in a.children],
    }


def to_dict(result: Analysis, text_chars: int | None = None, headers: bool = False) -> dict[str, Any]:
    """The result object; `headers` adds `extracted.headers`, the header table (schema 1.2)."""
    limit = text_chars if text_chars is not None else DEFAULT_SETTINGS.limits.output_text_chars
    return {
        "schema_version": SCHEMA_VERSION,
        "source": result.source,
        "status": "analysed",
        "verdict": result.verdict,
        "score": result.score.total,
        "verdict_basis": basis_dict(result.score),
        "brand": result.brand_label or None,
        "brand_info": _brand_info(result),
        "brand_claim": _brand_claim(result),
        "findings": [_finding(f) for f in result.findings],
        "score_breakdown": [{"id": c.id, "group": c.group, "points": c.points} for c in result.score.contributions],
        "extracted": _extracted(result, limit, headers),
        "defects": [{"code": d.code, "detail": d.detail, "where": d.where} for d in result.message.defects],
        "errors": list(result.errors),
        **({"enrichment": enrichment_dict(result.enrichment)} if result.enrichment is not None else {}),
    }


def _brand_info(result: Analysis) -> dict[str, Any] | None:
    brand = result.brand
    if brand is None:
        return None
    return {
        "id": brand.id,
        "name_en": brand.name_en,
        "name_ja": brand.name_ja,
        "official_domains": list(brand.domains),
    }


def _brand_claim(result: Analysis) -> dict[str, Any] | None:
    if not result.brand_label:
        return None
    return {
        "name": result.brand_label,
        "known": result.brand_known,
        "where": result.brand_where,
        "sender_is_brand": result.brand_is_sender,
        "verified": result.brand_verified,
    }


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "id": f.id,
        "severity": f.severity,
        "confidence": f.confidence,
        "evidence": [{"kind": e.kind, "value": e.value, "where": e.where} for e in f.evidence],
        "message": messages(f),
        "params": f.params,
    }


def _extracted(result: Analysis, limit: int, headers: bool = False) -> dict[str, Any]:
    """What the parser read: addresses, route, authentication, links, attachments and text."""
    msg = result.message
    origin = originating_hop(msg.hops)
    external = first_external_hop(msg.hops)
    return {
        "subject": msg.subject,
        "date": msg.date.isoformat() if msg.date else None,
        "message_id": msg.message_id,
        "from": [_addr(a) for a in msg.from_],
        "sender": [_addr(a) for a in msg.sender],
        "reply_to": [_addr(a) for a in msg.reply_to],
        "return_path": [_addr(a) for a in msg.return_path],
        "to": [_addr(a) for a in msg.to],
        "cc": [_addr(a) for a in msg.cc],
        "hops": [_hop(h) for h in msg.hops],
        "originating_ip": origin.from_ip if origin else None,
        "origin_location": _origin_location(result),
        "first_external_ip": external.from_ip if external else None,
        "authentication": [_auth(r) for r in msg.auth],
        "links": [_link(lk) for lk in msg.links],
        "attachments": [_att(a) for a in msg.attachments],
        "forwarded": len(msg.forwarded),
        "text": msg.text[:limit],
        "text_truncated": len(msg.text) > limit,
        **({"text_plain": msg.text_plain[:limit]} if msg.text_plain else {}),
        **({"headers": headers_json(msg)} if headers else {}),
    }


def _hop(h: Hop) -> dict[str, Any]:
    return {
        "index": h.index,
        "from_name": h.from_name,
        "from_rdns": h.from_rdns,
        "from_ip": h.from_ip,
        "ip_class": h.ip_class,
        "by_host": h.by_host,
        "protocol": h.protocol,
        "timestamp": h.timestamp.isoformat() if h.timestamp else None,
    }


def _origin_location(result: Analysis) -> dict[str, Any] | None:
    if result.origin is None:
        return None
    return {
        "ip": result.origin.ip,
        "country": result.origin.country or None,
        "country_name": result.origin.country_name or None,
        "source": "bundled offline GeoIP data",
    }


def _auth(r: AuthResult) -> dict[str, Any]:
    return {
        "header": r.header,
        "authserv_id": r.authserv_id,
        "method": r.method,
        "result": r.result,
        "properties": dict(r.properties),
        "trusted": r.trusted,
    }


def _link(lk: Link) -> dict[str, Any]:
    return {
        "url": lk.url,
        "source": lk.source,
        "where": lk.where,
        "text": lk.text,
        "host": lk.host,
        "registrable_domain": lk.registrable,
        "defanged_in_source": lk.defanged,
    }


_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(obj: Any, indent: int | None = None) -> str:
    """JSON text that is always valid UTF-8: a lone surrogate (bytes a decoder could not read,
    kept by surrogateescape) becomes U+FFFD instead of breaking every consumer."""
    text = json.dumps(obj, ensure_ascii=False, indent=indent)
    return _SURROGATE.sub("\ufffd", text)


def enrichment_dict(e: Enrichment) -> dict[str, Any]:
    """The online investigation's facts; screenshots by hash and size (the image is in HTML reports)."""
    visits = []
    for v in e.visits:
        item = {k: val for k, val in asdict(v).items() if k != "screenshot_png"}
        item["screenshot_sha256"] = hashlib.sha256(v.screenshot_png).hexdigest() if v.screenshot_png else None
        item["screenshot_bytes"] = len(v.screenshot_png)
        visits.append(item)
    data = asdict(replace(e, visits=[]))
    data["visits"] = visits
    return data
