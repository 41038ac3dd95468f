"""The HTML report: one self-contained, autoescaped file that needs no script and
makes no request (a Content-Security-Policy forbids any), with the alert article
plus pictures drawn as inline SVG: the route of the mail, the score by finding and
the link map. The message's own HTML is never included.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .article import Article

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"
# Pictures' geometry (SVG user units).
HOP_ROW = 64
BAR_ROW = 24
LABEL_WIDTH = 300
"""The score chart's label column: room for LABEL_UNITS half-width characters of 12 px text."""
LABEL_UNITS = 44
BAR_WIDTH = 280


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("mailautopsy.render", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["clip"] = lambda value, n: value if len(value) <= n else value[: n - 1] + "…"
    return env


def _clip_width(value: str, units: int) -> str:
    """Cut `value` to `units` half-width character cells (a CJK character takes two)."""
    used = 0
    for index, char in enumerate(value):
        used += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
        if used > units:
            return value[: max(index - 1, 0)] + "…"
    return value


_ENV = _env()


def report_context(article: Article) -> dict[str, Any]:
    """What report_body.html.j2 needs (the web app's result page includes it too)."""
    top = max((points for _, points, _ in article.breakdown), default=0.0) or 1.0
    return {
        "a": article,
        "hop_row": HOP_ROW,
        "bar_row": BAR_ROW,
        "bar_width": BAR_WIDTH,
        "bar_scale": BAR_WIDTH / top,
        "label_width": LABEL_WIDTH,
        "chart": [(_clip_width(title, LABEL_UNITS), points) for title, points, _ in article.breakdown],
    }


def render_html(article: Article) -> str:
    return _ENV.get_template("report.html.j2").render(csp=CSP, **report_context(article))
