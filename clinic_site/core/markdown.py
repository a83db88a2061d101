"""Markdown to safe HTML: markdown-it-py with raw HTML off, then nh3 with a short allow-list.

Two layers on purpose: the parser never emits raw HTML from the text, and the sanitiser removes
anything the parser might still let through (event handlers, unknown tags, unsafe link schemes).
"""

from __future__ import annotations

import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_PARSER = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def _stack_tables(state) -> None:
    """Each table stacks as cards on a phone (``.stack-table`` in site.css), every cell labelled
    with its column's heading, as the site's own tables are: a policy's four-column tables never
    make a phone scroll sideways."""
    headings: list[str] = []
    column = 0
    for token, following in zip(state.tokens, state.tokens[1:], strict=False):
        if token.type == "table_open":
            token.attrSet("class", "stack-table")
            headings = []
        elif token.type == "tr_open":
            column = 0
        elif token.type == "th_open":
            headings.append("".join(child.content for child in following.children or ()))
        elif token.type == "td_open":
            if column < len(headings) and headings[column]:
                token.attrSet("data-label", headings[column])
            column += 1


_PARSER.core.ruler.push("stack_tables", _stack_tables)
# The clinic's own short texts (greeting, directions, a notice): a line the owner breaks stays
# broken, as in a text message, where a policy's paragraphs follow Markdown's rule.
_LINES = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True}).enable("table")
_LINES.core.ruler.push("stack_tables", _stack_tables)

TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"}, "ol": {"start"}, "th": {"style"}, "td": {"style", "data-label"},
}  # fmt: skip
CLASSES = {"table": {"stack-table"}}  # the one class a table may carry
# Table cells may carry text-align only; anything else in a style attribute is dropped.
STYLE_PROPERTIES = {"text-align"}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


# Announced texts never change, so the same few are rendered again and again: keep them.
@lru_cache(maxsize=64)
def render(text: str, lines: bool = False) -> Markup:
    """Safe HTML for ``text`` (Markdown): no scripts, styles, frames, event handlers, images, or
    links other than http, https, mailto, tel and relative ones; links get rel="noopener
    noreferrer". With ``lines``, each line break the writer typed is kept."""
    html = (_LINES if lines else _PARSER).render(text or "")
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        filter_style_properties=STYLE_PROPERTIES,
        allowed_classes=CLASSES,
    )
    return Markup(clean)  # noqa: S704 - sanitised by nh3 just above


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(value) -> str:
    """Text from settings or the inventory, safe to put into Markdown as plain words."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(value))


def render_lines(text: str) -> Markup:
    """``render`` keeping the writer's line breaks: the clinic's own short texts."""
    return render(text, lines=True)
