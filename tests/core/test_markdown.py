"""Policy text is Markdown from the owner; nothing in it may run in a visitor's browser."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from clinic_site.core.markdown import render

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<div onclick="alert(1)">hi</div>',
    "[x](vbscript:msgbox(1))",
    '<svg onload="alert(1)">',
]


class Elements(HTMLParser):
    """The elements and attributes a browser would build from the HTML."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


SAFE_TAGS = {"p", "a", "strong", "em", "code", "pre", "ul", "ol", "li", "h2", "br"}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_script_survives(payload):
    html = str(render(f"Text\n\n{payload}\n\nmore"))
    for tag, attrs in Elements(html).found:
        assert tag in SAFE_TAGS, (payload, html)
        assert not any(name.startswith("on") for name in attrs), (payload, html)
        href = (attrs.get("href") or "").strip().lower()
        assert not href or href.startswith(("http:", "https:", "mailto:", "tel:", "/")), html


def test_ordinary_markdown_and_safe_links():
    html = str(render("## Title\n\n- **a** [site](https://example.org) [mail](mailto:a@b.kr)"))
    assert "<h2>Title</h2>" in html and "<strong>a</strong>" in html
    assert 'href="https://example.org"' in html and 'href="mailto:a@b.kr"' in html
    assert html.count('rel="noopener noreferrer"') == 2


def test_tables_render_as_cards_on_a_phone_each_cell_labelled_with_its_column():
    html = str(render("| Item | **Kept for** |\n|---|---|\n| Name | 1 year |"))
    assert '<table class="stack-table">' in html
    assert '<td data-label="Item">Name</td>' in html
    assert '<td data-label="Kept for">1 year</td>' in html


def test_a_table_keeps_no_class_or_label_an_author_typed():
    html = str(render('<table class="x"><td data-label="y">'))
    assert "<table" not in html and "&lt;table" in html


def test_xss_through_the_editor_preview(owner_client):
    from tests.helpers import submit

    response = submit(
        owner_client,
        "/admin/policy/new",
        {
            "body": '<script>alert("x")</script> [c](javascript:alert(1))',
            "preview": "1",
            "summary": "",
            "effective_on": "",
        },  # fmt: skip
    )
    preview = response.get_data(as_text=True).split('class="policy-preview"')[1]
    preview = preview.split("</section>")[0]
    assert "&lt;script&gt;" in preview  # shown as text, not run
    assert {tag for tag, _ in Elements(preview).found} <= {"h2", "div", "p"}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_sanitiser_alone_stops_raw_html(monkeypatch, payload):
    """Even if the parser let raw HTML through, nh3 removes what could run."""
    from markdown_it import MarkdownIt

    from clinic_site.core import markdown

    monkeypatch.setattr(markdown, "_PARSER", MarkdownIt("commonmark", {"html": True}))
    html = str(render.__wrapped__(payload))  # past the cache, through the patched parser
    for tag, attrs in Elements(html).found:
        assert tag in SAFE_TAGS, (payload, html)
        assert not any(name.startswith("on") for name in attrs), (payload, html)
        href = (attrs.get("href") or "").strip().lower()
        assert not href or href.startswith(("http:", "https:", "mailto:", "tel:", "/")), html
