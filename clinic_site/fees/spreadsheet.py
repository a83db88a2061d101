"""The non-covered list as the CSV file the owner keeps in a spreadsheet: exported, and read back
all or nothing, every wrong line named."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _

from ..extensions import db
from ..platform import clock
from ..platform.refusals import Refusal
from .models import MATERIALS, Fee
from .refusals import FeesRefused
from .services import fees, lines, parse_price

CSV_LIMIT = 1_000_000  # bytes of a fee list file read at most
CSV_COLUMNS = ("category", "name", "name_en", "code", "price", "price_max", "materials", "note")
# The materials column in the owner's words: a Korean spreadsheet says 포함 or 별도. Both these
# and the codes are read back.
MATERIAL_WORDS = {"included": "포함", "separate": "별도"}
MATERIAL_CODES = {word: code for code, word in MATERIAL_WORDS.items()}


def export_csv() -> str:
    """The non-covered list as CSV (UTF-8 with a byte-order mark, so a spreadsheet reads the
    Korean): the columns import_csv reads back."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for line in lines("non_covered"):
        row = line.fee
        writer.writerow([
            _cell(row.category), _cell(row.name), _cell(row.name_en), _cell(row.code), row.price,
            row.price_max if row.price_max is not None else "", _material_word(row.materials),
            _cell(row.note),
        ])  # fmt: skip
    return out.getvalue()


def _material_word(code: str) -> str:
    korean = current_app.config["CLINIC_LANGUAGE"] == "ko"
    return MATERIAL_WORDS.get(code, code) if korean else code


def _cell(text: str) -> str:
    # A cell a spreadsheet would run as a formula is written as text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@dataclass(frozen=True)
class Parsed:
    category: str
    name: str
    name_en: str
    code: str
    price: int
    price_max: int | None
    materials: str
    note: str


def _won(value: str) -> int | None:
    """A CSV cell's price: None when empty; ValueError when it is not whole won."""
    if not value.strip():
        return None
    price = parse_price(value)
    if price is None:
        raise ValueError(value)
    return price


def _parse(data: bytes) -> list[Parsed]:
    if len(data) > CSV_LIMIT:
        raise FeesRefused("csv_too_large", "file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FeesRefused("csv_unreadable", "file") from None
    rows = list(csv.reader(io.StringIO(text)))
    header = [cell.strip().lower() for cell in (rows[0] if rows else [])]
    if tuple(header[: len(CSV_COLUMNS)]) != CSV_COLUMNS:
        raise FeesRefused("csv_header", "file", columns=", ".join(CSV_COLUMNS))
    found: list[Parsed] = []
    problems: list[Refusal] = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        cells = [cell.strip() for cell in cells] + [""] * len(CSV_COLUMNS)
        values = dict(zip(CSV_COLUMNS, cells, strict=False))
        for name in ("category", "name", "name_en", "code", "note"):
            values[name] = values[name].lstrip("'")
        values["materials"] = MATERIAL_CODES.get(values["materials"], values["materials"].lower())
        problem = _problem(values)
        if problem is not None:
            problems.append(FeesRefused("csv_line", "file", line=number, problem=problem))
            continue
        found.append(Parsed(
            values["category"], values["name"], values["name_en"], values["code"],
            _won(values["price"]) or 0, _won(values["price_max"]), values["materials"],
            values["note"],
        ))  # fmt: skip
    if problems:
        first = problems[0]
        first.also = problems[1:]
        raise first
    if not found:
        raise FeesRefused("csv_empty", "file")
    return found


def _problem(values: dict[str, str]) -> str | None:
    if not values["name"]:
        return _("the item's name is missing.")
    if len(values["name"]) > 100 or len(values["category"]) > 60 or len(values["note"]) > 200:
        return _("a cell is too long (item 100, category 60, remarks 200 characters).")
    try:
        price, price_max = _won(values["price"]), _won(values["price_max"])
    except ValueError as wrong:
        return _("“%(value)s” is not a price in whole won.", value=str(wrong))
    if price is None:
        return _("the price is missing.")
    if price_max is not None and price_max < price:
        return _("the upper price is below the price.")
    if values["materials"] not in MATERIALS:
        return _("materials must be empty, “included” or “separate”.")
    return None


def import_csv(data: bytes) -> int:
    """Replace the non-covered list with the file's lines, all or nothing. A line whose
    category, name and values did not change keeps its date of change; the others are today's."""
    parsed = _parse(data)
    existing = {(row.category, row.name): row for row in fees("non_covered")}
    keep: set[int] = set()
    now = clock.now()
    for position, line in enumerate(parsed, start=1):
        row = existing.get((line.category, line.name))
        values = (line.name_en, line.code, line.price, line.price_max, line.materials, line.note)
        if row is None:
            row = Fee(kind="non_covered", category=line.category, name=line.name,
                      updated_at=now)  # fmt: skip
            db.session.add(row)
        elif values != (row.name_en, row.code, row.price, row.price_max, row.materials, row.note):
            row.updated_at = now
        row.name_en, row.code, row.price, row.price_max, row.materials, row.note = values
        row.position = position
        db.session.flush()
        keep.add(row.id)
    for row in existing.values():
        if row.id not in keep:
            db.session.delete(row)
    db.session.flush()
    return len(parsed)
