"""HTML bodies reduced to what a reader sees, plus every link they carry.

Nothing here renders or executes the HTML: it is parsed into a tree (lexbor via
selectolax) and read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:\.0+)?(?:px|pt|em|rem|%)?\s*(?:;|$|!)"
    r"|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$|!)|(?:max-)?height\s*:\s*0(?:px)?\s*(?:;|$|!)",
    re.I,
)
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]+)['\"]?\s*\)", re.I)
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"\s>]+)", re.I)
_BLOCK = "p,div,tr,li,h1,h2,h3,h4,h5,h6,table,blockquote,section,article,header,footer,ul,ol,form"


@dataclass(slots=True)
class HtmlFacts:
    visible_text: str = ""
    hidden_text: str = ""
    links: list[tuple[str, str, str]] = field(default_factory=list)
    """(source, url, displayed text)"""
    forms: int = 0
    password_fields: int = 0
    scripts: int = 0
    script_text: str = ""
    images: int = 0
    event_handlers: int = 0


def _visible_hidden(tree: LexborHTMLParser) -> str:
    hidden: list[str] = []
    for node in tree.css("[style], [hidden]"):
        style = node.attributes.get("style") or ""
        if "hidden" in node.attributes or (style and _HIDDEN_STYLE.search(style)):
            text = node.text(deep=True, separator=" ").strip()
            if text:
                hidden.append(text)
            node.decompose()
    return "\n".join(hidden)


def parse_html(markup: str, max_links: int) -> HtmlFacts:
    facts = HtmlFacts()
    try:
        tree = LexborHTMLParser(markup)
    except Exception:  # selectolax raises on some invalid input; treat as text
        facts.visible_text = re.sub(r"<[^>]{0,2000}>", " ", markup)
        return facts

    def add(source: str, url: str | None, text: str = "") -> None:
        if url and len(facts.links) < max_links:
            url = url.strip()
            if url and not url.startswith("#") and not url.lower().startswith(("cid:", "mailto:")):
                facts.links.append((source, url, text))

    for node in tree.css("a[href], area[href]"):
        text = node.text(deep=True, separator="").strip()
        if not text:
            img = node.css_first("img")
            if img is not None:
                text = (img.attributes.get("alt") or "").strip()
        add("html_a" if node.tag == "a" else "html_area", node.attributes.get("href"), text)
    for node in tree.css("form"):
        facts.forms += 1
        add("html_form", node.attributes.get("action"))
    facts.password_fields = len(tree.css("input[type=password i]"))
    for node in tree.css("img"):
        facts.images += 1
        src = node.attributes.get("src") or ""
        if src.lower().startswith(("http:", "https:", "//")):
            add("html_img", src)
    for node in tree.css("iframe[src], frame[src], embed[src], object[data]"):
        add("html_iframe", node.attributes.get("src") or node.attributes.get("data"))
    for node in tree.css("meta[http-equiv]"):
        if (node.attributes.get("http-equiv") or "").lower() == "refresh":
            match = _REFRESH_URL.search(node.attributes.get("content") or "")
            if match:
                add("html_meta_refresh", match.group(1))
    for node in tree.css("[style]"):
        for match in _CSS_URL.finditer(node.attributes.get("style") or ""):
            if match.group(1).lower().startswith(("http", "//")):
                add("html_css", match.group(1))
    scripts: list[str] = []
    for node in tree.css("script"):
        facts.scripts += 1
        scripts.append(node.text(deep=True))
        if node.attributes.get("src"):
            add("html_script", node.attributes.get("src"))
    facts.script_text = "\n".join(scripts)[:200_000]
    for node in tree.css("style"):
        for match in _CSS_URL.finditer(node.text()):
            if match.group(1).lower().startswith(("http", "//")):
                add("html_css", match.group(1))
    for node in tree.css("*"):
        if any(key.lower().startswith("on") for key in node.attributes):
            facts.event_handlers += 1

    for node in tree.css("script, style, title, template, head"):
        node.decompose()
    facts.hidden_text = _visible_hidden(tree)
    for node in tree.css("br"):
        node.insert_after("\n")
    for node in tree.css(_BLOCK):
        node.insert_after("\n")
    for node in tree.css("td, th"):
        node.insert_after(" ")
    root: LexborNode | None = tree.body or tree.root
    text = root.text(deep=True, separator="") if root is not None else ""
    facts.visible_text = re.sub(r"[ \t\u00a0]+", " ", re.sub(r"\n\s*\n+", "\n", text)).strip()
    return facts
