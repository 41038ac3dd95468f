"""Reports people publish and share (`mailautopsy report`), all built from one `Analysis`.

article.py turns the analysis into the alert article's content (masked, defanged);
markdown.py and html.py lay it out; pdf.py prints the HTML; iocs.py exports the
indicators as CSV, STIX 2.1 and MISP.
"""

from __future__ import annotations

from pathlib import Path

from .. import knowledge
from ..analyze import Analysis
from .article import ReportOptions, build_article

FORMATS = ("md", "html", "pdf", "iocs", "stix", "misp")


def render_report(
    result: Analysis, fmt: str, options: ReportOptions | None = None, config: Path | None = None
) -> bytes:
    """The report in one of FORMATS, as bytes (UTF-8 text, or PDF)."""
    opts = options or ReportOptions()
    kb = knowledge.load(config)
    if fmt in ("md", "html", "pdf"):
        article = build_article(result, kb, opts)
        if fmt == "md":
            from .markdown import render_markdown

            return render_markdown(article).encode()
        from .html import render_html

        page = render_html(article)
        if fmt == "html":
            return page.encode()
        from .pdf import html_to_pdf

        return html_to_pdf(page)
    from . import iocs

    indicators = iocs.collect(result, kb, opts)
    if fmt == "iocs":
        return iocs.to_csv(indicators, opts.defang_style).encode()
    if fmt == "stix":
        return iocs.to_stix(result, indicators, opts).encode()
    if fmt == "misp":
        return iocs.to_misp(result, indicators, opts).encode()
    raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "ReportOptions", "build_article", "render_report"]
