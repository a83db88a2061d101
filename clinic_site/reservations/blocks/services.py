"""Blocking time and giving it back. A block takes effect at once: the next page that lists free
times leaves it out (slots.py reads blocks with the seats)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from ...extensions import db
from ...platform import clock
from ..refusals import BookingRefused
from .models import Block

MOST_DAYS_AHEAD = 366  # a block further ahead than this is a typing slip


def add(doctor_id: int | None, start: datetime, end: datetime, reason: str, staff) -> Block:
    """Block ``start``-``end`` (clinic time) for a doctor or, with ``doctor_id`` None, for the
    clinic. Refuses an end not after the start, a block of a day gone by, and one beyond a year."""
    if end <= start:
        raise BookingRefused("block_order", "end")
    today = clock.local_now().replace(hour=0, minute=0, second=0, microsecond=0)
    if start < today:
        raise BookingRefused("block_past", "start")
    if end > datetime.combine(clock.today() + timedelta(days=MOST_DAYS_AHEAD), time(0),
                              tzinfo=clock.zone()):  # fmt: skip
        raise BookingRefused("block_far", "end", days=MOST_DAYS_AHEAD)
    block = Block(
        doctor_id=doctor_id,
        starts_at=start,
        ends_at=end,
        reason=reason.strip()[:200],
        created_at=clock.now(),
        created_by=getattr(staff, "id", None),
    )
    db.session.add(block)
    db.session.flush()
    return block


def remove(block: Block) -> None:
    """Give the time back: it is offered again at once."""
    db.session.delete(block)
    db.session.flush()
