"""Server-rendered pages: the Jinja environment (the web app's templates, then the report
templates the result page shares) and the response of one page in the reader's language."""

from __future__ import annotations

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
