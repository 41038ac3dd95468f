"""Server-rendered pages: the Jinja environment (the web app's templates, then the report
templates the result page shares) and the response of one page in the reader's language."""

from __future__ import annotations

import re
import tomllib
from functools import cache, partial
from importlib import resources
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

from ..i18n import defect_text, ui
from .deps import lang_of, set_cookie
from .services import Auth


@cache
def web_text(lang: str) -> dict[str, str]:
    name = f"web.{'ja' if lang == 'ja' else 'en'}.toml"
    return tomllib.loads(resources.files("mailautopsy.i18n").joinpath(name).read_text(encoding="utf-8"))


_REASONS = [
    (re.compile(r"empty file"), "reason_empty"),
    (re.compile(r"encrypted zip entry"), "reason_encrypted"),
    (re.compile(r"not a message \(.*\)"), "reason_not_message"),
    (re.compile(r"the server is busy: .*"), "reason_busy"),
    (re.compile(r"too many submissions: .*"), "reason_rate"),
    (re.compile(r"zip bomb: .*"), "reason_zip_bomb"),
    (re.compile(r"larger than (?P<n>\d+) MB"), "reason_larger"),
    (re.compile(r"more than (?P<n>\d+) files in the zip"), "reason_zip_entries"),
    (re.compile(r"unreadable zip: (?P<why>.*)"), "reason_bad_zip"),
    (re.compile(r"unreadable: (?P<why>.*)"), "reason_unreadable"),
    (re.compile(r"more than (?P<n>\d+) messages at once"), "reason_too_many"),
    (re.compile(r"(?P<k>\d+) of its messages not analysed: more than (?P<n>\d+) messages at once"), "reason_mbox_left"),
]


def reason_text(lang: str, reason: str) -> str:
    """Why a file was not accepted, in the reader's language (the services say it in English)."""
    if lang != "ja":
        return reason
    for pattern, key in _REASONS:
        match = pattern.fullmatch(reason)
        if match:
            return web_text("ja")[key].format(**match.groupdict())
    return reason


@cache
def templates() -> Environment:
    env = Environment(
        loader=ChoiceLoader(
            [PackageLoader("mailautopsy.web", "templates"), PackageLoader("mailautopsy.render", "templates")]
        ),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["clip"] = lambda value, n: value if len(value) <= n else value[: n - 1] + "…"
    return env


def page(request: Request, name: str, auth: Auth | None, status: int = 200, **ctx: Any) -> HTMLResponse:
    lang = lang_of(request)
    html = (
        templates()
        .get_template(name)
        .render(
            t=web_text(lang),
            ui=partial(ui, lang),
            defect_text=partial(defect_text, lang),
            reason_text=partial(reason_text, lang),
            lang=lang,
            other_lang="en" if lang == "ja" else "ja",
            auth=auth,
            path="/" + request.url.path.lstrip("/"),
            query=str(request.url.query),
            query_without_lang="&".join(
                f"{quote(k)}={quote(v)}" for k, v in request.query_params.multi_items() if k != "lang"
            ),
            **ctx,
        )
    )
    response = HTMLResponse(html, status_code=status)
    if request.query_params.get("lang") in ("ja", "en"):
        set_cookie(response, request, "lang", lang)
    return response
