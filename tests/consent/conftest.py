"""Helpers for the cookie-consent tests: a visitor's choice, and the cookies a response sets."""

from __future__ import annotations

import pytest

from tests.helpers import submit


def set_cookies(response) -> dict[str, str]:
    """Every cookie a response sets or deletes, by name, with its whole Set-Cookie header."""
    found = {}
    for header in response.headers.getlist("Set-Cookie"):
        found[header.split("=", 1)[0]] = header
    return found


def deleted(header: str) -> bool:
    return "Max-Age=0" in header or "1970" in header


@pytest.fixture
def choose():
    """``choose(client, "custom", preferences="y", next="/")``: the banner's form, sent as a
    browser sends it (the token read from a page first)."""

    def send(client, choice: str, page: str = "/", **fields):
        return submit(client, page, {"choice": choice, **fields}, action="/cookies")

    return send
