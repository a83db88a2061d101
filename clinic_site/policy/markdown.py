"""Markdown to safe HTML: markdown-it-py with raw HTML off, then nh3 with a short allow-list.

Two layers on purpose: the parser never emits raw HTML from the text, and the sanitiser removes
anything the parser might still let through (event handlers, unknown tags, unsafe link schemes).
"""

from __future__ import annotations

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_PARSER = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"style"}, "td": {"style"}}
# Table cells may carry text-align only; anything else in a style attribute is dropped.
STYLE_PROPERTIES = {"text-align"}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


# Announced texts never change, so the same few are rendered again and again: keep them.
@lru_cache(maxsize=64)
def render(text: str) -> Markup:
    """Safe HTML for ``text`` (Markdown): no scripts, styles, frames, event handlers, images, or
    links other than http, https, mailto, tel and relative ones; links get rel="noopener
    noreferrer"."""
    html = _PARSER.render(text or "")
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        filter_style_properties=STYLE_PROPERTIES,
    )
    return Markup(clean)  # noqa: S704 - sanitised by nh3 just above
