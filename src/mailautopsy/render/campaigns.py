"""The campaigns listing: JSON and a self-contained HTML page (no script, an inline SVG timeline).

Reads only the campaigns' summaries (campaign/index.py `Campaign`): no mail content beyond the
subject template, whose names, numbers, addresses and links are masked.
"""

from __future__ import annotations

import json
import math
import tomllib
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .. import __version__
from ..campaign import Campaign
from ..i18n import LANGS, ui

TIMELINE_ROWS = 15


@cache
def _texts(lang: str) -> dict[str, str]:
    name = f"campaigns.{lang if lang in LANGS else 'en'}.toml"
    data = tomllib.loads(resources.files("mailautopsy.i18n").joinpath(name).read_text(encoding="utf-8"))
    return dict(data["text"])


def text(lang: str, key: str, **params: object) -> str:
    """A sentence of the campaigns listing (i18n/campaigns.<lang>.toml)."""
    return _texts(lang)[key].format(**params)


def verdict_name(lang: str, verdict: str) -> str:
    return ui(lang, f"verdict_{verdict}") if verdict else verdict


def as_dict(c: Campaign) -> dict[str, Any]:
    """One campaign as the JSON output and the HTML page show it."""
    return {
        "id": c.label,
        "size": c.size,
        "first_seen": c.first_seen.isoformat(),
        "last_seen": c.last_seen.isoformat(),
        "subject_template": c.subject,
        "brands": dict(c.brands.most_common()),
        "sender_domains": dict(c.sender_domains.most_common()),
        "link_domains": dict(c.link_domains.most_common()),
        "verdicts": dict(c.verdicts.most_common()),
        "sample_sha256": c.sample,
        "per_day": {day.isoformat(): n for day, n in sorted(c.per_day.items())},
    }


def to_json(campaigns: list[Campaign]) -> str:
    return json.dumps({"campaigns": [as_dict(c) for c in campaigns]}, ensure_ascii=False, indent=2) + "\n"


def timeline(campaigns: list[Campaign], width: int = 900, row: int = 26, left: int = 80) -> dict[str, Any]:
    """The SVG timeline's geometry: a row per campaign, a dot per day whose area is the count."""
    shown = [c for c in campaigns if c.per_day][:TIMELINE_ROWS]
    days = [d for c in shown for d in c.per_day]
    if not days:
        return {"rows": [], "width": width, "height": 0, "ticks": []}
    start, end = min(days), max(days)
    span = max((end - start).days, 1)
    biggest = max(n for c in shown for n in c.per_day.values())

    def x(day: date) -> float:
        return round(left + (width - left - 20) * (day - start).days / span, 1)

    rows = []
    for i, c in enumerate(shown):
        y = 20 + i * row
        dots = [
            {"x": x(day), "r": round(2 + 9 * math.sqrt(n / biggest), 1), "n": n, "day": day.isoformat()}
            for day, n in sorted(c.per_day.items())
        ]
        rows.append({"label": c.label, "y": y, "dots": dots})
    ticks = [{"x": x(start), "label": start.isoformat()}, {"x": x(end), "label": end.isoformat()}]
    return {"rows": rows, "width": width, "height": 30 + len(shown) * row, "ticks": ticks}


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("mailautopsy.render", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def to_html(campaigns: list[Campaign], lang: str = "ja", since: str = "") -> str:
    """A self-contained page: a summary, the timeline chart and one table row per campaign."""
    template = _environment().get_template("campaigns.html.j2")
    repeated = sum(1 for c in campaigns if c.size > 1)
    return template.render(
        lang=lang if lang in LANGS else "en",
        t=lambda key, **params: text(lang, key, **params),
        verdict=lambda v: verdict_name(lang, v),
        campaigns=campaigns,
        summary=text(
            lang, "summary", campaigns=len(campaigns), mails=sum(c.size for c in campaigns), repeated=repeated
        ),
        since=text(lang, "since", date=since) if since else "",
        chart=timeline(campaigns),
        version=__version__,
    )
