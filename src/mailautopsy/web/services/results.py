"""A finished analysis as people read it: the article of the result page and the reports.
Both need the full `Analysis`, which comes from analysing the stored raw mail again
(web/stored.py) in the worker processes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ...analyze import Analysis
from ...render.article import Article, ReportOptions, build_article
from ...render.report import FORMATS, render_report
from ...store.db import StoredAnalysis
from . import FINISHED, NotFinished, NotFound, Runtime, Unavailable

MEDIA = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "iocs": "text/csv; charset=utf-8",
    "stix": "application/json",
    "misp": "application/json",
}
EXTENSION = {"md": "md", "html": "html", "pdf": "pdf", "iocs": "csv", "stix": "stix.json", "misp": "misp.json"}
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


@dataclass(frozen=True)
class Report:
    data: bytes
    media_type: str
    filename: str


def analysis_of(rt: Runtime, row: StoredAnalysis) -> Analysis:
    """The full analysis of a finished row (analysed again from its raw mail, in the turn of the
    account that submitted it: viewing a hostile mail's result costs its submitter's share)."""
    if row.status in FINISHED and row.status != "done":
        raise NotFinished(f"no report: the message was not analysed in full ({row.status})")
    if row.status != "done" or not row.result_json:
        raise NotFinished("the analysis is not finished")
    try:
        return rt.worker.analysis_of(row, str(row.owner_id))
    except Exception as exc:  # a timeout, a dead worker process: say so, as a page or JSON
        raise Unavailable(f"the analysis could not be repeated for this view: {type(exc).__name__}") from exc


def stored_json(row: StoredAnalysis) -> dict[str, Any] | None:
    """The analysis as docs/schema.json describes it, once it is finished (for a message not
    analysed in full: `scan`'s incomplete or skipped result)."""
    return json.loads(row.result_json) if row.status in FINISHED and row.result_json else None


def article(rt: Runtime, row: StoredAnalysis, lang: str, analysis: Analysis | None = None) -> Article:
    """The result page's article; `analysis`, when the caller has it already, saves analysing again."""
    return build_article(analysis or analysis_of(rt, row), rt.kb, ReportOptions(lang=lang))


def report(rt: Runtime, row: StoredAnalysis, fmt: str, lang: str, style: str) -> Report:
    """One report of a finished analysis: md, html, pdf, iocs, stix or misp."""
    if fmt not in FORMATS:
        raise NotFound(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    options = ReportOptions(lang=lang, defang_style=style if style in ("hxxp", "h**p") else "hxxp")
    data = render_report(analysis_of(rt, row), fmt, options)
    return Report(data, MEDIA[fmt], f"mailautopsy-{row.id[:8]}.{EXTENSION[fmt]}")
