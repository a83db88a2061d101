"""The one way to read each kind of value a request carries in its query string: a page number, the
row at the edge of the page before. Anything out of range is a 404, never a 500."""

from __future__ import annotations

from datetime import date, timedelta

from flask import abort, request

from . import clock

MAX_PAGE = 100_000


def page_number() -> int:
    """``?page=N`` as a whole number from 1 to 100,000 (1 when absent). Anything else, including
    digits from other scripts and numbers too large for the database, is a 404, never a 500."""
    raw = request.args.get("page", "1")
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_PAGE:
        abort(404)
    return int(raw)


MAX_ID = 2**31 - 1  # the largest id either database stores in an integer column


def edge(name: str) -> int | None:
    """``?older_than=ID`` / ``?newer_than=ID``: the row at the edge of the page the reader came
    from, so the next page starts beside it (keyset paging). Absent: None; anything but a whole
    number the database can hold: 404."""
    raw = request.args.get(name)
    if raw is None:
        return None
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_ID:
        abort(404)
    return int(raw)


# Days a page may be asked about: from the year 2000 to ten years ahead. Beyond that a date is a
# typing slip or a probe, and date arithmetic near year 1 or 9999 would overflow.
FIRST_DAY = date(2000, 1, 1)
DAYS_AHEAD = 3653


def day(name: str = "date", default: date | None = None) -> date | None:
    """``?date=YYYY-MM-DD`` as a date within the range pages serve (``default`` when absent or
    empty); anything else, a date outside the range included, is a 404."""
    raw = request.args.get(name)
    if not raw:
        return default
    try:
        parsed = date.fromisoformat(raw) if len(raw) == 10 else None
    except ValueError:
        parsed = None
    if parsed is None or not in_range(parsed):
        abort(404)
    return parsed


def in_range(value: date) -> bool:
    """Whether ``value`` lies within the days pages serve."""
    return FIRST_DAY <= value <= clock.today() + timedelta(days=DAYS_AHEAD)
