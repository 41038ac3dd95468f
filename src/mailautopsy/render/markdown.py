"""The alert article as Markdown, in the seed's layout.

Markdown renderers turn raw HTML and link syntax into live content, so nothing from
the mail is written as Markdown: every value of the mail goes into a code span, and
the quoted mail into a fenced code block, where renderers show text as it is.
"""

from __future__ import annotations

import re

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..i18n import Segment
from .article import Article

_BACKTICKS = re.compile(r"`+")


def code(value: str, in_table: bool = False) -> str:
    """A code span that holds any text: a fence longer than its longest backtick run."""
    value = " ".join(value.split())
    if not value:
        return ""
    longest = max((len(m.group(0)) for m in _BACKTICKS.finditer(value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    if in_table:
        value = value.replace("|", "\\|")
    return f"{fence}{pad}{value}{pad}{fence}"


def segments(paragraph: list[Segment], in_table: bool = False) -> str:
    return "".join(code(text, in_table) if from_mail else text for text, from_mail in paragraph)


def fence(text: str) -> str:
    longest = max((len(m.group(0)) for m in _BACKTICKS.finditer(text)), default=0)
    bar = "`" * max(3, longest + 1)
    return f"{bar}text\n{text}\n{bar}"


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("mailautopsy.render", "templates"),
        autoescape=False,  # Markdown: safety comes from code spans and fences, see above
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["seg"] = segments
    env.filters["code"] = code
    env.filters["cell"] = lambda v: code(v, in_table=True)
    env.filters["fence"] = fence
    return env


_ENV = _env()


def render_markdown(article: Article) -> str:
    return _ENV.get_template("article.md.j2").render(a=article)
