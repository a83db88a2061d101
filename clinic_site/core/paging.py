"""The one way to read a page number from the query string."""

from __future__ import annotations

from flask import abort, request

MAX_PAGE = 100_000


def page_number() -> int:
    """``?page=N`` as a whole number from 1 to 100,000 (1 when absent). Anything else, including
    digits from other scripts and numbers too large for the database, is a 404, never a 500."""
    raw = request.args.get("page", "1")
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_PAGE:
        abort(404)
    return int(raw)
