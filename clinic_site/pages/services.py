"""The owner's texts, treatments, fees and notices: reading them for the pages, changing them for
the admin area. Prices are whole won; a price a person types with separators ("1,200,000원") is
read as the number it says."""

from __future__ import annotations

import re
from datetime import datetime

from ..extensions import db
from ..platform import clock
from .models import FEE_KINDS, PRICE_MAX, Fee, Image, Notice, PageText, Treatment
from .refusals import PagesRefused

_PRICE_NOISE = re.compile(r"[\s,원₩]")


def parse_price(raw: str | None) -> int | None:
    """Whole won from what was typed: digits, with commas, spaces or "원" stripped; None for
    anything else (decimals, minus signs, words, more than a billion)."""
    digits = _PRICE_NOISE.sub("", raw or "")
    if not (digits.isascii() and digits.isdigit()):
        return None
    value = int(digits)
    return value if value <= PRICE_MAX else None


def text(key: str) -> PageText | None:
    return db.session.get(PageText, key)


def save_text(key: str, body_ko: str, body_en: str) -> PageText:
    row = db.session.get(PageText, key) or PageText(key=key)
    db.session.add(row)
    # A text box left out of the request is an empty text.
    row.body_ko, row.body_en, row.updated_at = body_ko or "", body_en or "", clock.now()
    db.session.flush()
    return row


def _ordered(model) -> list:
    return list(db.session.scalars(db.select(model).order_by(model.position, model.id)))


def treatments() -> list[Treatment]:
    return _ordered(Treatment)


def _next_position(model) -> int:
    return (db.session.scalar(db.select(db.func.max(model.position))) or 0) + 1


def save_treatment(row: Treatment | None, **values) -> Treatment:
    if row is None:
        row = Treatment(position=_next_position(Treatment))
        db.session.add(row)
    for name, value in values.items():
        setattr(row, name, value)
    db.session.flush()
    return row


def move(model, row_id: int, step: int) -> None:
    """Move a row one place up (-1) or down (+1) in the owner's order."""
    rows = _ordered(model)
    index = next((n for n, row in enumerate(rows) if row.id == row_id), None)
    if index is None or not 0 <= index + step < len(rows):
        return
    rows[index], rows[index + step] = rows[index + step], rows[index]
    for position, row in enumerate(rows, start=1):
        row.position = position
    db.session.flush()


def fees_listed() -> bool:
    """Whether the owner has listed any fee (a step of the clinic's setup)."""
    return db.session.scalar(db.select(Fee.id).limit(1)) is not None


def fees(kind: str) -> list[Fee]:
    return list(
        db.session.scalars(db.select(Fee).where(Fee.kind == kind).order_by(Fee.position, Fee.id))
    )


FEE_LIST = "fee_list"  # the PageText row whose date is the fee lists' last change


def fees_updated() -> datetime | None:
    """When the fee lists last changed (the law asks that the list shows it)."""
    row = db.session.get(PageText, FEE_LIST)
    return row.updated_at if row else None


def _fees_changed() -> None:
    row = db.session.get(PageText, FEE_LIST) or PageText(key=FEE_LIST)
    db.session.add(row)
    row.updated_at = clock.now()


def add_fee(
    kind: str, name: str, price: int, price_max: int | None, note: str, name_en: str = ""
) -> Fee:
    """Add a line to a fee list; refuses an unknown list or a range that runs backwards."""
    if kind not in FEE_KINDS:
        raise PagesRefused("fee_list", "kind")
    if price_max is not None and price_max < price:
        raise PagesRefused("range_backwards", "price_max")
    row = Fee(
        kind=kind,
        name=name,
        name_en=name_en,
        price=price,
        price_max=price_max,
        note=note,
        position=_next_position(Fee),
        updated_at=clock.now(),
    )
    db.session.add(row)
    _fees_changed()
    db.session.flush()
    return row


def change_fee(
    row: Fee,
    kind: str,
    name: str,
    price: int,
    price_max: int | None,
    note: str,
    name_en: str = "",
) -> Fee:
    """Change a line of a fee list in place; its date of change is today."""
    if kind not in FEE_KINDS:
        raise PagesRefused("fee_list", "kind")
    if price_max is not None and price_max < price:
        raise PagesRefused("range_backwards", "price_max")
    if kind != row.kind:
        row.position = _next_position(Fee)
    row.kind, row.name, row.name_en, row.note = kind, name, name_en, note
    row.price, row.price_max, row.updated_at = price, price_max, clock.now()
    _fees_changed()
    db.session.flush()
    return row


def move_fee(row: Fee, step: int) -> None:
    """Move a line one place up (-1) or down (+1) within its own list."""
    rows = fees(row.kind)
    index = next((n for n, each in enumerate(rows) if each.id == row.id), None)
    if index is None or not 0 <= index + step < len(rows):
        return
    rows[index], rows[index + step] = rows[index + step], rows[index]
    for position, each in enumerate(rows, start=1):
        each.position = position
    db.session.flush()


def remove_fee(row: Fee) -> None:
    db.session.delete(row)
    _fees_changed()
    db.session.flush()


def notices(limit: int | None = None) -> list[Notice]:
    select = db.select(Notice).order_by(Notice.published_at.desc(), Notice.id.desc())
    return list(db.session.scalars(select.limit(limit) if limit else select))


def save_notice(row: Notice | None, **values) -> Notice:
    if row is None:
        row = Notice(published_at=clock.now())
        db.session.add(row)
    else:
        row.updated_at = clock.now()
    for name, value in values.items():
        setattr(row, name, value)
    db.session.flush()
    return row


def images(kind: str = "clinic") -> list[Image]:
    return list(
        db.session.scalars(
            db.select(Image).where(Image.kind == kind).order_by(Image.position, Image.id)
        )
    )
