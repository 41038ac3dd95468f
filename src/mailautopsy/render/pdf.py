"""PDF of the HTML report (WeasyPrint), for ticket systems.

The report is self-contained; the fetcher WeasyPrint gets allows `data:` URLs only,
so printing can never reach the network or the file system either.
"""

from __future__ import annotations

from ..errors import UnavailableError


def html_to_pdf(page: str) -> bytes:
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as exc:  # OSError: the Pango library is missing
        raise UnavailableError(
            f"PDF output needs WeasyPrint and the Pango library ({exc}); "
            "on Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk"
        ) from exc
    fetcher = URLFetcher(allowed_protocols=("data",), timeout=1, allow_redirects=False)
    pdf = HTML(string=page, url_fetcher=fetcher).write_pdf()
    return bytes(pdf or b"")
