"""The owner's texts, treatments and notices: reading them for the pages, changing them for the
admin area."""

from __future__ import annotations

from ..extensions import db
from ..platform import clock
from .models import Image, Notice, PageText, Treatment


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


def has_treatments() -> bool:
    """Whether the owner has introduced at least one treatment (a setup step)."""
    return db.session.scalar(db.select(Treatment.id).limit(1)) is not None


def has_directions() -> bool:
    """Whether the way to the clinic is written (a setup step)."""
    body = db.session.scalar(db.select(PageText.body_ko).where(PageText.key == "transit"))
    return bool((body or "").strip())


def has_notice() -> bool:
    """Whether the owner has posted a notice (a setup step)."""
    return db.session.scalar(db.select(Notice.id).limit(1)) is not None
