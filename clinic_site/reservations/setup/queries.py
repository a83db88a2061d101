"""Reading what the owner set up: the booking rules (kept while the site's revision holds) and the
treatments that can be booked."""

from __future__ import annotations

from dataclasses import dataclass, fields

from ...cache.revision import copies, kept
from ...extensions import db
from .models import BookingSettings, Service


@dataclass(frozen=True)
class Rules:
    """The owner's booking rules (``BookingSettings``), as every page reads them."""

    slot_minutes: int = 30
    per_slot: int = 1
    horizon_days: int = 30
    notice_minutes: int = 120
    cancel_hours: int = 24
    confirm_at_once: bool = True
    guest_requests: bool = True


RULES = tuple(f.name for f in fields(Rules))


def _read_rules() -> Rules:
    row = db.session.get(BookingSettings, 1)
    return Rules(**{name: getattr(row, name) for name in RULES}) if row else Rules()


def booking_rules() -> Rules:
    """The booking rules, kept while the site's revision holds (the defaults before the owner
    saves any)."""
    return kept("booking_rules", _read_rules)


def _read_offered() -> tuple[Service, ...]:
    # Copies no session knows, read by the requests that come; a change goes through the row.
    table = Service.__table__
    select = db.select(table).where(table.c.active).order_by(table.c.position, table.c.id)
    return copies(Service, select)


def offered() -> list[Service]:
    """The treatments that can be booked, in the owner's order, kept while the site's revision
    holds."""
    return list(kept("offered_services", _read_offered))


def booking_checked() -> bool:
    """Whether the owner has said what patients book: saved a treatment to book, added one from
    the website's, or kept the list as it is (setup list)."""
    row = db.session.get(BookingSettings, 1)
    return row is not None and row.booking_checked
