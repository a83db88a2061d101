"""Helpers that act as a browser would: read the form, send it with its CSRF token; ask for
English pages."""

from __future__ import annotations

import html
import re

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, url: str) -> str:
    """The CSRF token a real browser would find in the form at ``url``."""
    page = client.get(url)
    match = CSRF.search(page.get_data(as_text=True))
    assert match, f"no csrf_token in the form at {url} (status {page.status_code})"
    return match.group(1)


def submit(client, url: str, data: dict, action: str | None = None, **kwargs):
    """Open the form at ``url`` and send ``data`` with its CSRF token, as a browser would."""
    token = csrf_token(client, url)
    return client.post(action or url.split("?")[0], data={"csrf_token": token, **data}, **kwargs)


def login_staff(client, username: str, password: str):
    return submit(client, "/admin/login", {"username": username, "password": password})


def english(client):
    """Pages in English, whatever the clinic's default language, so assertions read the English
    text; Korean pages are tested on purpose where it matters."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def said(response) -> str:
    """What the page tells the user went wrong or right: its error summary, field errors and
    flashed messages, as text (for assertions whose failure should read like the page)."""
    page = response.get_data(as_text=True)
    found = re.findall(
        r'<div class="error-summary"[^>]*>(.*?)</div>'
        r'|<p class="(?:error|flash)[^"]*"[^>]*>(.*?)</p>'
        r'|<div class="flash[^"]*"[^>]*>(.*?)</div>',
        page,
        re.S,
    )
    texts = (next(part for part in parts if part) for parts in found if any(parts))
    return " | ".join(html.unescape(re.sub(r"<[^>]+>|\s+", " ", t)).strip() for t in texts)
