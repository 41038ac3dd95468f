"""HTML bodies reduced to what a reader sees, plus every link they carry.

Nothing here renders or executes the HTML: it is parsed into a tree (lexbor via
selectolax) and read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from selectolax.lexbor import LexborHTMLParser, LexborNode

_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:\.0+)?(?:px|pt|em|rem|%)?\s*(?:;|$|!)"
    r"|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$|!)|(?:max-)?height\s*:\s*0(?:px)?\s*(?:;|$|!)",
    re.I,
)
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")\s(]+)['\"]?\s*\)", re.I)
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
    too_big: str = ""
    """Why the markup was read by the streaming tokenizer instead of a tree ('' when it was not)."""


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


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]{0,20})")
# Elements that never hold others, or that the next sibling closes: no nesting depth of their own.
_FLAT = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "option",
        "optgroup",
        "thead",
        "tbody",
        "tfoot",
        "colgroup",
        "rb",
        "rt",
        "rp",
    ]
)


def _too_big(markup: str, max_depth: int, max_tags: int) -> str:
    """Why the tree builder must not get this markup ('' when it may): one linear pass estimating the
    element count and nesting depth. The builder's cost grows with the square of the depth: 60,000
    unclosed `<div>` held it for tens of seconds in one C call."""
    depth = peak = tags = 0
    for match in _TAG.finditer(markup):
        tags += 1
        if tags > max_tags:
            return f"more than {max_tags} tags"
        if match.group(2).lower() in _FLAT:
            continue
        if match.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > peak:
                peak = depth
                if peak > max_depth:
                    return f"elements nested deeper than {max_depth}"
    return ""


class _Stream(HTMLParser):
    """The fallback for markup too big for a tree: one streaming pass collecting what a reader sees
    and the links, without building a tree (no hidden-text separation)."""

    _SKIP = frozenset({"script", "style", "title", "template", "head"})
    _BREAK = frozenset(_BLOCK.split(",")) | {"br"}

    def __init__(self, facts: HtmlFacts, add: Callable[[str, str | None, str], None]) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = facts
        self.add = add
        self.text: list[str] = []
        self.skip = 0
        self.anchor: tuple[str, str, list[str]] | None = None
        self.scripts: list[str] = []

    def _close_anchor(self) -> None:
        if self.anchor is not None:
            source, href, parts = self.anchor
            self.add(source, href, "".join(parts).strip())
            self.anchor = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k.lower(): v or "" for k, v in attrs[:50]}
        if any(k.startswith("on") for k in attr):
            self.facts.event_handlers += 1
        for match in _CSS_URL.finditer(attr.get("style", "")):
            if match.group(1).lower().startswith(("http", "//")):
                self.add("html_css", match.group(1), "")
        if tag in ("a", "area") and attr.get("href"):
            self._close_anchor()
            self.anchor = ("html_a" if tag == "a" else "html_area", attr["href"], [])
        elif tag == "form":
            self.facts.forms += 1
            self.add("html_form", attr.get("action"), "")
        elif tag == "input" and attr.get("type", "").lower() == "password":
            self.facts.password_fields += 1
        elif tag == "img":
            self.facts.images += 1
            if self.anchor is not None and attr.get("alt"):
                self.anchor[2].append(attr["alt"])
            if attr.get("src", "").lower().startswith(("http:", "https:", "//")):
                self.add("html_img", attr["src"], "")
        elif tag in ("iframe", "frame", "embed", "object"):
            self.add("html_iframe", attr.get("src") or attr.get("data"), "")
        elif tag == "meta" and attr.get("http-equiv", "").lower() == "refresh":
            refresh = _REFRESH_URL.search(attr.get("content", ""))
            if refresh:
                self.add("html_meta_refresh", refresh.group(1), "")
        if tag == "script":
            self.facts.scripts += 1
            if attr.get("src"):
                self.add("html_script", attr["src"], "")
        if tag in self._SKIP:
            self.skip += 1
        if tag in self._BREAK:
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skip = max(0, self.skip - 1)
        if tag == "a":
            self._close_anchor()
        if tag in self._BREAK:
            self.text.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skip:
            if len(self.scripts) < 1000:
                self.scripts.append(data)
            return
        self.text.append(data)
        if self.anchor is not None and len(self.anchor[2]) < 100:
            self.anchor[2].append(data)


def _parse_streaming(markup: str, facts: HtmlFacts, add: Callable[[str, str | None, str], None]) -> HtmlFacts:
    stream = _Stream(facts, add)
    try:
        for start in range(0, len(markup), 64 * 1024):
            stream.feed(markup[start : start + 64 * 1024])
        stream.close()
    except Exception:  # the tokenizer is lenient, but keep what was read
        pass
    stream._close_anchor()
    facts.script_text = "\n".join(stream.scripts)[:200_000]
    text = "".join(stream.text)
    facts.visible_text = re.sub(r"[ \t\u00a0]+", " ", re.sub(r"\n\s*\n+", "\n", text)).strip()
    return facts


def parse_html(markup: str, max_links: int, max_depth: int = 512, max_tags: int = 50_000) -> HtmlFacts:
    """What a reader sees in `markup` and the links it carries. Markup nested deeper than `max_depth`
    or with more than `max_tags` tags is read by a streaming tokenizer instead of a tree (`too_big`
    on the result says why)."""
    facts = HtmlFacts()

    def add(source: str, url: str | None, text: str = "") -> None:
        if url and len(facts.links) < max_links:
            url = url.strip()
            if url and not url.startswith("#") and not url.lower().startswith(("cid:", "mailto:")):
                facts.links.append((source, url, text))

    facts.too_big = _too_big(markup, max_depth, max_tags)
    if facts.too_big:
        return _parse_streaming(markup, facts, add)
    try:
        tree = LexborHTMLParser(markup)
    except Exception:  # selectolax raises on some invalid input; treat as text
        facts.visible_text = re.sub(r"<[^>]{0,2000}>", " ", markup)
        return facts

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


def too_big(markup: str, max_depth: int = 512, max_tags: int = 50_000) -> str:
    """Why markup is too deep or has too many tags for a tree builder ('' when it is not): the
    linear estimate `parse_html` uses, for others that build trees (the web app's preview)."""
    return _too_big(markup, max_depth, max_tags)
