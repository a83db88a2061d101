"""The fee lists' rules: lines added, changed in place, ordered and removed; certificate fees
within the notice's caps, their changes announced NOTICE_DAYS ahead and kept as history. (The
owner's spreadsheet of the non-covered list: spreadsheet.py.)"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..core.dates import day as format_day
from ..extensions import db
from ..platform import clock
from .models import KINDS, MATERIALS, PRICE_MAX, Fee, FeeChange
from .notice import notice
from .refusals import FeesRefused

NOTICE_DAYS = 14  # a certificate fee's change is shown this many days before it applies
ANNOUNCE_AHEAD = timedelta(days=366)  # and at most this far ahead


@dataclass(frozen=True)
class Line:
    """A line as the fee page shows it today: the price in force, the day it last changed, and
    an announced change still to come."""

    fee: Fee
    price: int
    price_max: int | None
    changed_on: date
    coming: FeeChange | None


def listed() -> bool:
    """Whether the owner has listed any fee (a step of the clinic's setup)."""
    return db.session.scalar(db.select(Fee.id).limit(1)) is not None


def fees(kind: str) -> list[Fee]:
    return list(
        db.session.scalars(db.select(Fee).where(Fee.kind == kind).order_by(Fee.position, Fee.id))
    )


def _changes(rows: list[Fee]) -> dict[int, list[FeeChange]]:
    found: dict[int, list[FeeChange]] = {row.id: [] for row in rows}
    if rows:
        for change in db.session.scalars(
            db.select(FeeChange)
            .where(FeeChange.fee_id.in_(found))
            .order_by(FeeChange.starts_on, FeeChange.id)
        ):
            found[change.fee_id].append(change)
    return found


def _line(row: Fee, changes: list[FeeChange], today: date) -> Line:
    applied = [c for c in changes if c.starts_on <= today]
    coming = next((c for c in changes if c.starts_on > today), None)
    own = clock.to_local(row.updated_at).date()
    if applied:
        last = applied[-1]
        return Line(row, last.price, last.price_max, max(own, last.starts_on), coming)
    return Line(row, row.price, row.price_max, own, coming)


def lines(kind: str) -> list[Line]:
    """A list as patients see it today, in the owner's order (by category for non-covered)."""
    rows = fees(kind)
    changes = _changes(rows)
    today = clock.today()
    shown = [_line(row, changes[row.id], today) for row in rows]
    if kind == "non_covered":
        order = {c: n for n, c in enumerate(dict.fromkeys(row.category for row in rows))}
        shown.sort(key=lambda line: order[line.fee.category])  # stable: owner's order within
    return shown


def history(row: Fee) -> list[FeeChange]:
    return _changes([row])[row.id]


def _check(kind: str, item: str | None, price: int, price_max: int | None) -> None:
    if kind not in KINDS:
        raise FeesRefused("fee_list", "kind")
    if price_max is not None and price_max < price:
        raise FeesRefused("range_backwards", "price_max")
    if kind == "certificate" and item:
        found = notice().items.get(item)
        if found is None:
            raise FeesRefused("item_unknown", "item")
        if max(price, price_max or 0) > found.cap:
            raise FeesRefused("over_cap", "price", item=found.ko, cap=f"{found.cap:,}")


def _next_position() -> int:
    return (db.session.scalar(db.select(db.func.max(Fee.position))) or 0) + 1


def add(
    kind: str,
    name: str,
    price: int,
    price_max: int | None = None,
    note: str = "",
    *,
    name_en: str = "",
    category: str = "",
    code: str = "",
    materials: str = "",
    item: str | None = None,
) -> Fee:
    """Add a line; a certificate of the notice is named after its item unless the owner says."""
    _check(kind, item, price, price_max)
    if kind == "certificate" and item and not name:
        name = notice().items[item].ko
        name_en = name_en or notice().items[item].en
    row = Fee(
        kind=kind, name=name, name_en=name_en, category=category if kind == "non_covered" else "",
        code=code, materials=materials if materials in MATERIALS else "",
        item=item if kind == "certificate" else None, price=price, price_max=price_max,
        note=note, position=_next_position(), updated_at=clock.now(),
    )  # fmt: skip
    db.session.add(row)
    db.session.flush()
    return row


def change(
    row: Fee,
    *,
    name: str,
    price: int,
    price_max: int | None,
    note: str,
    name_en: str = "",
    category: str = "",
    code: str = "",
    materials: str = "",
    item: str | None = None,
    starts_on: date | None = None,
) -> FeeChange | None:
    """Change a line in place (its date of change is today). A certificate's new price is an
    announced change from ``starts_on``, at least NOTICE_DAYS ahead, replacing one announced
    and not yet in force; its other details change at once. Returns the announced change."""
    item = item if row.kind == "certificate" else None
    _check(row.kind, item, price, price_max)
    row.name, row.name_en, row.note, row.code = name, name_en, note, code
    row.category = category if row.kind == "non_covered" else ""
    row.materials = materials if materials in MATERIALS else ""
    row.item = item
    announced = None
    if row.kind == "certificate":
        today = clock.today()
        line = _line(row, history(row), today)
        if (price, price_max) != (line.price, line.price_max):
            earliest = today + timedelta(days=NOTICE_DAYS)
            if starts_on is None or starts_on < earliest:
                raise FeesRefused("notice_short", "starts_on", days=NOTICE_DAYS,
                                  earliest=format_day(earliest))  # fmt: skip
            if starts_on > today + ANNOUNCE_AHEAD:
                raise FeesRefused("notice_far", "starts_on", days=ANNOUNCE_AHEAD.days)
            if line.coming is not None:
                db.session.delete(line.coming)
            announced = FeeChange(
                fee_id=row.id, price=price, price_max=price_max, previous_price=line.price,
                previous_price_max=line.price_max, announced_on=today, starts_on=starts_on,
                created_at=clock.now(),
            )  # fmt: skip
            db.session.add(announced)
    else:
        row.price, row.price_max = price, price_max
    row.updated_at = clock.now()
    db.session.flush()
    return announced


def withdraw(change: FeeChange) -> None:
    """Take back an announced change that has not applied yet."""
    if change.starts_on <= clock.today():
        return
    db.session.delete(change)
    db.session.flush()


def move(row: Fee, step: int) -> None:
    """Move a line one place up (-1) or down (+1) within its own list."""
    rows = fees(row.kind)
    index = next((n for n, each in enumerate(rows) if each.id == row.id), None)
    if index is None or not 0 <= index + step < len(rows):
        return
    rows[index], rows[index + step] = rows[index + step], rows[index]
    for position, each in enumerate(rows, start=1):
        each.position = position
    db.session.flush()


def remove(row: Fee) -> None:
    db.session.delete(row)
    db.session.flush()


def last_changed() -> datetime | None:
    return db.session.scalar(db.select(db.func.max(Fee.updated_at)))


_PRICE_NOISE = re.compile(r"[\s,원₩]")


def parse_price(raw: str | None) -> int | None:
    """Whole won from what was typed: digits, with commas, spaces or "원" stripped; None for
    anything else (decimals, minus signs, words, more than a billion)."""
    digits = _PRICE_NOISE.sub("", raw or "")
    if not (digits.isascii() and digits.isdigit()):
        return None
    value = int(digits)
    return value if value <= PRICE_MAX else None


def items_listed(rows: Iterable[Fee]) -> set[str]:
    return {row.item for row in rows if row.item}
