"""The POST forms on a page, read as a browser reads them: where each one goes and the fields
it sends, with the values the page fills in and the options it offers."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Field:
    name: str
    kind: str  # "text", "hidden", "checkbox", "radio", "select", "textarea", "file", ...
    values: list[str] = field(default_factory=list)  # the value shown, or every option offered


@dataclass
class Form:
    action: str
    fields: dict[str, Field] = field(default_factory=dict)

    def add(self, name: str, kind: str, value: str | None) -> None:
        found = self.fields.setdefault(name, Field(name, kind))
        if value is not None and value not in found.values:
            found.values.append(value)

    @property
    def sent(self) -> list[Field]:
        """What the form sends besides its CSRF token: what a person types or picks, the buttons'
        values and the hidden fields, all of which a client may change."""
        return [f for f in self.fields.values() if f.name != "csrf_token"]


class _Reader(HTMLParser):
    def __init__(self, page_path: str):
        super().__init__()
        self.page_path = page_path
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self.current = Form(a.get("action") or self.page_path)
        elif tag == "option" and self.current is not None and self.select:
            self.current.add(self.select, "select", a.get("value", ""))
        elif self.current is None or not a.get("name"):
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            self.current.add(a["name"], kind, a.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "button":
            self.current.add(a["name"], "submit", a.get("value", ""))
        elif tag == "select":
            self.select = a["name"]
            self.current.add(self.select, "select", None)
        elif tag == "textarea":
            self.textarea = a["name"]
            self.current.add(self.textarea, "textarea", None)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "form" and self.current is not None:
            self.forms.append(self.current)
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea and self.current is not None and data.strip():
            self.current.add(self.textarea, "textarea", data)


def post_forms(html: str, page_path: str) -> list[Form]:
    reader = _Reader(page_path)
    reader.feed(html)
    return reader.forms
